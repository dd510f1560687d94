/**
 * Everything about a resource's response that doesn't depend on the request, worked out once
 * per isolate: the bytes, the validators the build recorded for them, and the status and
 * headers of the 200, 304 and 412 answers. The first request renders (or reads the file);
 * every later one reuses the result without awaiting or building headers. The ETag and
 * Last-Modified are the build's record (src/build/validators.ts); only when it recorded
 * nothing (an older dist/, or one the benchmarks emptied) is the body hashed here, and no
 * Last-Modified is sent, since no one knows when those bytes last changed.
 */
import { strongEtag } from "../model/etag.ts";
import { keep } from "./budget.ts";
import { httpDate } from "./conditional.ts";
import { cacheControlOf, corsApplies, policyHeaders } from "./policy.ts";
import type { Resource } from "./resources.ts";
import type { WorkerData } from "./open-data.ts";

/** Where the build's record of a resource's bytes comes from (open-data.ts). */
export type Records = WorkerData["recorded"];

export type HeaderList = [string, string][];

export interface Prepared {
  /** The rendered text, or the built file as read once from the ASSETS binding. */
  body: Uint8Array;
  etag: string;
  /** When the bytes last changed, in whole seconds since 1970, if the build recorded it. */
  modified: number | undefined;
  /** The same as an IMF-fixdate: the Last-Modified header. */
  lastModified: string | undefined;
  /** A full 200 (Content-Length of the whole body). */
  ok: ResponseInit & { headers: HeaderList };
  /** A 304: only what RFC 9110 §15.4.5 lists (ETag, Cache-Control, Vary) plus the CORS origin. */
  notModified: ResponseInit;
  /** A 412: the current ETag, and the CORS origin so a script can read it. */
  failed: ResponseInit;
}

/** Prepared responses kept per isolate, within the byte budget shared with packs (budget.ts). */
const ready = new Map<Resource, Prepared>();
const pending = new Map<Resource, Promise<Prepared>>();

/** The prepared response, if this isolate has it (the warm path: no await). */
export function prepared(resource: Resource): Prepared | undefined {
  return ready.get(resource);
}

export function prepare(resource: Resource, recorded: Records): Promise<Prepared> {
  let p = pending.get(resource);
  if (!p) {
    p = build(resource, recorded).then(
      (done) => {
        pending.delete(resource);
        ready.set(resource, done);
        keep(resource, done.body.byteLength, () => ready.delete(resource));
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

async function build(resource: Resource, recorded: Records): Promise<Prepared> {
  const [body, found] = await Promise.all([bytesOf(resource), recorded(resource)]);
  // A record whose size differs from the bytes is from another build: it is not trusted.
  const record = found && found.size === body.byteLength ? found : undefined;
  const etag = record?.etag || strongEtag(new Uint8Array(await crypto.subtle.digest("SHA-256", body)));
  const modified = record?.modified ? Math.floor(Date.parse(record.modified) / 1000) : undefined;
  const lastModified = record?.modified ? httpDate(record.modified) : undefined;

  const cors: HeaderList = corsApplies(resource.kind) ? [["Access-Control-Allow-Origin", "*"]] : [];
  const vary: HeaderList = resource.vary ? [["Vary", resource.vary]] : [];
  const notModified: HeaderList = [["ETag", etag], ["Cache-Control", cacheControlOf(resource.kind)], ...vary, ...cors];

  const headers: HeaderList = [...Object.entries(await policyHeaders(resource.kind)), ["ETag", etag], ...vary];
  if (lastModified) headers.push(["Last-Modified", lastModified]);
  headers.push(["Content-Type", resource.type], ["Content-Length", String(body.byteLength)]);
  if (resource.file) {
    headers.push(["Accept-Ranges", "bytes"]);
    if (resource.file.download) headers.push(["Content-Disposition", `attachment; filename="${resource.file.download}"`]);
  }
  return {
    body,
    etag,
    modified,
    lastModified,
    ok: { status: 200, headers },
    notModified: { status: 304, headers: notModified },
    failed: { status: 412, headers: [["ETag", etag], ...cors] },
  };
}

async function bytesOf(resource: Resource): Promise<Uint8Array> {
  return resource.file ? resource.file.load() : new TextEncoder().encode(await resource.render!());
}
