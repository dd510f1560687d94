/**
 * Turns a text resource into bytes with a strong ETag, once per isolate: the first request
 * renders and hashes, every later one reuses the result.
 */
import type { Resource } from "./resources.ts";

export interface Prepared {
  body: Uint8Array;
  etag: string;
}

const prepared = new WeakMap<Resource, Promise<Prepared>>();

export function prepare(resource: Resource): Promise<Prepared> {
  let p = prepared.get(resource);
  if (!p) {
    p = (async () => {
      const body = new TextEncoder().encode(resource.render!());
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
      return { body, etag: `"${base64url(digest).slice(0, 27)}"` };
    })();
    prepared.set(resource, p);
    p.catch(() => prepared.delete(resource)); // a failed render is retried, not cached
  }
  return p;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
