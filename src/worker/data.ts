/**
 * What the build made, as the worker sees it: the bundled catalog (every article's metadata,
 * the newest in full), the manifest of built files, and each article's full model, read from
 * the static assets the first time this isolate needs it.
 */
import { env } from "cloudflare:workers";
import type { AssetManifest } from "../model/assets.ts";
import { modelPath } from "../model/catalog.ts";
import type { Article, Catalog } from "../model/document.ts";
import catalogJson from "../../dist/catalog.json";
import manifest from "../../dist/assets.json";
import articleSchema from "../../dist/article.schema.json";

export const catalog = catalogJson as unknown as Catalog;
export const assets = manifest as unknown as AssetManifest;
export const schema = articleSchema as Record<string, unknown>;

const bundled = new Map(catalog.recent.map((a) => [a.slug, a]));

/** A built file's bytes (EPUB, image), read from the static assets. */
export async function loadFile(path: string): Promise<Uint8Array> {
  const res = await (env as Env).ASSETS.fetch(new Request(new URL(path, "https://assets.invalid")));
  if (!res.ok) throw new Error(`built file ${path} is missing from the assets (status ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The article's full model: bundled for the newest, otherwise one read of its asset. */
export async function loadArticle(slug: string): Promise<Article> {
  const article = bundled.get(slug);
  if (article) return article;
  const res = await (env as Env).ASSETS.fetch(new Request(new URL(modelPath(slug), "https://assets.invalid")));
  if (!res.ok) throw new Error(`the model of article ${slug} is missing from the assets (status ${res.status})`);
  return res.json<Article>();
}
