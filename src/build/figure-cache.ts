/**
 * A disk cache of each figure's web sizes, so that `npm run build` does not encode every image
 * again on every run (sharp's mozjpeg and PNG palette encoders take a good part of a second
 * for a large photograph). An entry is keyed by the sha256 of all its bytes depend on: this
 * step's code (figures.ts and this file), sharp's version (each sharp release pins the libvips
 * it runs), the figure's file name (the variants' names start with it) and the source image's
 * bytes. So a figure costs a read and a digest of its file when nothing changed.
 *
 *   .cache/folio/figures/<k0k1>/<key>.bin   a JSON line: { width, height, mediaType,
 *                                            variants: [[width, height, name, bytes], …] },
 *                                            then each variant's bytes, in that order
 *
 * An entry whose parts do not add up to its length is ignored and made again.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { codeDigest, packageVersion } from "./cache-dir.ts";
import { noteCacheUse } from "./cache-prune.ts";
import { writeCacheFile } from "./cache-write.ts";

/** A figure's web sizes, as figures.ts makes them. */
export interface MadeFigure {
  width: number;
  height: number;
  mediaType: string;
  variants: { width: number; height: number; name: string; data: Uint8Array }[];
}

let ownCode: string | undefined;
/** The digest of the code and the encoder the entries depend on, once per process. */
function figureCode(): string {
  return (ownCode ??= codeDigest(["build/figures.ts", "build/figure-cache.ts"], undefined, JSON.stringify({ sharp: packageVersion("sharp") })));
}

/** The key of a figure's entry: its code, its file name and its source's bytes. */
export function figureKey(file: string, source: Uint8Array): string {
  return createHash("sha256").update(figureCode()).update("\0").update(file).update("\0").update(source).digest("hex");
}

export interface FigureCache {
  get(key: string): MadeFigure | undefined;
  put(key: string, made: MadeFigure): void;
}

/** The figure cache in `dir` (`figures/` under the cache folder). */
export function openFigureCache(dir: string): FigureCache {
  const fileOf = (key: string) => join(dir, key.slice(0, 2), `${key}.bin`);
  return {
    get(key) {
      const file = fileOf(key);
      try {
        const bytes = readFileSync(file);
        const newline = bytes.indexOf(10);
        if (newline < 0) return undefined;
        const head = JSON.parse(bytes.toString("utf8", 0, newline)) as { width: number; height: number; mediaType: string; variants: [number, number, string, number][] };
        let at = newline + 1;
        const variants = head.variants.map(([width, height, name, size]) => {
          const data = new Uint8Array(bytes.buffer, bytes.byteOffset + at, size);
          at += size;
          return { width, height, name, data };
        });
        if (at !== bytes.byteLength || variants.length === 0) return undefined;
        noteCacheUse(file); // kept by the cache's pruning (cache-prune.ts)
        return { width: head.width, height: head.height, mediaType: head.mediaType, variants };
      } catch {
        return undefined; // missing or unreadable: made again
      }
    },
    put(key, made) {
      const file = fileOf(key);
      const head = { width: made.width, height: made.height, mediaType: made.mediaType, variants: made.variants.map((v) => [v.width, v.height, v.name, v.data.byteLength]) };
      if (writeCacheFile(file, [Buffer.from(`${JSON.stringify(head)}\n`, "utf8"), ...made.variants.map((v) => v.data)])) noteCacheUse(file);
    },
  };
}
