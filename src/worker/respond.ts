/** The response for a resource: 200, 304, 206 or 416, from its prepared headers. */
import { notModified } from "./conditional.ts";
import { prepare, prepared, type HeaderList, type Prepared } from "./prepare.ts";
import { decideRange } from "./range.ts";
import type { Resource } from "./resources.ts";

export async function respond(request: Request, resource: Resource, assets: Fetcher): Promise<Response> {
  const p = prepared(resource) ?? (await prepare(resource));
  return fromMemory(request, resource, p) ?? respondFile(request, resource, p.headers, assets);
}

/** The answer for a text resource already prepared in this isolate, without awaiting; else undefined. */
export function respondPrepared(request: Request, resource: Resource): Response | undefined {
  const p = prepared(resource);
  return p?.body ? fromMemory(request, resource, p) : undefined;
}

/** 304 for a current copy; 200 with the prepared body for a text resource; undefined for a file. */
function fromMemory(request: Request, resource: Resource, p: Prepared): Response | undefined {
  if (notModified(request.headers, p.etag, resource.modified)) return new Response(null, { status: 304, headers: p.notModified });
  return p.body ? new Response(p.body, { status: 200, headers: p.headers }) : undefined;
}

/** Built files: whole, or one byte range (RFC 9110 §14), read from the ASSETS binding. */
async function respondFile(request: Request, resource: Resource, full: HeaderList, assets: Fetcher): Promise<Response> {
  const file = resource.file!;
  const range = decideRange(request.headers, file.size, file.etag, resource.modified);
  if (range.kind === "unsatisfiable") {
    const headers = new Headers(full);
    headers.set("Content-Range", `bytes */${file.size}`);
    headers.delete("Content-Type");
    headers.set("Content-Length", "0");
    return new Response(null, { status: 416, headers });
  }
  const partial = range.kind === "partial";
  const headers = new Headers(full);
  if (partial) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${file.size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
  }
  if (request.method === "HEAD") return new Response(null, { status: partial ? 206 : 200, headers });

  const stored = await assets.fetch(new Request(new URL(file.path, "https://assets.invalid")));
  if (!stored.ok || !stored.body) throw new Error(`built file ${file.path} is missing from the assets (status ${stored.status})`);
  if (!partial) return new Response(stored.body, { status: 200, headers });
  const bytes = new Uint8Array(await stored.arrayBuffer()).subarray(range.start, range.end + 1);
  return new Response(bytes, { status: 206, headers });
}
