/**
 * The build's search step: the index of src/search/index-build.ts as files under /_search/
 * among the static assets (manifest, term buckets, text shards). Like the article models under
 * /_model/, the worker reads them (through data.ts's loadFile) and serves them at no URL.
 *
 * Each article's record (its words counted per field, and its row of the text shards:
 * `articleTerms`) is kept between builds in the cache folder (cache-dir.ts), keyed by the
 * sha256 of the code that makes it (src/search and src/model) and the article's model JSON's
 * digest (article-json.ts):
 *   .cache/folio/search/<key 0..2>/<key>.json
 * so a rebuild counts the words of changed articles only, and merges every record into the
 * index (the scores depend on every article: how many hold each word, the fields' lengths).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../model/document.ts";
import { articleTerms, mergeSearchIndex, type ArticleTerms } from "../search/index-build.ts";
import { searchFiles } from "../search/urls.ts";
import { articleDigest } from "./article-json.ts";
import { ownCodeDigest } from "./cache-dir.ts";
import { noteCacheUse } from "./cache-prune.ts";
import { keepsBetweenBuilds } from "./warm.ts";

export interface SearchFile {
  /** URL path among the static assets (`/_search/…`). */
  path: string;
  data: Buffer;
}

/** The hash of the code that makes an article's record: src/search, src/model and this file. */
function searchCodeHash(): string {
  return ownCodeDigest(["search", "model", "build/search-files.ts"]);
}

/** Records read or made by the previous build in this process (the dev server's: warm.ts), by folder, then key: keyed by their inputs, they never go stale. */
const kept = new Map<string, Map<string, ArticleTerms>>();

/** Each article's record: from `cacheDir` where kept, counted (and kept) otherwise. */
function recordsOf(articles: readonly Article[], cacheDir: string | undefined): ArticleTerms[] {
  if (!cacheDir) return articles.map(articleTerms);
  const code = searchCodeHash();
  const earlier = kept.get(cacheDir);
  const now = new Map<string, ArticleTerms>();
  if (keepsBetweenBuilds()) kept.set(cacheDir, now);
  return articles.map((article) => {
    const key = createHash("sha256").update(code).update("\0").update(articleDigest(article)).digest("hex");
    const file = join(cacheDir, key.slice(0, 2), `${key}.json`);
    const known = earlier?.get(key) ?? now.get(key);
    if (known) {
      now.set(key, known);
      noteCacheUse(file); // kept by the cache's pruning (cache-prune.ts), though read from memory
      return known;
    }
    try {
      const read = JSON.parse(readFileSync(file, "utf8")) as ArticleTerms;
      if (Array.isArray(read.lengths) && Array.isArray(read.counts) && typeof read.row === "string") {
        now.set(key, read);
        noteCacheUse(file);
        return read;
      }
    } catch {
      // not kept yet, or unreadable: counted again
    }
    const made = articleTerms(article);
    now.set(key, made);
    try {
      mkdirSync(join(cacheDir, key.slice(0, 2)), { recursive: true });
      writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(made));
      renameSync(`${file}.${process.pid}.tmp`, file);
      noteCacheUse(file);
    } catch {
      // a cache that cannot be written: counted again next time
    }
    return made;
  });
}

/** The index files for `articles` (newest first, as the corpus has them); `cacheDir` keeps each article's record between builds. */
export function searchIndexFiles(articles: readonly Article[], options: { cacheDir?: string } = {}): SearchFile[] {
  const built = mergeSearchIndex(recordsOf(articles, options.cacheDir));
  const files: [string, string][] = [
    [searchFiles.manifest, built.manifest],
    ...built.buckets.map((b, n): [string, string] => [searchFiles.bucket(n), b]),
    ...built.shards.map((s, n): [string, string] => [searchFiles.shard(n), s]),
  ];
  return files.map(([path, text]) => ({ path, data: Buffer.from(text, "utf8") }));
}
