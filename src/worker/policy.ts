/** Response header policy by kind of resource: caching, CORS, and the HTML security headers. */
import { stylesheet } from "../render/html/style.ts";

export type Kind = "html" | "data" | "feed" | "file" | "text";

// Pages and data change when the site is deployed: short freshness, then revalidate with the ETag.
// Feed readers poll: 15 minutes. Built files (EPUB, images) change rarely.
const cacheControl: Record<Kind, string> = {
  html: "public, max-age=300, stale-while-revalidate=3600",
  data: "public, max-age=300, stale-while-revalidate=3600",
  feed: "public, max-age=900, stale-while-revalidate=3600",
  file: "public, max-age=86400, stale-while-revalidate=604800",
  text: "public, max-age=86400",
};

let styleHash: Promise<string> | undefined;

/** sha256 of the inline stylesheet, for the CSP (computed once per isolate). */
function styleSource(): Promise<string> {
  styleHash ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(stylesheet)).then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
  return styleHash;
}

/** Headers every response of this kind carries (besides Content-Type, ETag, Last-Modified). */
export async function policyHeaders(kind: Kind): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "Cache-Control": cacheControl[kind], "X-Content-Type-Options": "nosniff" };
  if (kind === "html") Object.assign(headers, await htmlSecurityHeaders());
  else headers["Access-Control-Allow-Origin"] = "*";
  return headers;
}

/** No scripts at all, one hashed stylesheet, images from this origin, never framed. */
export async function htmlSecurityHeaders(): Promise<Record<string, string>> {
  return {
    "Content-Security-Policy": `default-src 'none'; style-src ${await styleSource()}; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  };
}

