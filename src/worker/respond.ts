/** Builds the response for a resource: 200, 304, 206 or 416, with the policy's headers. */
import { notModified, httpDate } from "./conditional.ts";
import { policyHeaders } from "./policy.ts";
import { prepare } from "./prepare.ts";
import { decideRange } from "./range.ts";
import type { Resource } from "./resources.ts";

export async function respond(request: Request, resource: Resource, assets: Fetcher, vary?: string): Promise<Response> {
  const headers = new Headers(await policyHeaders(resource.kind));
  headers.set("Content-Type", resource.type);
  headers.set("Last-Modified", httpDate(resource.modified));
  if (vary) headers.set("Vary", vary);

  if (resource.file) return respondFile(request, resource, headers, assets);

  const { body, etag } = await prepare(resource);
  headers.set("ETag", etag);
  if (notModified(request.headers, etag, resource.modified)) return notModifiedResponse(headers);
  headers.set("Content-Length", String(body.byteLength));
  return new Response(body, { status: 200, headers });
}

async function respondFile(request: Request, resource: Resource, headers: Headers, assets: Fetcher): Promise<Response> {
  const file = resource.file!;
  headers.set("ETag", file.etag);
  headers.set("Accept-Ranges", "bytes");
  if (file.download) headers.set("Content-Disposition", `attachment; filename="${file.download}"`);
  if (notModified(request.headers, file.etag, resource.modified)) return notModifiedResponse(headers);

  const range = decideRange(request.headers, file.size, file.etag, resource.modified);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${file.size}`);
    headers.delete("Content-Type");
    return new Response(null, { status: 416, headers });
  }
  if (request.method === "HEAD") {
    if (range.kind === "partial") headers.set("Content-Range", `bytes ${range.start}-${range.end}/${file.size}`);
    headers.set("Content-Length", String(range.kind === "partial" ? range.end - range.start + 1 : file.size));
    return new Response(null, { status: range.kind === "partial" ? 206 : 200, headers });
  }
  const stored = await assets.fetch(new Request(new URL(file.path, "https://assets.invalid")));
  if (!stored.ok || !stored.body) throw new Error(`built file ${file.path} is missing from the assets (status ${stored.status})`);
  if (range.kind === "full") {
    headers.set("Content-Length", String(file.size));
    return new Response(stored.body, { status: 200, headers });
  }
  const bytes = new Uint8Array(await stored.arrayBuffer()).subarray(range.start, range.end + 1);
  headers.set("Content-Range", `bytes ${range.start}-${range.end}/${file.size}`);
  headers.set("Content-Length", String(bytes.byteLength));
  return new Response(bytes, { status: 206, headers });
}

/** 304 keeps the validators and caching headers and drops the body's own (RFC 9110 §15.4.5). */
function notModifiedResponse(headers: Headers): Response {
  for (const h of ["Content-Type", "Content-Length", "Content-Disposition", "Accept-Ranges"]) headers.delete(h);
  return new Response(null, { status: 304, headers });
}
