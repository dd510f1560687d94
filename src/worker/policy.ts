/** Response header policy by kind of resource: caching, CORS, and the HTML security headers. */
import { stylesheet } from "../render/html/style.ts";

/**
 * html: pages; data: JSON; feed: RSS/Atom/JSON Feed/OPDS; file: EPUB and cover images; figure: a
 * figure's web-sized image, named by its hash; crawler: sitemap and robots.txt; icon: the favicon.
 */
export type Kind = "html" | "data" | "feed" | "file" | "figure" | "crawler" | "icon";

// Pages and data change when the site is deployed: short freshness, then revalidate with the ETag.
// Feed readers poll: 15 minutes. Built files (EPUB, images) change rarely; the icon almost never.
const cacheControl: Record<Kind, string> = {
  html: "public, max-age=300, stale-while-revalidate=3600",
  data: "public, max-age=300, stale-while-revalidate=3600",
  feed: "public, max-age=900, stale-while-revalidate=3600",
  file: "public, max-age=86400, stale-while-revalidate=604800",
  // A new image gets a new name (its hash), so a name's bytes never change: cache for a year.
  figure: "public, max-age=31536000, immutable",
  crawler: "public, max-age=86400",
  icon: "public, max-age=604800, stale-while-revalidate=2592000",
};

/** Response headers a cross-origin script may read besides the safelisted ones (Fetch standard). */
export const EXPOSE_HEADERS = "ETag, Last-Modified, Content-Range, Content-Disposition";
/** Request headers a script that revalidates and resumes sends, allowed by the preflight. */
export const ALLOW_HEADERS = "Accept, If-None-Match, If-Modified-Since, If-Match, If-Unmodified-Since, Range, If-Range";

/** Search results: made per request from the deployed index; kept a short while by caches. */
export const queryCacheControl = "public, max-age=60, stale-while-revalidate=600";

export function cacheControlOf(kind: Kind): string {
  return cacheControl[kind];
}

/** Every kind but HTML pages may be read by scripts on other origins. */
export function corsApplies(kind: Kind): boolean {
  return kind !== "html";
}

let styleHash: Promise<string> | undefined;

/** sha256 of the inline stylesheet, for the CSP (computed once per isolate). */
function styleSource(): Promise<string> {
  styleHash ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(stylesheet)).then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
  return styleHash;
}

/** Headers a 200 of this kind carries (besides Content-Type, ETag, Last-Modified). */
export async function policyHeaders(kind: Kind): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "Cache-Control": cacheControl[kind], "X-Content-Type-Options": "nosniff" };
  if (kind === "html") Object.assign(headers, await htmlSecurityHeaders());
  if (corsApplies(kind)) {
    headers["Access-Control-Allow-Origin"] = "*";
    headers["Access-Control-Expose-Headers"] = EXPOSE_HEADERS;
  }
  return headers;
}

/** No scripts at all, one hashed stylesheet, images from this origin, forms (search) to this origin, never framed. */
export async function htmlSecurityHeaders(): Promise<Record<string, string>> {
  return {
    "Content-Security-Policy": `default-src 'none'; style-src ${await styleSource()}; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  };
}
