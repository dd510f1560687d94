/**
 * A disk cache of each article's loaded model (src/content/load.ts `ArticleCache`), so that an
 * unchanged article costs a read and a digest of its files, not a parse, a validation and an
 * anchoring. An entry's key is the sha256 of everything its model is made from:
 *   - the code that makes it (`modelCodeHash`: every file under src/content and src/model, and
 *     the versions of the parsers they use), computed once per process;
 *   - what load.ts hands over: the slug, the files' names as shown in messages, article.md's
 *     and annotations.yaml's text, and the names of the files in the article's folder (a figure
 *     that goes missing must be reported, as a cold build would).
 * An entry read from the disk is checked against its digest, and its article is lazy when it
 * holds no figure (article-json.ts `lazyArticle`): its metadata parsed from the front of its
 * JSON, its body only when a step reads it. Most steps read only the metadata, the JSON text or
 * its digest, so an unchanged article costs a stat, a read and a digest, not a parse.
 * The previous build's anchors (the hints for re-anchoring) are not in the key: load.ts stores
 * only articles that had no problem and no warning, whose every note was found by its own
 * quote, and such an article is the same whatever the hints are (src/content/anchor-notes.ts
 * uses a hint only for a quote found nowhere).
 *
 *   .cache/folio/models/<key 0..2>/<key>.json   a line { record, tags, digest, metaBytes, figures }, then the article's model JSON
 *   .cache/folio/models/stat-index.json         { code, entries: { stamp key: key } }
 * (under the build's one cache folder, cache-dir.ts). An entry is written to a temporary name
 * and renamed into place, so a reader never sees half of one; an unreadable entry is made again.
 * A cache that cannot be written never fails the build.
 *
 * The stat index spares an unchanged article even the read and digest of its files: its stamp
 * key (the slug, the names shown, the folder's file names, and each file's size, modification
 * and change times in ns, inode and device: content-files.ts `stamp`) gives the entry's key
 * when they are all as they were. A file whose times are within `racyMs` (2 s) of the moment it
 * was looked at is not recorded: an edit within the timestamp granularity that kept its size
 * would leave the same stamp (git's "racy" entries). Any write sets the change time, which no
 * one can set back, so a file put back to its old modification time is still read again.
 * The index is rewritten, with this build's articles only, when it changed.
 *
 * The dev server's build thread runs build after build in one process (warm.ts): the entries
 * it read or made are kept in memory for the next build (those of the last build only), as is
 * the index.
 * Keyed by their inputs, an entry never goes stale; what the build adds to a model later (the
 * figures' sizes) goes to a copy.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ArticleCache, CachedArticle } from "../content/load.ts";
import type { Article } from "../model/document.ts";
import { mayHoldFigures } from "../model/figure-free.ts";
import { digestOf, knownArticleJson, lazyArticle, lazyParts, metaOfJson } from "./article-json.ts";
import { codeDigest, packageVersion } from "./cache-dir.ts";
import { noteCacheUse } from "./cache-prune.ts";
import { keepsBetweenBuilds } from "./warm.ts";

const srcDir = fileURLToPath(new URL("../", import.meta.url));

/** What the model's code hash covers, relative to src/. */
export const modelCodeInputs = ["content", "model"];

/** The hash of the code that loads an article, under `src` (the project's src/ by default). */
export function modelCodeHash(src: string = srcDir): string {
  return codeDigest(modelCodeInputs, src, JSON.stringify(["markdown-it", "yaml", "zod"].map((name) => [name, packageVersion(name)])));
}

let processCodeHash: string | undefined;
function ownModelCodeHash(): string {
  return (processCodeHash ??= modelCodeHash());
}

export interface ModelCacheOptions {
  /**
   * A file changed less than this many milliseconds before it was looked at (by its mtime or
   * ctime) is not recorded in the stat index: a later edit within the file system's timestamp
   * granularity could leave its size and times as they were (git's "racy" entries). 2 s covers
   * the coarsest granularity in use (FAT's); tests pass 0.
   */
  racyMs?: number;
}

/** Entries read or made by earlier builds in this process (the dev server's), by folder, then key. */
const memo = new Map<string, { entries: Map<string, CachedArticle>; index?: StatIndex }>();

/** The stat index as kept in `stat-index.json`: stamp key → entry key, for one code hash. */
interface StatIndex {
  code: string;
  entries: Record<string, string>;
}

const indexFile = "stat-index.json";

/** Forgets the entries this process has kept (a test that alters an entry on disk, behind the build's back). */
export function forgetKeptModels(): void {
  memo.clear();
}

