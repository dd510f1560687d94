/**
 * The worker's data in production: what the build wrote for it (src/build/worker-data.ts),
 * bundled into the script and opened once per isolate at start-up (open-data.ts), with the
 * rest read from the static assets (the ASSETS binding) on first use. The dev server's worker
 * reads the same texts from the dev server instead (dev.ts), so that a content edit needs no
 * new bundle.
 */
import { env } from "cloudflare:workers";
import { catalog, packDirectory, siteRecord } from "../../dist/worker-catalog.js";
import article from "../../dist/article.schema.json";
import list from "../../dist/list.schema.json";
import collections from "../../dist/collections.schema.json";
import search from "../../dist/search.schema.json";
import { openData } from "./open-data.ts";

async function readAsset(path: string, what: string): Promise<Response> {
  const res = await (env as Env).ASSETS.fetch(new Request(new URL(path, "https://assets.invalid")));
  if (!res.ok) throw new Error(`${what} is missing from the assets (status ${res.status}): build again`);
  return res;
}

export const data = openData({ catalog, siteRecord, packDirectory, schemas: { article, list, collections, search }, readAsset });
