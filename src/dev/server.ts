/**
 * `npm run dev`: build, serve through `wrangler dev`, watch, rebuild, reload.
 *
 *   browser ──► this server (127.0.0.1:<port>) ──► wrangler dev (127.0.0.1:<free port>) ──► dist/
 *                 │  /__folio/reload.js   the reload script (dev only)
 *                 │  /__folio/events      Server-Sent Events: "reload" after each rebuild
 *                 └─ HTML pages get the script's tag and a CSP that allows exactly it;
 *                    while the content does not build, every HTML request gets the error page.
 *
 * A save in content/ rebuilds (only the changed articles' EPUBs and cards are re-made) and the
 * pages reload: wrangler's worker is not touched. It is the dev entry (src/worker/dev.ts),
 * which bundles no build output: on its next request it sees the new build's version and reads
 * the build from this server (data-server.ts, under /__folio/data/), so neither a re-bundle nor
 * a restart stands between a save and the page. A save in src/ outside src/worker/ rebuilds on
 * fresh code; wrangler re-bundles and restarts the worker itself when the code it imports
 * changed (src/worker/, src/render/, …), and the pages reload once it is ready again.
 * The dev server's builds update dist/ in place, file by file (src/build/output.ts): a file
 * whose bytes did not change is left alone, so an unchanged output keeps its version and the
 * worker keeps what it prepared.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { formatProblem } from "../content/errors.ts";
import type { BuildRequest, BuildResult } from "./build-thread.ts";
import { openBuilder } from "./builder.ts";
import { classify, type Change } from "./changes.ts";
import { dataPath, serveData } from "./data-server.ts";
import { changedSince } from "./dist-changed.ts";
import { errorPage, errorStyle, type BuildFailure } from "./error-page.ts";
import { devCsp, eventsPath, injectReloadTag, reloadScript, reloadScriptPath } from "./reload.ts";
import { watchFolders } from "./watch.ts";
import { startWrangler, type Wrangler } from "./wrangler-process.ts";

export interface DevOptions {
  /** The project folder: wrangler.toml, src/, and dist/ written by the build. */
  root: string;
  port: number;
  contentDir: string;
  articleDirs?: string[];
  feedItems?: number;
  log?: (line: string) => void;
  /** How long to wait for wrangler to report a reload before telling pages to reload anyway. */
  reloadTimeoutMs?: number;
}

/**
 * After a save in src/ outside src/worker/, how long from the save wrangler is given to start
 * re-bundling (its watcher sees the file within a few hundred milliseconds) before the pages are
 * reloaded without it: a file the worker does not import (the build's own) never reloads it.
 */
const codeReloadGraceMs = 1_500;

