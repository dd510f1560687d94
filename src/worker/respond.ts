/** The response for a resource: 200, 304, 412, 206 or 416, from its prepared bytes and headers. */
import { preconditions } from "./conditional.ts";
import { prepare, prepared, type Prepared, type Records } from "./prepare.ts";
import { decideRange } from "./range.ts";
import type { Resource } from "./resources.ts";
import { respondQuery } from "./dynamic.ts";

export async function respond(request: Request, resource: Resource, recorded: Records): Promise<Response> {
  if (resource.query) return respondQuery(request, resource);
  return fromMemory(request, resource, prepared(resource) ?? (await prepare(resource, recorded)));
}

/** The answer for a resource already prepared in this isolate, without awaiting; else undefined. */
export function respondPrepared(request: Request, resource: Resource): Response | undefined {
  const p = prepared(resource);
  return p && fromMemory(request, resource, p);
}

function fromMemory(request: Request, resource: Resource, p: Prepared): Response {
  const status = preconditions(request.headers, p.etag, p.modified);
  if (status === 304) return new Response(null, p.notModified);
  if (status === 412) return new Response(null, p.failed);
  if (resource.file) return fileResponse(request, p.body.byteLength, p);
  return new Response(p.body, p.ok);
}

/** Built files: whole, or one byte range (RFC 9110 §14). */
function fileResponse(request: Request, size: number, p: Prepared): Response {
  const range = decideRange(request.headers, size, p.etag, p.lastModified);
  if (range.kind === "full") return new Response(p.body, p.ok);
  const headers = new Headers(p.ok.headers);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.delete("Content-Type");
    headers.set("Content-Length", "0");
    return new Response(null, { status: 416, headers });
  }
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  headers.set("Content-Length", String(range.end - range.start + 1));
  return new Response(p.body.subarray(range.start, range.end + 1), { status: 206, headers });
}
