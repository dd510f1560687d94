/**
 * The worker's side of the index: the manifest, and buckets and shards read when a search first
 * needs them, parsed once and kept per isolate (a bounded number, newest use kept). A file that
 * is missing or unreadable counts as empty: a search then finds less, and never fails.
 */
import type { SearchManifest } from "./index-build.ts";
import { searchIndexVersion } from "./scoring.ts";

/** A file's contents: text, or its UTF-8 bytes as read from the static assets. */
export type FileData = string | Uint8Array;

/** How the worker reads the build's files (e.g. from static assets); undefined when absent. */
export interface SearchFiles {
  bucket(n: number): Promise<FileData | undefined>;
  shard(n: number): Promise<FileData | undefined>;
}

const asText = (data: FileData | undefined) => (data === undefined || typeof data === "string" ? data : new TextDecoder().decode(data));

/**
 * One bucket: its words, sorted, and for each how many articles have it and its encoded
 * postings (postings.ts); for a common word that expands to others, the results of the query
 * of that word alone (index-build.ts's mergedPostings), by its position.
 */
export interface Bucket {
  terms: string[];
  counts: number[];
  postings: string[];
  merged: ({ count: number; postings: string } | undefined)[];
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

const emptyManifest: SearchManifest = { version: searchIndexVersion, documents: 0, buckets: 1, shardStarts: [] };
const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

export function parseManifest(json: string): SearchManifest {
  try {
    const m = JSON.parse(json) as Partial<SearchManifest>;
    if (m.version === searchIndexVersion && isCount(m.documents) && isCount(m.buckets) && m.buckets > 0 && Array.isArray(m.shardStarts) && m.shardStarts.every(isCount)) return m as SearchManifest;
  } catch {
    // fall through: an unreadable manifest is an empty index
  }
  return emptyManifest;
}

/** A bucket's JSON; entries that are not [word, count, postings, (count, postings)?] are skipped. */
export function parseBucket(data: FileData | undefined): Bucket {
  const bucket: Bucket = { terms: [], counts: [], postings: [], merged: [] };
  const json = asText(data);
  if (json === undefined) return bucket;
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch {
    return bucket;
  }
  if (!Array.isArray(entries)) return bucket;
  for (const e of entries) {
    if (!Array.isArray(e) || typeof e[0] !== "string" || !isCount(e[1]) || typeof e[2] !== "string") continue;
    bucket.terms.push(e[0]);
    bucket.counts.push(e[1]);
    bucket.postings.push(e[2]);
    bucket.merged.push(isCount(e[3]) && typeof e[4] === "string" ? { count: e[3], postings: e[4] } : undefined);
  }
  return bucket;
}

/** Line `k` (from 0) of a shard, without splitting or decoding the rest of the file. */
export function lineOf(data: FileData, k: number): string | undefined {
  const newline = typeof data === "string" ? "\n" : 10;
  let from = 0;
  for (let i = 0; i < k; i++) {
    const at = (data.indexOf as (x: string | number, from: number) => number)(newline, from);
    if (at === -1) return undefined;
    from = at + 1;
  }
  const end = (data.indexOf as (x: string | number, from: number) => number)(newline, from);
  const line = data.slice(from, end === -1 ? data.length : end);
  return typeof line === "string" ? line : new TextDecoder().decode(line);
}

/** Row `k` of a shard; undefined when absent or not a row. */
export function parseRow(data: FileData | undefined, k: number): Row | undefined {
  if (data === undefined) return undefined;
  try {
    const line = lineOf(data, k);
    const r: unknown = line === undefined ? undefined : JSON.parse(line);
    if (!Array.isArray(r) || r.length !== 6 || !r.every((x): x is string => typeof x === "string")) return undefined;
    const [slug, title, dek, published, language, text] = r as [string, string, string, string, string, string];
    return { slug, title, dek, published, language, text };
  } catch {
    return undefined;
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
 * under 200 KiB, kept as strings) and 16 shards (at most 64 KiB each, kept as read: a row is
 * parsed when shown).
 */
export function openSearchIndex(manifestJson: FileData, files: SearchFiles, limits = { buckets: 64, shards: 16 }): SearchIndex {
  const manifest = parseManifest(asText(manifestJson)!);
  const bucket = lru(limits.buckets, (n) => files.bucket(n).then(parseBucket, () => parseBucket(undefined)));
  const shard = lru(limits.shards, (n) => files.shard(n).catch(() => undefined));
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
      return parseRow(await shard(lo), doc - starts[lo]!);
    },
  };
}
