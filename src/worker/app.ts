/**
 * The worker's request handling over one opened data (open-data.ts): the resource map made
 * from its catalog, the fast path, and the Hono app. index.ts serves it over the bundled data;
 * the dev server's worker (dev.ts) makes one again over each build it reads.
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
import { errorResponse } from "./errors.ts";
import { ALLOW_HEADERS } from "./policy.ts";
import { respond, respondPrepared } from "./respond.ts";
import { resourceMap } from "./resources.ts";
import { decide, isRedirect, resourceAt } from "./route.ts";
import type { WorkerData } from "./open-data.ts";

const ALLOW = "GET, HEAD, OPTIONS";

export interface FolioWorker {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response>;
}

export function folioWorker(data: WorkerData): FolioWorker {
  const { catalog, builtFiles, schemas, recorded } = data;
  const resources = resourceMap(catalog, builtFiles, schemas.article, { article: data.loadArticle, file: data.loadFile }, { listSchema: schemas.list, collectionsSchema: schemas.collections, searchSchema: schemas.search });
  const app = new Hono<{ Bindings: Env }>();

  app.get("*", (c) => {
    const target = decide(resources, c.req.raw);
    if (!target) throw new HTTPException(404);
    if (isRedirect(target)) return c.redirect(target.location, 301);
    return respond(c.req.raw, target, recorded);
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

  return {
    fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
      if (request.method === "GET") {
        const target = decide(resources, request);
        const answer = target && !isRedirect(target) && respondPrepared(request, target);
        if (answer) return answer;
      }
      return app.fetch(request, env, ctx);
    },
  };
}