/** The model cache in `dir`; `code` is the code hash in every key (this process's own by default). */
export function openModelCache(dir: string, code: string = ownModelCodeHash(), options: ModelCacheOptions = {}): ArticleCache {
  const fileOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  const racyMs = options.racyMs ?? 2000;
  const earlier = memo.get(dir);
  const entries = new Map<string, CachedArticle>();
  // The stat index this build starts from (the previous build's), and the one it leaves.
  let index = earlier?.index?.code === code ? earlier.index : undefined;
  if (!index) {
    try {
      const read = JSON.parse(readFileSync(join(dir, indexFile), "utf8")) as StatIndex;
      if (read && read.code === code && read.entries && typeof read.entries === "object") index = read;
    } catch {
      // none yet, or unreadable: every article is read and digested this time
    }
  }
  const previous = index?.entries ?? {};
  const next: Record<string, string> = {};
  let changed = false;
  return {
    key(inputs) {
      const hash = createHash("sha256").update(code);
      for (const input of inputs) hash.update("\0").update(input);
      return hash.digest("hex");
    },
    get(key) {
      const kept = earlier?.entries.get(key) ?? entries.get(key);
      if (kept) {
        entries.set(key, kept);
        noteCacheUse(fileOf(key)); // its file kept by the cache's pruning (cache-prune.ts), though read from memory
        return own(kept);
      }
      const entry = readEntry(fileOf(key));
      if (entry) {
        entries.set(key, entry);
        noteCacheUse(fileOf(key));
      }
      return entry && own(entry);
    },
    put(key, entry) {
      const file = fileOf(key);
      const temporary = `${file}.${process.pid}.tmp`;
      const json = JSON.stringify(entry.article);
      const parts = lazyParts(entry.article, json);
      const text = entryText(entry, json, parts);
      // What the disk holds, read again: the build adds to `entry.article` later (figures.ts), the kept copy must not change.
      if (keepsBetweenBuilds()) entries.set(key, { ...JSON.parse(text.slice(0, text.indexOf("\n"))), article: articleOf(json, parts), json, digest: digestOf(json) });
      try {
        mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
        writeFileSync(temporary, text);
        renameSync(temporary, file);
        noteCacheUse(file);
      } catch {
        // e.g. a read-only folder: the article is loaded again next time
      }
    },
    known(stampKey) {
      return Object.hasOwn(previous, stampKey) ? previous[stampKey] : undefined;
    },
    remember(stampKey, stamps, key) {
      if (stamps.some((s) => s.seenMs - s.changedMs < racyMs)) return;
      next[stampKey] = key;
      if (previous[stampKey] !== key) changed = true;
    },
    loaded(article, entry) {
      // The kept text is the article's JSON as built when nothing the cache does not know of changed it:
      // its tags as shown (they depend on other articles' spellings) and its figures (figures.ts adds their sizes).
      if (entry.json === undefined || mayHoldFigures(article)) return;
      if (JSON.stringify(article.tags) !== JSON.stringify(entry.article.tags)) return;
      knownArticleJson(article, entry.json, entry.digest);
    },
    save() {
      const kept: StatIndex = { code, entries: next };
      if (keepsBetweenBuilds()) memo.set(dir, { entries, index: kept });
      noteCacheUse(join(dir, indexFile));
      if (!changed && Object.keys(next).length === Object.keys(previous).length) return;
      try {
        mkdirSync(dir, { recursive: true });
        const temporary = join(dir, `${indexFile}.${process.pid}.tmp`);
        writeFileSync(temporary, JSON.stringify(kept));
        renameSync(temporary, join(dir, indexFile));
      } catch {
        // a cache that cannot be written: every article is read and digested next time
      }
    },
  };
}

/**
 * An entry's file: a first line of JSON with its anchor record, its tags, its article's digest,
 * and (when the article can be lazy: article-json.ts `lazyArticle`) where its body starts in
 * its JSON and whether it holds a figure; then the article's model JSON, kept as text so that the build can write it as
 * it is (article-json.ts) without stringifying the article again, and parse it only if a step
 * reads the article's body.
 */
function entryText(entry: CachedArticle, json: string, parts: ReturnType<typeof lazyParts>): string {
  return `${JSON.stringify({ record: entry.record, tags: entry.tags, digest: digestOf(json), ...parts })}\n${json}`;
}

/** The article of an entry: lazy when it holds no figure and its metadata is where the head says, else parsed now. */
function articleOf(json: string | Uint8Array, parts: { metaBytes?: unknown; figures?: unknown } | undefined): Article {
  const bytes = typeof json === "string" ? Buffer.from(json) : json;
  const meta = parts && parts.figures === false && typeof parts.metaBytes === "number" ? metaOfJson(bytes, parts.metaBytes) : undefined;
  if (meta) return lazyArticle(meta, json);
  return JSON.parse(typeof json === "string" ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString("utf8")) as Article;
}

function readEntry(file: string): CachedArticle | undefined {
  try {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    if (newline < 0) return undefined;
    const head = JSON.parse(bytes.toString("utf8", 0, newline)) as Omit<CachedArticle, "article"> & { metaBytes?: unknown; figures?: unknown };
    if (!head || typeof head !== "object" || !head.record || !Array.isArray(head.tags) || typeof head.digest !== "string") return undefined;
    // The model's JSON kept as bytes (the build writes it as it is: article-json.ts), parsed only when its body is read:
    // its digest checked instead, so that an entry changed behind the cache's back is made again, not written out.
    const json = bytes.subarray(newline + 1);
    if (createHash("sha256").update(json).digest("hex") !== head.digest) return undefined;
    const article = articleOf(json, head);
    if (!article || typeof article !== "object") return undefined;
    return { article, record: head.record, tags: head.tags, json, digest: head.digest };
  } catch {
    return undefined; // missing or unreadable: made again
  }
}

/**
 * An entry as one build may use it: the build adds to its figures (figures.ts sets their sizes
 * and variants) and load.ts makes a new article object around the rest, so the figure blocks
 * are copies and the kept entry stays as it was read. A lazy article holds no figure.
 */
function own(entry: CachedArticle): CachedArticle {
  if (!mayHoldFigures(entry.article)) return entry;
  return { ...entry, article: { ...entry.article, blocks: entry.article.blocks.map((b) => (b.type === "figure" ? { ...b } : b)) } };
}
