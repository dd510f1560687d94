/**
 * How the worker finds a built file in the packs without bundling the whole pack table
 * (src/build/worker-data.ts makes both parts from dist/packs.json):
 *   - the directory, bundled (about 30 KiB at 10,000 articles): the packs' sizes, the media types,
 *     the first path of each chunk of the table, and which files are served as themselves;
 *   - the table's chunks, static assets (/_packs/table/<k>.json, tens of KiB each): the rows of
 *     the table sorted by path, each with its pack, offset, size, type, ETag and last change.
 * A lookup finds its chunk by binary search over the first paths, reads and parses that chunk
 * once per isolate, and keeps it. So start-up parses no table, and the first request for an old
 * article or a search reads one small chunk, whatever the number of articles.
 */
import { locatedAt, type Located } from "./assets.ts";

export interface PackDirectory {
  /** The byte size of each pack. */
  packs: number[];
  /** The media types, indexed by a row's `type`. */
  types: string[];
  /** The first path of each chunk, in code-unit order: chunk k holds the paths from first[k] up to first[k + 1]. */
  first: string[];
  /** Files served as themselves at their own URL other than each article's (collections, figures): path → media type. */
  served: Record<string, string>;
  /** The files every article has ("/articles/<slug>" + the key, e.g. ".epub", "/cover.png"): key → media type. */
  articleFiles: Record<string, string>;
}

/** One chunk of the table, its rows sorted by path, column by column. */
export interface PackChunk {
  path: string[];
  pack: number[];
  offset: number[];
  size: number[];
  type: number[];
  /** "" for internal files (models, records, the search index). */
  etag: string[];
  /** Seconds since 1970, 0 when not recorded. */
  modified: number[];
}

/** Where chunk `k` of the table is among the static assets (never packed itself). */
export function chunkPath(k: number): string {
  return `/_packs/table/${k}.json`;
}

export interface PackLookup {
  /** Where a logical file is, with its record; undefined if no chunk lists it. */
  locate(path: string): Promise<Located | undefined>;
}

/** The chunk that would hold `path`: the last whose first path is not after it; -1 before the first. */
export function chunkOf(first: readonly string[], path: string): number {
  let lo = 0;
  let hi = first.length - 1;
  if (hi < 0 || path < first[0]!) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (first[mid]! <= path) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Lookups over the directory, reading chunk k with `read(k)` (its JSON text) the first time it is needed. */
export function openPackDirectory(directory: PackDirectory, read: (k: number) => Promise<string>): PackLookup {
  const chunks = new Map<number, Promise<{ chunk: PackChunk; rows: Map<string, number> }>>();
  const chunk = (k: number) => {
    let p = chunks.get(k);
    if (!p) {
      p = read(k).then((text) => {
        const chunk = JSON.parse(text) as PackChunk;
        return { chunk, rows: new Map(chunk.path.map((path, i) => [path, i])) };
      });
      // A failed read is tried again by the next lookup, not kept.
      p.catch(() => chunks.delete(k));
      chunks.set(k, p);
    }
    return p;
  };
  return {
    async locate(path) {
      const k = chunkOf(directory.first, path);
      if (k < 0) return undefined;
      const { chunk: c, rows } = await chunk(k);
      const i = rows.get(path);
      return i === undefined ? undefined : locatedAt(directory.types, c, i, c.offset[i]!);
    },
  };
}
