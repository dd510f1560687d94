/**
 * A disk cache of each article's documents as a collection's book holds them (its text and its
 * notes, assembled by epub-gen-memory: src/epub/collection-book.ts), with their deflated bytes,
 * so that a volume re-made because one of its articles changed assembles and deflates that
 * article alone, and takes the others' bytes from here (zip.ts `knownDeflated`). An entry is
 * keyed by the sha256 of the code that makes the documents and deflates them (collection-cache.ts
 * `collectionsCodeHash`: src/epub, src/render, src/model, src/collections…, epub-gen-memory's
 * version and zlib's), the site (its JSON) and the article's model JSON's digest:
 *
 *   .cache/folio/chapters/<key 0..2>/<key>.bin   a line of JSON [[path, bytes, deflated bytes], …],
 *                                                then each document's bytes and deflated bytes
 *
 * Written to a temporary name and renamed into place; an entry that does not add up is ignored
 * and made again. A cache that cannot be written never fails the build.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { noteCacheUse } from "./cache-prune.ts";
import { writeCacheFile } from "./cache-write.ts";

/** One document of an article in a collection's book: its path in the ZIP, its bytes, and them deflated. */
export interface ChapterFile {
  path: string;
  data: Uint8Array;
  deflated: Uint8Array;
}

export interface ChapterCache {
  get(digest: string): ChapterFile[] | undefined;
  put(digest: string, files: readonly ChapterFile[]): void;
}

/** The cache in `dir`; `code` and `site` (its JSON) are in every key with the article's digest. */
export function openChapterCache(dir: string, code: string, site: string): ChapterCache {
  const fileOf = (digest: string) => {
    const key = createHash("sha256").update(code).update("\0").update(site).update("\0").update(digest).digest("hex");
    return join(dir, key.slice(0, 2), `${key}.bin`);
  };
  return {
    get(digest) {
      const file = fileOf(digest);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        return undefined;
      }
      try {
        const newline = bytes.indexOf(0x0a);
        const head = JSON.parse(bytes.toString("utf8", 0, newline)) as [string, number, number][];
        const files: ChapterFile[] = [];
        let at = newline + 1;
        for (const [path, size, deflatedSize] of head) {
          files.push({ path, data: bytes.subarray(at, at + size), deflated: bytes.subarray(at + size, at + size + deflatedSize) });
          at += size + deflatedSize;
        }
        if (at !== bytes.byteLength || files.length === 0) return undefined;
        noteCacheUse(file); // kept by the cache's pruning (cache-prune.ts)
        return files;
      } catch {
        return undefined; // unreadable: made again
      }
    },
    put(digest, files) {
      const file = fileOf(digest);
      const head = Buffer.from(`${JSON.stringify(files.map((f) => [f.path, f.data.byteLength, f.deflated.byteLength]))}\n`, "utf8");
      // if it cannot be written: assembled again next time
      if (writeCacheFile(file, [head, ...files.flatMap((f) => [f.data, f.deflated])])) noteCacheUse(file);
    },
  };
}
