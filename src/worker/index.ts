/**
 * Folio's edge worker. Every route answers GET and HEAD (other methods: 405 with Allow),
 * sends a strong ETag and the Last-Modified the build recorded, and answers the
 * preconditions of RFC 9110 §13 (304, 412, byte ranges on built files).
 *
 *   /                                      index of articles, newest first (HTML), a page at a time
 *   /page/<n>, /tags, /tags/<slug>, …      later pages, tags and their feeds: list-resources.ts
 *   /articles/<slug>                       the article page; a client preferring JSON gets the JSON
 *   /articles/<slug>.json                  the article as JSON
 *   /articles/<slug>.epub                  the EPUB (attachment, byte ranges)
 *   /articles/<slug>/annotations.jsonld    W3C Web Annotation collection
 *   /articles/<slug>/cover.png, og.png     cover and Open Graph images
 *   /articles.json                         the index as JSON
 *   /feed.xml  /atom.xml  /feed.json       RSS 2.0, Atom 1.0, JSON Feed 1.1
 *   /opds.xml                              OPDS 1.2 acquisition feed
 *   /schema/article.json                   JSON Schema of the article JSON
 *   /search?q=…&page=N                     search results (HTML; JSON to a client preferring it)
 *   /search.json?q=…&page=N                search results as JSON (for OpenSearch clients)
 *   /search.opds?q=…&page=N                search results as an OPDS acquisition feed (e-readers)
 *   /opensearch.xml  /schema/search.json   OpenSearch description; JSON Schema of the results JSON
 *   /sitemap.xml  /robots.txt              for crawlers
 *   /favicon.svg                           the site icon
 *
 * Which request takes which path. Both call `decide` (route.ts): path → resource → variant.
 *   - Fast path, in `fetch` below: a GET whose decision is a resource (page, JSON, feed or
 *     built file) that this isolate has already prepared. It is answered from the prepared
 *     bytes and headers (200, 304, 412, 206 or 416) without Hono and without an await.
 *   - The Hono app: everything else. Search (its body depends on the query: dynamic.ts); HEAD; OPTIONS (the CORS preflight); other methods (405);
 *     a resource's first GET in this isolate, or its first after eviction (render or read the
 *     file, then prepare); redirects to the canonical path; unknown paths (404); errors (500).
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { builtFiles, catalog, collectionsSchema, listSchema, loadArticle, loadFile, schema } from "./data.ts";
import { errorResponse } from "./errors.ts";
import { ALLOW_HEADERS } from "./policy.ts";
import { respond, respondPrepared } from "./respond.ts";
import { resourceMap } from "./resources.ts";
import { decide, isRedirect, resourceAt } from "./route.ts";
import searchSchema from "../../dist/search.schema.json";

const resources = resourceMap(catalog, builtFiles, schema, { article: loadArticle, file: loadFile }, { listSchema, collectionsSchema, searchSchema });
const ALLOW = "GET, HEAD, OPTIONS";

const app = new Hono<{ Bindings: Env }>();

app.get("*", (c) => {
  const target = decide(resources, c.req.raw);
  if (!target) throw new HTTPException(404);
  if (isRedirect(target)) return c.redirect(target.location, 301);
  return respond(c.req.raw, target);
});

app.options("*", (c) => {
  if (!resourceAt(resources, c.req.raw)) throw new HTTPException(404);
  return c.body(null, 204, {
    Allow: ALLOW,
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ALLOW,
    "Access-Control-Allow-Headers": ALLOW_HEADERS,
    "Access-Control-Max-Age": "86400",
  });
});

app.all("*", (c) => {
  if (!resourceAt(resources, c.req.raw)) throw new HTTPException(404);
  throw new HTTPException(405);
});

app.onError((error, c) => {
  if (error instanceof HTTPException && error.status < 500) return errorResponse(c.req.raw, catalog.site, error.status, ALLOW);
  console.error(`${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorResponse(c.req.raw, catalog.site, 500, ALLOW);
});

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    if (request.method === "GET") {
      const target = decide(resources, request);
      const answer = target && !isRedirect(target) && respondPrepared(request, target);
      if (answer) return answer;
    }
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
