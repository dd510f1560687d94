/**
 * The routing decision, made in one place for both dispatchers in index.ts: the URL's path
 * (percent-decoded as Hono decodes it), then the resource at that path, then the variant the
 * Accept header chooses. A path that differs from a known one only by a trailing slash or
 * repeated slashes is a redirect to the canonical path, keeping the query.
 */
import { prefersJson } from "./negotiate.ts";
import type { Resource } from "./resources.ts";

export interface Redirect {
  location: string;
}

/** The resource (or variant) to answer with, a redirect, or undefined for a path Folio does not have. */
export function decide(resources: Map<string, Resource>, request: Request): Resource | Redirect | undefined {
  const url = request.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const query = url.indexOf("?", start);
  const raw = query === -1 ? url.slice(start) : url.slice(start, query);
  const path = raw.includes("%") ? decodePath(raw) : raw;
  const resource = resources.get(path);
  if (resource) return resource.json && prefersJson(request.headers.get("Accept")) ? resource.json : resource;
  const canonical = path.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
  if (canonical !== path && resources.has(canonical)) return { location: canonical + (query === -1 ? "" : url.slice(query)) };
  return undefined;
}

/** The resource at the request's exact path, whatever the variant (for OPTIONS and 405). */
export function resourceAt(resources: Map<string, Resource>, request: Request): Resource | undefined {
  const target = decide(resources, request);
  return target && "kind" in target ? target : undefined;
}

export function isRedirect(target: Resource | Redirect): target is Redirect {
  return "location" in target;
}

/** decodeURI, keeping any escape that does not decode (as Hono's getPath does). */
function decodePath(raw: string): string {
  try {
    return decodeURI(raw);
  } catch {
    return raw.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
      try {
        return decodeURI(m);
      } catch {
        return m;
      }
    });
  }
}
