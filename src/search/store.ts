/**
 * The worker's side of the index: the manifest, and buckets and shards read when a search first
 * needs them, parsed once and kept per isolate (a bounded number, newest use kept). A file that
 * is missing or unreadable counts as empty: a search then finds less, and never fails.
 */
import type { SearchManifest } from "./index-build.ts";

/** How the worker reads the build's files (e.g. from static assets); undefined when absent. */
export interface SearchFiles {
  bucket(n: number): Promise<string | undefined>;
  shard(n: number): Promise<string | undefined>;
}

/** One bucket: its words, sorted, and for each its encoded postings (decode with `eachPosting`). */
export interface Bucket {
  terms: string[];
  postings: string[];
}

/** What a result line shows, and the text its snippet is cut from. */
export interface Row {
  slug: string;
  title: string;
  dek: string;
  published: string;
  language: string;
  text: string;
}

export interface SearchIndex {
  manifest: SearchManifest;
  bucket(n: number): Promise<Bucket>;
  /** The row of document `doc` (its number in the newest-first list). */
  row(doc: number): Promise<Row | undefined>;
}

const emptyManifest: SearchManifest = { version: 1, documents: 0, buckets: 1, shardStarts: [] };
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

export function parseManifest(json: string): SearchManifest {
  try {
    const m = JSON.parse(json) as Partial<SearchManifest>;
    if (m.version === 1 && isCount(m.documents) && isCount(m.buckets) && m.buckets > 0 && Array.isArray(m.shardStarts) && m.shardStarts.every(isCount)) return m as SearchManifest;
  } catch {
    // fall through: an unreadable manifest is an empty index
  }
  return emptyManifest;
}

/** A bucket's JSON; entries that are not [word, postings] are skipped. */
export function parseBucket(json: string | undefined): Bucket {
  const bucket: Bucket = { terms: [], postings: [] };
  if (json === undefined) return bucket;
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch {
    return bucket;
  }
  if (!Array.isArray(entries)) return bucket;
  for (const e of entries) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || typeof e[1] !== "string") continue;
    bucket.terms.push(e[0]);
    bucket.postings.push(e[1]);
  }
  return bucket;
}

function parseRows(json: string | undefined): Row[] {
  try {
    const rows: unknown = json === undefined ? [] : JSON.parse(json);
    if (!Array.isArray(rows)) return [];
    return rows.map((r) => (Array.isArray(r) && r.length === 6 && r.every((x) => typeof x === "string") ? { slug: r[0], title: r[1], dek: r[2], published: r[3], language: r[4], text: r[5] } : undefined)) as Row[];
  } catch {
    return [];
  }
}

/** A small cache keeping the `limit` most recently used entries. */
function lru<T>(limit: number, load: (n: number) => Promise<T>): (n: number) => Promise<T> {
  const cache = new Map<number, Promise<T>>();
  return (n) => {
    let hit = cache.get(n);
    if (hit) cache.delete(n);
    else hit = load(n);
    cache.set(n, hit);
    if (cache.size > limit) cache.delete(cache.keys().next().value!);
    return hit;
  };
}

/**
 * Opens the index over `files`. Keeps at most 64 buckets (at 10,000 articles the largest are
 * a few hundred KiB, kept as strings) and 32 shards (32 KiB each).
 */
export function openSearchIndex(manifestJson: string, files: SearchFiles, limits = { buckets: 64, shards: 32 }): SearchIndex {
  const manifest = parseManifest(manifestJson);
  const bucket = lru(limits.buckets, (n) => files.bucket(n).then(parseBucket, () => parseBucket(undefined)));
  const shard = lru(limits.shards, (n) => files.shard(n).then(parseRows, () => []));
  const starts = manifest.shardStarts;
  return {
    manifest,
    bucket,
    async row(doc) {
      if (!isCount(doc) || doc >= manifest.documents) return undefined;
      // The last shard starting at or before `doc`.
      let lo = 0;
      let hi = starts.length - 1;
      if (hi < 0) return undefined;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= doc) lo = mid;
        else hi = mid - 1;
      }
      return (await shard(lo))[doc - starts[lo]!];
    },
  };
}
