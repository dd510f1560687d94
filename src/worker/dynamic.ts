/**
 * The response for a resource whose body depends on the query string (search): made per
 * request, with a strong ETag that is the hash of those bytes (so a 304 is exact whatever
 * changed: the index, a template or site.yaml), the headers of its kind, a short Cache-Control,
 * and no Last-Modified (no one knows when a page of results last changed).
 */
import { strongEtag } from "../model/etag.ts";
import { preconditions } from "./conditional.ts";
import { corsApplies, policyHeaders, queryCacheControl } from "./policy.ts";
import type { Resource } from "./resources.ts";

export async function respondQuery(request: Request, resource: Resource): Promise<Response> {
  const body = new TextEncoder().encode(await resource.query!(new URL(request.url).searchParams));
  const etag = strongEtag(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
  const cors: [string, string][] = corsApplies(resource.kind) ? [["Access-Control-Allow-Origin", "*"]] : [];
  const vary: [string, string][] = resource.vary ? [["Vary", resource.vary]] : [];
  const status = preconditions(request.headers, etag, undefined);
  if (status === 304) return new Response(null, { status, headers: [["ETag", etag], ["Cache-Control", queryCacheControl], ...vary, ...cors] });
  if (status === 412) return new Response(null, { status, headers: [["ETag", etag], ...cors] });
  const headers = new Headers(await policyHeaders(resource.kind));
  headers.set("Cache-Control", queryCacheControl);
  headers.set("ETag", etag);
  for (const [name, value] of vary) headers.set(name, value);
  headers.set("Content-Type", resource.type);
  headers.set("Content-Length", String(body.byteLength));
  return new Response(body, { status: 200, headers });
}
