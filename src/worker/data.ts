/**
 * What the build made, as the worker sees it: the bundled catalog (every article's metadata,
 * the newest in full), the record of built files and site-wide outputs, and each article's
 * full model and record, read from the static assets the first time this isolate needs them.
 */
import { env } from "cloudflare:workers";
import { validatorsPath, type AssetManifest, type Recorded } from "../model/assets.ts";
import { modelPath } from "../model/catalog.ts";
import type { Article, Catalog } from "../model/document.ts";
import catalogJson from "../../dist/catalog.json";
import manifest from "../../dist/assets.json";
import articleSchema from "../../dist/article.schema.json";
import listSchemaJson from "../../dist/list.schema.json";
import type { Resource } from "./resources.ts";

export const catalog = catalogJson as unknown as Catalog;
export const assets = manifest as unknown as AssetManifest;
export const schema = articleSchema as Record<string, unknown>;
export const listSchema = listSchemaJson as Record<string, unknown>;

const bundled = new Map(catalog.recent.map((a) => [a.slug, a]));

async function readAsset(path: string, what: string): Promise<Response> {
  const res = await (env as Env).ASSETS.fetch(new Request(new URL(path, "https://assets.invalid")));
  if (!res.ok) throw new Error(`${what} is missing from the assets (status ${res.status}): build again`);
  return res;
}

/** A built file's bytes (EPUB, image), read from the static assets. */
export async function loadFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await readAsset(path, `built file ${path}`)).arrayBuffer());
}

/** The article's full model: bundled for the newest, otherwise one read of its asset. */
export async function loadArticle(slug: string): Promise<Article> {
  return bundled.get(slug) ?? (await readAsset(modelPath(slug), `the model of article ${slug}`)).json<Article>();
}

/**
 * What the build recorded for the resource's bytes: from the bundle for files and site-wide
 * outputs, from the article's record asset for its pages. Undefined when the build recorded
 * nothing (a dist/ made by an older build, or emptied by the benchmarks).
 */
export async function recorded(resource: Resource): Promise<Recorded | undefined> {
  const own = assets[resource.path];
  if (own || !resource.slug) return own;
  const res = await (env as Env).ASSETS.fetch(new Request(new URL(validatorsPath(resource.slug), "https://assets.invalid")));
  if (!res.ok) return undefined;
  return (await res.json<AssetManifest>())[resource.path];
}
