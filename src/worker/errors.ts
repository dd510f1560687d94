/**
 * 404, 405 and 500 answers: HTML for people, JSON for clients that ask for JSON. Where the
 * answer depends on Accept (every path but a .json or .jsonld one, which always gets JSON) it
 * says so with Vary: Accept, so a shared cache never hands the JSON error to a browser.
 */
import type { Site } from "../model/document.ts";
import { renderErrorPage } from "../render/html/error-page.ts";
import { wantsJsonError } from "./negotiate.ts";
import { htmlSecurityHeaders } from "./policy.ts";

const messages: Record<number, string> = {
  404: "There is nothing at this address. The article may have moved, or the link may be mistyped.",
  405: "This address can only be read: use GET or HEAD.",
  500: "Something went wrong on our side. Please try again later.",
};

export async function errorResponse(request: Request, site: Site, status: number, allow: string): Promise<Response> {
  const message = messages[status] ?? messages[500]!;
  const path = safePath(request.url);
  const headers = new Headers({ "Cache-Control": status === 404 ? "public, max-age=60" : "no-store", "X-Content-Type-Options": "nosniff" });
  if (status === 405) headers.set("Allow", allow);
  const head = request.method === "HEAD";
  if (!/\.json(ld)?$/.test(path)) headers.set("Vary", "Accept");
  if (wantsJsonError(path, request.headers.get("Accept"))) {
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("Access-Control-Allow-Origin", "*");
    return new Response(head ? null : JSON.stringify({ error: { status, message } }), { status, headers });
  }
  for (const [k, v] of Object.entries(await htmlSecurityHeaders())) headers.set(k, v);
  headers.set("Content-Type", "text/html; charset=utf-8");
  return new Response(head ? null : renderErrorPage(site, status, message), { status, headers });
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "/";
  }
}