export interface DevServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const origin = `http://127.0.0.1:${options.port}`;
  const reloadTimeoutMs = options.reloadTimeoutMs ?? 5_000;
  const request: BuildRequest = {
    contentDir: join(options.root, options.contentDir),
    ...(options.articleDirs ? { articleDirs: options.articleDirs.map((d) => join(options.root, d)) } : {}),
    outDir: join(options.root, "dist"),
    siteUrl: origin,
    ...(options.feedItems ? { feedItems: options.feedItems } : {}),
  };
  const builder = openBuilder();
  const clients = new Set<ServerResponse>();
  let failure: BuildFailure | undefined;
  let wrangler: Wrangler | undefined;
  let closed = false;
  // The output's version, as the worker sees it (data-server.ts): moved after a build that changed dist/.
  let version = 1;
  let building: Promise<unknown> | undefined;
  const dist = join(options.root, "dist");
  /** A build; one that changed dist/ moves the version before any request waiting on it goes on. */
  const build = async () => {
    const startedAt = Date.now();
    const running = builder.build(request).then((result) => {
      if (result.ok && changedSince(dist, startedAt)) version++;
      return result;
    });
    building = running;
    try {
      return await running;
    } finally {
      building = undefined;
    }
  };
  const data = {
    dist,
    version: () => String(version),
    async idle() {
      while (building) await building.catch(() => {});
    },
  };

  const report = (result: BuildResult, ms: number) => {
    if (result.ok) {
      failure = undefined;
      const { articles } = result.summary;
      const { made: slugs } = result.summary;
      const made = slugs.length === articles && articles > 1 ? "every article's files made" : slugs.length ? `files made for ${slugs.join(", ")}` : "no article files re-made";
      log(`built ${articles} article${articles === 1 ? "" : "s"} in ${ms.toFixed(0)} ms (${made})`);
    } else if ("problems" in result) {
      failure = { problems: result.problems };
      log(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} in the content; the pages show them until they are fixed:`);
      for (const p of result.problems) log(`  ${formatProblem(p)}`);
    } else {
      failure = { error: result.error };
      log(`the build failed: ${result.error}`);
    }
  };

  const pushReload = () => {
    for (const res of clients) res.write("event: reload\ndata: {}\n\n");
  };

  const ensureWrangler = async () => {
    if (wrangler || closed || !existsSync(join(dist, "catalog.json"))) return;
    // The dev entry reads the build from this server; its asset folder is one nothing writes to.
    const assets = join(options.root, "node_modules", ".cache", "folio", "dev-assets");
    mkdirSync(assets, { recursive: true });
    wrangler = await startWrangler({ root: options.root, log, entry: "src/worker/dev.ts", assets, vars: { FOLIO_DEV_DATA: `${origin}${dataPath}` } });
  };

  // The first build: a broken content folder still gets a server, showing the problems.
  {
    const t0 = performance.now();
    report(await build(), performance.now() - t0);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`dev server: ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("The dev server could not reach wrangler dev; see the terminal.\n");
    });
  });

  const errorCsp = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(errorStyle).digest("base64")}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith(`${dataPath}/`)) {
      await serveData(req, res, data);
      return;
    }
    if (path === reloadScriptPath) {
      res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
      res.end(req.method === "HEAD" ? undefined : reloadScript);
      return;
    }
    if (path === eventsPath) {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write("retry: 500\n: connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    const wantsHtml = (req.method === "GET" || req.method === "HEAD") && /text\/html/.test(req.headers.accept ?? "");
    if (failure && wantsHtml) {
      res.writeHead(422, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": devCsp(errorCsp, origin) });
      res.end(req.method === "HEAD" ? undefined : errorPage(failure));
      return;
    }
    if (!wrangler) {
      res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "1" });
      res.end("wrangler dev is starting; try again in a moment.\n");
      return;
    }
    await proxy(req, res, wrangler.origin);
  }

  async function proxy(req: IncomingMessage, res: ServerResponse, upstream: string): Promise<void> {
    const headers = { ...req.headers, "accept-encoding": "identity" };
    const upstreamRes = await new Promise<IncomingMessage>((resolve, reject) => {
      const out = httpRequest(`${upstream}${req.url ?? "/"}`, { method: req.method, headers }, resolve);
      out.on("error", reject);
      req.pipe(out);
    });
    const type = String(upstreamRes.headers["content-type"] ?? "");
    if (!type.startsWith("text/html") || req.method === "HEAD") {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of upstreamRes) chunks.push(chunk as Buffer);
    const body = injectReloadTag(Buffer.concat(chunks).toString("utf8"));
    const out = { ...upstreamRes.headers };
    // The page differs from the worker's: no validators, never cached, length recounted.
    delete out.etag;
    delete out["last-modified"];
    delete out["content-length"];
    delete out["transfer-encoding"];
    out["cache-control"] = "no-store";
    out["content-security-policy"] = devCsp(typeof out["content-security-policy"] === "string" ? out["content-security-policy"] : null, origin);
    out["content-length"] = String(Buffer.byteLength(body));
    res.writeHead(upstreamRes.statusCode ?? 502, out);
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  await ensureWrangler();

  // Rebuilds: one at a time; saves made meanwhile are gathered into the next one.
  let queued: Change[] = [];
  let savedAt = 0;
  let running = false;
  const rebuild = async () => {
    if (running || closed) return;
    running = true;
    while (queued.length && !closed) {
      const changes = queued;
      const since = savedAt;
      queued = [];
      const started = performance.now();
      const before = version;
      const code = changes.some((c) => c.kind === "code");
      const worker = changes.some((c) => c.kind === "worker");
      const content = code || changes.some((c) => c.kind === "article" || c.kind === "content");
      if (code) await builder.fresh();
      if (content) {
        const result = await build();
        report(result, performance.now() - started);
        if (!result.ok) {
          pushReload(); // show the problems now: the worker keeps the last good build
          continue;
        }
        log(version === before ? "the output is unchanged" : `the worker reads the new output (version ${version}) on its next request`);
      }
      const waiting = performance.now();
      try {
        if (!wrangler) await ensureWrangler();
        else if (worker || (code && (await wrangler.reloadStarted(since, Math.max(0, since + codeReloadGraceMs - performance.now()))))) {
          // Code the worker imports changed: wrangler re-bundles and restarts it.
          const seen = await wrangler.settled(since, reloadTimeoutMs);
          if (!seen) log(`wrangler reported no reload within ${reloadTimeoutMs / 1000} s; reloading the pages anyway`);
          else log(`wrangler re-bundled the worker in ${(performance.now() - waiting).toFixed(0)} ms`);
        }
      } catch (error) {
        // A wrangler that does not start must not stop the rebuilds: it is started again after the next save.
        wrangler = undefined;
        log(`wrangler dev did not start: ${error instanceof Error ? error.message : String(error)}; it is started again after the next save`);
      }
      pushReload();
      log(`pages reloaded ${(performance.now() - since).toFixed(0)} ms after the save (${clients.size} open)`);
    }
    running = false;
  };

  const folders = ["src", options.contentDir, ...(options.articleDirs ?? [])];
  const unwatch = watchFolders(options.root, folders, (paths) => {
    const changes = paths.map((p) => classify(p, options.articleDirs ?? [join(options.contentDir, "articles")], options.contentDir)).filter((c) => c.kind !== "ignore");
    if (!changes.length) return;
    if (!queued.length) savedAt = performance.now() - 60; // the watcher gathers saves for 60 ms
    queued.push(...changes);
    void rebuild();
  });

  log(`Folio dev server on ${origin} (watching ${folders.join(", ")}; Ctrl-C to stop)`);

  return {
    url: origin,
    async close() {
      closed = true;
      unwatch();
      for (const res of clients) res.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await wrangler?.stop();
      await builder.close();
    },
  };
}
