/**
 * The worker as `npm run dev` runs it (src/dev/wrangler-process.ts: `wrangler dev
 * src/worker/dev.ts`): the same handling as production (app.ts), over the data of the latest
 * build read from the dev server instead of bundled, so that a content edit reaches the page
 * without a new bundle or a restart of the worker. Production never loads this file: which
 * entry wrangler bundles is decided on its command line, so the production script holds none
 * of it and keeps its data bundled (index.ts).
 *
 * `FOLIO_DEV_DATA` (a `--var` the dev server passes) is the dev server's data address
 * (src/dev/data-server.ts):
 *   <base>/version                     the latest build's version; answered once no build is writing
 *   <base>/<version>/catalog.json, site-record.json, pack-directory.json, schema/<name>.json
 *   <base>/<version>/assets/<path>     a file of dist/assets (packs, the table's chunks)
 * Every request asks for the version first (one loopback round trip) and, when it moved, opens
 * the new build's data and a new resource map; the isolate, its code and what it prepared for
 * the previous build's data stay (the byte budget drops the old, budget.ts). A read for a
 * version no longer current is answered 409: that data is marked stale and the request is
 * answered again over the latest. Each response says which isolate and data answered it
 * (X-Folio-Dev-Isolate, X-Folio-Dev-Data): the dev server's tests use them to show that an
 * edit reached the page without a new isolate.
 */
import { folioWorker, type FolioWorker } from "./app.ts";
import { openData } from "./open-data.ts";

interface DevEnv {
  FOLIO_DEV_DATA?: string;
}

interface Opened {
  version: string;
  worker: FolioWorker;
  /** A read of this data was refused: a newer build replaced it. */
  stale: boolean;
}

let live: Opened | undefined;
let checking: Promise<Opened> | undefined;
/** Made on the first request (workerd allows no random values at start-up). */
let isolate: string | undefined;

class Stale extends Error {}

async function get(url: string, what: string): Promise<Response> {
  const res = await fetch(url);
  if (res.status === 409) {
    await res.body?.cancel();
    throw new Stale(`${what}: a newer build replaced it`);
  }
  if (!res.ok) throw new Error(`${what} could not be read from the dev server (${url}: status ${res.status}): ${(await res.text()).slice(0, 300)}`);
  return res;
}

async function open(base: string, version: string): Promise<Opened> {
  const at = `${base}/${encodeURIComponent(version)}`;
  const text = async (name: string) => (await get(`${at}/${name}`, name)).text();
  const [catalog, siteRecord, packDirectory, article, list, collections, search] = await Promise.all(
    ["catalog.json", "site-record.json", "pack-directory.json", "schema/article.json", "schema/list.json", "schema/collections.json", "schema/search.json"].map(text),
  );
  const opened: Opened = { version, stale: false, worker: undefined as unknown as FolioWorker };
  const readAsset = async (path: string, what: string) => {
    try {
      return await get(`${at}/assets${path}`, what);
    } catch (error) {
      if (error instanceof Stale) opened.stale = true;
      throw error;
    }
  };
  const schemas = { article: JSON.parse(article!), list: JSON.parse(list!), collections: JSON.parse(collections!), search: JSON.parse(search!) };
  opened.worker = folioWorker(openData({ catalog: catalog!, siteRecord: siteRecord!, packDirectory: packDirectory!, schemas, readAsset }));
  return opened;
}

/** The latest build's data, opened once per version; concurrent requests share one check. */
function latest(base: string): Promise<Opened> {
  checking ??= (async () => {
    for (let attempt = 1; ; attempt++) {
      const version = (await (await get(`${base}/version`, "the build's version")).text()).trim();
      if (live && live.version === version && !live.stale) return live;
      try {
        live = await open(base, version);
        return live;
      } catch (error) {
        if (!(error instanceof Stale) || attempt >= 3) throw error; // a build finished meanwhile: ask again
      }
    }
  })().finally(() => {
    checking = undefined;
  });
  return checking;
}

function marked(res: Response, opened: Opened): Response {
  const out = new Response(res.body, res);
  out.headers.set("X-Folio-Dev-Isolate", isolate!);
  out.headers.set("X-Folio-Dev-Data", opened.version);
  return out;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    isolate ??= crypto.randomUUID();
    const base = (env as DevEnv).FOLIO_DEV_DATA;
    if (!base) return new Response("src/worker/dev.ts is the dev server's worker: run `npm run dev`, which passes FOLIO_DEV_DATA.\n", { status: 500 });
    let opened: Opened;
    try {
      opened = await latest(base);
    } catch (error) {
      return new Response(`The worker could not read the build from the dev server: ${error instanceof Error ? error.message : String(error)}\n`, { status: 503, headers: { "Retry-After": "1" } });
    }
    const retry = request.method === "GET" || request.method === "HEAD" ? request.clone() : undefined;
    let res = await opened.worker.fetch(request, env, ctx);
    if (opened.stale && retry) {
      // A build replaced the data while this request read it: once more, over the latest.
      await res.body?.cancel();
      try {
        opened = await latest(base);
      } catch (error) {
        return new Response(`The worker could not read the build from the dev server: ${error instanceof Error ? error.message : String(error)}\n`, { status: 503, headers: { "Retry-After": "1" } });
      }
      res = await opened.worker.fetch(retry, env, ctx);
    }
    return marked(res, opened);
  },
} satisfies ExportedHandler<Env>;
