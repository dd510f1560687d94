/**
 * Everything about a resource's response that doesn't depend on the request, worked out once
 * per isolate: the rendered bytes, the strong ETag, and the header lists for 200 and 304.
 * The first request renders and hashes; every later one reuses the result.
 */
import { strongEtag } from "../model/etag.ts";
import { httpDate } from "./conditional.ts";
import { policyHeaders } from "./policy.ts";
import type { Resource } from "./resources.ts";

export type HeaderList = [string, string][];

export interface Prepared {
  /** The rendered text, or the built file as read once from the ASSETS binding. */
  body: Uint8Array;
  etag: string;
  /** Headers of a full 200 response (Content-Length of the whole body). */
  headers: HeaderList;
  /** Headers of a 304: validators and caching, none describing a body (RFC 9110 §15.4.5). */
  notModified: HeaderList;
}

/**
 * Prepared responses kept per isolate, oldest first. The byte budget keeps a large site
 * within an isolate's 128 MB: beyond it, the oldest are made again on demand.
 */
const BUDGET = 48 * 1024 * 1024;
let kept = 0;
const ready = new Map<Resource, Prepared>();
const pending = new Map<Resource, Promise<Prepared>>();

/** The prepared response, if this isolate has it (the warm path: no await). */
export function prepared(resource: Resource): Prepared | undefined {
  return ready.get(resource);
}

export function prepare(resource: Resource): Promise<Prepared> {
  let p = pending.get(resource);
  if (!p) {
    p = build(resource).then(
      (done) => {
        pending.delete(resource);
        ready.set(resource, done);
        kept += done.body.byteLength;
        for (const [old, p] of ready) {
          if (kept <= BUDGET || old === resource) break;
          ready.delete(old);
          kept -= p.body.byteLength;
        }
        return done;
      },
      (error: unknown) => {
        pending.delete(resource); // a failed render is retried, not cached
        throw error;
      },
    );
    pending.set(resource, p);
  }
  return p;
}

async function build(resource: Resource): Promise<Prepared> {
  let body: Uint8Array;
  let etag: string;
  let length: number;
  if (resource.file) {
    body = await resource.file.load();
    if (body.byteLength !== resource.file.size) throw new Error(`built file ${resource.file.path} has ${body.byteLength} bytes, the manifest says ${resource.file.size}: build again`);
    etag = resource.file.etag;
    length = resource.file.size;
  } else {
    body = new TextEncoder().encode(await resource.render!());
    etag = strongEtag(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
    length = body.byteLength;
  }
  const common: HeaderList = [...Object.entries(await policyHeaders(resource.kind)), ["ETag", etag], ["Last-Modified", httpDate(resource.modified)]];
  if (resource.vary) common.push(["Vary", resource.vary]);
  const headers: HeaderList = [...common, ["Content-Type", resource.type], ["Content-Length", String(length)]];
  if (resource.file) {
    headers.push(["Accept-Ranges", "bytes"]);
    if (resource.file.download) headers.push(["Content-Disposition", `attachment; filename="${resource.file.download}"`]);
  }
  return { body, etag, headers, notModified: common };
}
