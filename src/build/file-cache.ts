/**
 * A disk cache of each article's built files (EPUB, cover, Open Graph image), so that a
 * rebuild re-makes only the files of articles whose inputs changed, and the dev server, after
 * an edit to one article, only that article's. An entry is keyed by the sha256 of everything
 * the files' bytes depend on:
 *   - the code that makes them (`codeHash`: every file under src/epub, src/render, src/model,
 *     src/cards, src/build/article-files.ts and this file, epub-gen-memory's and jszip's
 *     versions, and the card renderer's key: resvg, its options, the fonts' bytes, zlib),
 *     computed once per process (the dev server's build thread is a fresh one after a code edit);
 *   - the site (its JSON);
 *   - the article's model (its JSON).
 *
 *   .cache/folio/files/<key>/entry.json    [{ path, type, size, etag, name }]
 *   .cache/folio/files/<key>/<name>         the file's bytes
 * (under the build's one cache folder, cache-dir.ts; FOLIO_NO_CACHE=1 turns it off, as it does the card cache.)
 *
 * An entry is made in a temporary folder and renamed into place whole, so a reader never
 * sees half of one; an entry whose files are missing or of another size than recorded is
 * ignored and made again. The build hard-links the entry's files into its output (output.ts),
 * so they are never written twice; nothing ever writes into a file in place, so the link is
 * as good as a copy. A cache that cannot be written never fails the build.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Article, Site } from "../model/document.ts";
import { rendererKey } from "../cards/renderer.ts";
import { cacheDirFromEnv, codeDigest, defaultCacheRoot, packageVersion } from "./cache-dir.ts";
import { noteCacheUse } from "./cache-prune.ts";

const srcDir = fileURLToPath(new URL("../", import.meta.url));

/** `files/` in the build's one cache folder (cache-dir.ts), without FOLIO_CACHE_DIR. */
export const defaultFileCacheDir = join(defaultCacheRoot, "files");

/** The cache folder the build uses: `files/` under the cache root (cache-dir.ts: FOLIO_CACHE_DIR moves it), or none when FOLIO_NO_CACHE is set (to anything but "" or "0"). */
export function fileCacheDirFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return cacheDirFromEnv("files", env);
}

/** What the code hash covers, relative to src/. */
export const codeInputs = ["epub", "render", "model", "cards", "build/article-files.ts", "build/file-cache.ts"];

/** The hash of the code that makes an article's files, under `src` (the project's src/ by default). */
export function codeHash(src: string = srcDir): string {
  return codeDigest(codeInputs, src, JSON.stringify({ "epub-gen-memory": packageVersion("epub-gen-memory"), jszip: packageVersion("jszip"), cards: rendererKey() }));
}

let processCodeHash: string | undefined;
/** codeHash() of this process's own code, computed once. */
export function ownCodeHash(): string {
  return (processCodeHash ??= codeHash());
}

/** The key of one article's files. `site`: JSON.stringify(corpus.site), made once per build. */
export function articleKey(code: string, site: string, article: Article): string {
  return createHash("sha256").update(code).update("\0").update(site).update("\0").update(JSON.stringify(article)).digest("hex");
}

export function siteJson(site: Site): string {
  return JSON.stringify(site);
}

/** One cached file: where the build serves it, and where its bytes are. */
export interface CachedFile {
  /** URL path without the leading slash, e.g. articles/<slug>.epub */
  path: string;
  type: string;
  size: number;
  /** Its strong ETag, as the manifest records it. */
  etag: string;
  /** The file in the cache holding its bytes. */
  file: string;
}

export interface FileToCache {
  path: string;
  type: string;
  etag: string;
  data: Uint8Array;
}

export interface FileCache {
  /** The entry's files, or undefined if there is none that can be used. */
  get(key: string): CachedFile[] | undefined;
  /** Stores the files under `key`; their entry, or undefined if the cache could not be written. */
  put(key: string, files: readonly FileToCache[]): CachedFile[] | undefined;
}

interface EntryFile {
  path: string;
  type: string;
  size: number;
  etag: string;
  name: string;
}

export function openFileCache(dir: string): FileCache {
  const read = (key: string): CachedFile[] | undefined => {
    const folder = join(dir, key);
    let entry: EntryFile[];
    try {
      entry = JSON.parse(readFileSync(join(folder, "entry.json"), "utf8")) as EntryFile[];
      if (!Array.isArray(entry)) return undefined;
      const files: CachedFile[] = [];
      for (const e of entry) {
        const file = join(folder, e.name);
        if (typeof e.path !== "string" || typeof e.etag !== "string" || statSync(file).size !== e.size) return undefined;
        files.push({ path: e.path, type: e.type, size: e.size, etag: e.etag, file });
      }
      noteCacheUse(folder); // kept whole by the cache's pruning (cache-prune.ts)
      return files;
    } catch {
      return undefined; // missing, unreadable or not whole: make it again
    }
  };
  return {
    get: read,
    put(key, files) {
      const folder = join(dir, key);
      const temporary = `${folder}.${process.pid}.tmp`;
      const already = read(key); // made meanwhile by another build
      if (already) return already;
      try {
        rmSync(temporary, { recursive: true, force: true });
        mkdirSync(temporary, { recursive: true });
        const entry: EntryFile[] = files.map((f, i) => ({ path: f.path, type: f.type, size: f.data.byteLength, etag: f.etag, name: `${i}${/\.[a-z]+$/.exec(f.path)?.[0] ?? ""}` }));
        files.forEach((f, i) => writeFileSync(join(temporary, entry[i]!.name), f.data));
        writeFileSync(join(temporary, "entry.json"), JSON.stringify(entry));
        rmSync(folder, { recursive: true, force: true }); // an unusable entry of the same key
        renameSync(temporary, folder);
        return read(key);
      } catch {
        // e.g. a read-only node_modules: these files are made again next time
        try {
          rmSync(temporary, { recursive: true, force: true });
        } catch {}
        return undefined;
      }
    },
  };
}
