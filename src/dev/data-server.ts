/**
 * What the dev server's worker (src/worker/dev.ts) reads of the build, served by the dev server
 * itself from dist/, so that wrangler never sees a content edit: its worker bundles no data in
 * dev, and its asset folder is an empty one (wrangler-process.ts). Why not the asset folder, as
 * read in wrangler 4.164 and miniflare 5 (node_modules): wrangler dev watches the folder and, on
 * any change in it, hands miniflare the same bundle again, which reloads the local runtime (a
 * new isolate, "Reloading local server..." on its output); and miniflare's asset server maps each
 * path to a file through a manifest made by walking the folder at each (re)load, so a file the
 * build adds afterwards (a new pack) is not found until the next reload, though a changed file's
 * bytes are read from disk at each request.
 *
 *   /__folio/data/version                       the latest build's version (plain text)
 *   /__folio/data/<version>/catalog.json        dist/catalog.json
 *   /__folio/data/<version>/site-record.json    the record of site-wide outputs  } from
 *   /__folio/data/<version>/pack-directory.json the pack table's directory        } dist/worker-catalog.js
 *   /__folio/data/<version>/schema/<name>.json  dist/<name>.schema.json (article, list, collections, search)
 *   /__folio/data/<version>/assets/<path>       dist/assets/<path>
 *
 * While a build runs (it updates dist/ in place, file by file), every answer waits for it, so
 * the worker never reads a half-written output. A version other than the latest is answered
 * 409: the worker opens the latest and answers again. Bad paths get 404, never a file outside dist/.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join, normalize, sep } from "node:path";
import { readWorkerModule } from "../build/worker-data.ts";

export const dataPath = "/__folio/data";

export interface DataSource {
  /** The dist/ folder the build writes. */
  dist: string;
  /** The latest complete build's version. */
  version(): string;
  /** Resolves once no build is writing dist/. */
  idle(): Promise<void>;
}

const schemas = new Set(["article", "list", "collections", "search"]);

/** Serves a request under `dataPath`. */
export async function serveData(req: IncomingMessage, res: ServerResponse, source: DataSource): Promise<void> {
  await source.idle();
  const path = (req.url ?? "/").split("?")[0]!.slice(dataPath.length);
  const send = (status: number, body: string | Uint8Array, type = "text/plain; charset=utf-8") => {
    res.writeHead(status, { "Content-Type": type, "Content-Length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength), "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  if (req.method !== "GET" && req.method !== "HEAD") return send(405, "GET or HEAD only\n");
  if (path === "/version") return send(200, source.version());
  const m = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!m) return send(404, "no such data\n");
  const [, version, rest] = m as unknown as [string, string, string];
  const json = "application/json; charset=utf-8";
  try {
    if (decodeURIComponent(version) !== source.version()) return send(409, `version ${version} is not the latest build's (${source.version()})\n`);
    if (rest === "catalog.json") return send(200, await readFile(join(source.dist, "catalog.json")), json);
    if (rest === "site-record.json" || rest === "pack-directory.json") {
      const module = workerModule(source);
      return send(200, rest === "site-record.json" ? module.siteRecord : module.packDirectory, json);
    }
    const schema = /^schema\/([a-z]+)\.json$/.exec(rest)?.[1];
    if (schema && schemas.has(schema)) return send(200, await readFile(join(source.dist, `${schema}.schema.json`)), json);
    if (rest.startsWith("assets/")) {
      const assets = join(source.dist, "assets");
      const file = normalize(join(assets, decodeURIComponent(rest.slice("assets/".length))));
      if (!file.startsWith(assets + sep)) return send(404, "outside the assets\n");
      return send(200, await readFile(file), "application/octet-stream");
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ENOENT" || e.code === "EISDIR" || e instanceof URIError) return send(404, `${rest}: not in the build's output\n`);
    throw error;
  }
  return send(404, "no such data\n");
}

/** dist/worker-catalog.js's texts, read once per version. */
let cached: { key: string; module: NonNullable<ReturnType<typeof readWorkerModule>> } | undefined;
function workerModule(source: DataSource) {
  const key = `${source.dist}\0${source.version()}`;
  if (cached?.key !== key) {
    const file = join(source.dist, "worker-catalog.js");
    const module = readWorkerModule(readFileSync(file, "utf8"));
    if (!module) throw new Error(`${file} is not what src/build/worker-data.ts writes: build again`);
    cached = { key, module };
  }
  return cached.module;
}
