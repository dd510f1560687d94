/**
 * The build's step for the collection EPUBs (collection-files.ts), through the file cache
 * (file-cache.ts): a volume whose inputs are unchanged is taken from the cache and hard-linked
 * into the output; only the others are made. A volume's key is the sha256 of
 *   - the code that makes it: the article files' code hash (file-cache.ts codeHash: src/epub,
 *     src/render, src/model, src/cards…), every file under src/collections, and collection-files.ts;
 *   - the site (its JSON);
 *   - the volume's plan without its articles (title, path, volume, count, …), then each of its
 *     articles' model JSON (after the figures step, so a changed image changes it) in order.
 * So a changed article re-makes the volumes it is in (its tags' and its month's), and nothing else.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Collection } from "../collections/plan.ts";
import type { Article, Corpus } from "../model/document.ts";
import { strongEtag } from "../model/etag.ts";
import { contentTypes } from "../render/urls.ts";
import { articleDigest } from "./article-json.ts";
import { cacheDirFromEnv } from "./cache-dir.ts";
import { openChapterCache } from "./chapter-cache.ts";
import type { BuiltFile } from "./article-files.ts";
import type { CardPool } from "../cards/pool.ts";
import { fileCacheDirFromEnv, openFileCache, ownCodeHash, siteJson } from "./file-cache.ts";

const srcDir = fileURLToPath(new URL("../", import.meta.url));

let collectionsCode: string | undefined;
/** The hash of src/collections and collection-files.ts, with the article files' own code hash. */
export function collectionsCodeHash(): string {
  if (collectionsCode) return collectionsCode;
  const hash = createHash("sha256").update(ownCodeHash());
  const add = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash.update(relative(srcDir, path)).update("\0").update(readFileSync(path)).update("\0");
  };
  add(join(srcDir, "collections"));
  add(join(srcDir, "build/collection-files.ts"));
  return (collectionsCode = hash.digest("hex"));
}

/** The key of one volume; `digests` holds each article's model digest. */
function volumeKey(code: string, site: string, collection: Collection, digests: Map<string, string>): string {
  const hash = createHash("sha256").update(code).update("\0").update(site).update("\0");
  hash.update(JSON.stringify({ ...collection, articles: collection.articles.map((a) => a.slug) }));
  for (const a of collection.articles) hash.update("\0").update(digests.get(a.slug) ?? JSON.stringify(a));
  return hash.digest("hex");
}

const etagOf = (data: Uint8Array) => strongEtag(createHash("sha256").update(data).digest());

/** Every volume's EPUB: from the file cache where its key is unchanged, made (and cached) otherwise. */
export async function collectionFilesStep(corpus: Corpus, plan: readonly Collection[], progress: (line: string) => void, options: { pool?: CardPool; fileCacheDir?: string } = {}): Promise<BuiltFile[]> {
  const { fileCacheDir, ...making } = options;
  const dir = fileCacheDir ?? fileCacheDirFromEnv();
  const cache = dir ? openFileCache(dir) : undefined;
  const out = new Map<string, BuiltFile>();
  const keys = new Map<Collection, string>();
  const stale: Collection[] = [];
  if (cache) {
    const code = collectionsCodeHash();
    const site = siteJson(corpus.site);
    const digests = new Map(corpus.articles.map((a: Article) => [a.slug, articleDigest(a)]));
    for (const collection of plan) {
      const key = volumeKey(code, site, collection, digests);
      keys.set(collection, key);
      const hit = cache.get(key)?.[0];
      if (hit) out.set(collection.path, { path: hit.path, type: hit.type, size: hit.size, etag: hit.etag, file: hit.file });
      else stale.push(collection);
    }
  } else stale.push(...plan);
  if (stale.length > 0) {
    const { makeCollectionFiles } = await import("./collection-files.ts");
    // Each volume is stored as soon as it is made, so that they are not all held until the last one.
    const chapters = cacheDirFromEnv("chapters");
    await makeCollectionFiles(corpus, stale, progress, {
      cacheDir: cacheDirFromEnv("cards") ?? false,
      ...making,
      ...(chapters ? { chapters: openChapterCache(chapters, collectionsCodeHash(), siteJson(corpus.site)) } : {}),
      each: (collection, data) => {
        const path = decodeURI(collection.path).slice(1);
        const etag = etagOf(data);
        const stored = cache?.put(keys.get(collection)!, [{ path, type: contentTypes.epub, etag, data }])?.[0];
        out.set(collection.path, stored ? { path, type: stored.type, size: stored.size, etag, file: stored.file } : { path, type: contentTypes.epub, size: data.byteLength, etag, data });
      },
    });
  }
  // In the plan's order, as the step without a cache made them.
  return plan.map((c) => out.get(c.path)!);
}

