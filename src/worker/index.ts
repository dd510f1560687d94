/**
 * Folio's edge worker. Every route answers GET and HEAD (other methods: 405 with Allow),
 * sends a strong ETag and answers If-None-Match / If-Modified-Since with 304.
 *
 *   /                                      index of articles, newest first (HTML)
 *   /articles/<slug>                       the article page; Accept: application/json gets the JSON
 *   /articles/<slug>.json                  the article as JSON
 *   /articles/<slug>.epub                  the EPUB (attachment, byte ranges)
 *   /articles/<slug>/annotations.jsonld    W3C Web Annotation collection
 *   /articles/<slug>/cover.png, og.png     cover and Open Graph images
 *   /articles.json                         the index as JSON
 *   /feed.xml  /atom.xml  /feed.json       RSS 2.0, Atom 1.0, JSON Feed 1.1
 *   /opds.xml                              OPDS 1.2 acquisition feed
 *   /schema/article.json                   JSON Schema of the article JSON
 *   /sitemap.xml  /robots.txt              for crawlers
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { assets, catalog, loadArticle, loadFile, schema } from "./data.ts";
import { errorResponse } from "./errors.ts";
import { prefersJson } from "./negotiate.ts";
import { respond, respondPrepared } from "./respond.ts";
import { resourceMap } from "./resources.ts";

const resources = resourceMap(catalog, assets, schema, { article: loadArticle, file: loadFile });
const ALLOW = "GET, HEAD, OPTIONS";

const app = new Hono<{ Bindings: Env }>();

app.get("*", async (c) => {
  const path = c.req.path;
  const resource = resources.get(path);
  if (!resource) {
    // A trailing slash or repeated slashes redirect to the canonical path when it exists.
    const canonical = path.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
    if (canonical !== path && resources.has(canonical)) return c.redirect(canonical + new URL(c.req.url).search, 301);
    throw new HTTPException(404);
  }
  const variant = resource.json && prefersJson(c.req.header("Accept")) ? resource.json : resource;
  return respond(c.req.raw, variant);
});

app.options("*", (c) => {
  if (!resources.has(c.req.path)) throw new HTTPException(404);
  return c.body(null, 204, { Allow: ALLOW, "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": ALLOW, "Access-Control-Max-Age": "86400" });
});

app.all("*", (c) => {
  if (!resources.has(c.req.path)) throw new HTTPException(404);
  throw new HTTPException(405);
});

app.onError((error, c) => {
  if (error instanceof HTTPException && error.status < 500) return errorResponse(c.req.raw, catalog.site, error.status, ALLOW);
  console.error(`${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorResponse(c.req.raw, catalog.site, 500, ALLOW);
});

/**
 * A GET for a text resource this isolate has already prepared is answered straight from the
 * prepared bytes and headers (the same ones `respond` uses), without Hono's routing and
 * Context: measured at about 10% of the request's cost (BENCHMARKS.md). Everything else
 * (first renders, files, HEAD, other methods, redirects, misses, errors) goes through Hono.
 */
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    if (request.method === "GET") {
      const resource = resources.get(plainPath(request.url));
      const variant = resource?.json && prefersJson(request.headers.get("Accept") ?? undefined) ? resource.json : resource;
      const answer = variant && respondPrepared(request, variant);
      if (answer) return answer;
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;

/** The path of a URL as Hono's c.req.path gives it, or "" when it needs decoding (Hono does that). */
function plainPath(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const query = url.indexOf("?", start);
  const path = query === -1 ? url.slice(start) : url.slice(start, query);
  return path.includes("%") ? "" : path;
}
