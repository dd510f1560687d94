/**
 * The search index, made at build time (pure: the caller writes the files). It is split so
 * that a search reads only what it needs, because one whole index does not fit the worker:
 * MiniSearch's index of 10,000 synthetic articles is 33 MB of JSON, takes 1.5 s or more to
 * load and 150 MB of heap (over an isolate's 128 MB), against 10 ms of CPU per request.
 *
 * - `manifest`: a few numbers (how many articles and buckets, where each text shard starts).
 * - `buckets`: the inverted index, partitioned by each word's first two letters (`bucketOf`):
 *   `[["word", articles, "<postings>", merged articles?, "<merged postings>"?], …]`, words
 *   sorted; `articles` is how many articles have the word; postings are (document, score)
 *   pairs, scores precomputed (BM25 per field, weighted, in hundredths), in impact order (best
 *   score first) and written compactly as a string (`postings.ts`). A word of at least
 *   `mergedFrom` articles that a query expands to other words too (prefixes, typos) also has
 *   that query's results made in advance (`mergedPostings`, in thousandths). One query word
 *   reads one bucket, whatever the size of the site, and a page of a one-word query decodes
 *   only the postings up to that page.
 * - `shards`: what a result line shows, packed in article order (newest first) into files of
 *   at most `shardBytes`, one JSON row per line: `[slug, title, dek, published, language, text]`.
 *   `text` is what searchable.ts's snippetText gives: the text, then the notes. A page
 *   of results reads at most one shard per result and parses only the rows it shows (JSON
 *   never holds a raw newline, so a row is found by counting newlines in the file's bytes).
 * An article's number (its "document") is its position in the newest-first list.
 */
import type { Article } from "../model/document.ts";
import { eachPosting, encodePostings } from "./postings.ts";
import { expand } from "./query.ts";
import { b, boosts, bucketOf, fields, k1, rankScale, scoreScale, searchIndexVersion } from "./scoring.ts";
import type { Bucket } from "./store.ts";
import { searchableTexts, snippetText } from "./searchable.ts";
import { indexTerms } from "./terms.ts";

export interface SearchManifest {
  version: typeof searchIndexVersion;
  documents: number;
  buckets: number;
  /** Document number of each shard's first row, ascending; shard n holds shardStarts[n]… */
  shardStarts: number[];
}

export interface SearchBuild {
  /** JSON of a SearchManifest. */
  manifest: string;
  /** Bucket n's JSON is `buckets[n]`. */
  buckets: string[];
  /** Shard n is `shards[n]`: one JSON row per line. */
  shards: string[];
}

/**
 * 64 KiB: ~9 articles of 1,000 words with their notes per shard, so ~1,350 shard files at
 * 10,000 articles (packed with the other built files: they do not count against the plan's
 * static files one by one). A page of 10 results reads at most 10 shards and parses only its
 * 10 rows; the results of a common word are spread over the whole archive, so each is
 * usually its own shard, and a shard is copied out of its pack whole: smaller shards copy less.
 */
export const defaultShardBytes = 64 * 1024;
/** Aimed size of a bucket; at most 256 buckets however large the site. */
export const defaultBucketBytes = 128 * 1024;
export const maxBuckets = 256;

/** The text a snippet is cut from: the article's text (figures' words included), then its notes. */
export function snippetSource(article: Article): string {
  return snippetText(searchableTexts(article));
}

/** Folded words of each field, and how often each occurs. */
function termCounts(text: string): { length: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let length = 0;
  for (const t of indexTerms(text)) {
    length++;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return { length, counts };
}

/** How many bytes `s` is in UTF-8 (a lone surrogate counts as U+FFFD's three, as TextEncoder writes it). */
export function utf8Bytes(s: string): number {
  let bytes = s.length; // one a code unit, then what more each takes
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: four bytes for two code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Packs rows (in order) into files of lines of at most `maxBytes` (a row bigger than that gets its own). */
function packShards(rows: readonly string[], maxBytes: number): { starts: number[]; shards: string[] } {
  const starts: number[] = [];
  const shards: string[] = [];
  let current: string[] = [];
  let size = 0;
  rows.forEach((row, i) => {
    const own = utf8Bytes(row);
    const bytes = own + (current.length ? 1 : 0);
    if (current.length && size + bytes > maxBytes) {
      shards.push(current.join("\n"));
      [current, size] = [[], 0];
    }
    if (current.length === 0) starts.push(i);
    current.push(row);
    size += own + (current.length > 1 ? 1 : 0);
  });
  if (current.length) shards.push(current.join("\n"));
  return { starts, shards };
}

/**
 * From how many articles a word gets its results as a query of its own made in advance when it
 * expands to other words (`mergedPostings`): below that, merging its lists at request time
 * touches few postings.
 */
export const defaultMergedFrom = 64;

/**
 * The results of the query made of the one word `term` when it expands (expand() in query.ts:
 * prefixes, typos) to other index words too: for each article its best weighted score over
 * them, in thousandths, as postings in impact order, and how many articles. Undefined when the
 * word expands to itself only (its own postings are the answer then).
 */
function mergedPostings(bucket: Bucket, term: string): { count: number; postings: string } | undefined {
  const found = expand(bucket, term);
  if (found.size < 2 || found.get(bucket.terms.indexOf(term)) !== 1) return undefined;
  const best = new Map<number, number>();
  for (const [i, weight] of found) {
    const w = Math.round(weight * rankScale);
    eachPosting(bucket.postings[i]!, (doc, score) => {
      if (w * score > (best.get(doc) ?? 0)) best.set(doc, w * score);
    });
  }
  return { count: best.size, postings: encodePostings([...best].flat()) };
}

/**
 * What the index needs of one article, made from it alone (so the build can keep it between
 * builds, src/build/search-files.ts): each field's length in words and each folded word's count,
 * in the order the words first occur, and its row of the text shards.
 */
export interface ArticleTerms {
  /** Words in each field, in `fields` order. */
  lengths: number[];
  /** Each field's [word, count] pairs, in `fields` order. */
  counts: [string, number][][];
  /** Its row in the text shards (JSON). */
  row: string;
}

/** One article's record for the index. */
export function articleTerms(a: Article): ArticleTerms {
  const texts = searchableTexts(a);
  const lengths: number[] = [];
  const counts: [string, number][][] = [];
  for (const f of fields) {
    const { length, counts: own } = termCounts(texts[f]);
    lengths.push(length);
    counts.push([...own]);
  }
  return { lengths, counts, row: JSON.stringify([a.slug, a.title, a.dek, a.published, a.language, snippetSource(a)]) };
}

/** The manifest, buckets and shards for `articles` (newest first, as in the Corpus). */
export function buildSearchIndex(articles: readonly Article[], options: { shardBytes?: number; bucketBytes?: number; mergedFrom?: number } = {}): SearchBuild {
  return mergeSearchIndex(articles.map(articleTerms), options);
}

/** The manifest, buckets and shards from each article's record (newest first): scores need every article's counts. */
export function mergeSearchIndex(records: readonly ArticleTerms[], options: { shardBytes?: number; bucketBytes?: number; mergedFrom?: number } = {}): SearchBuild {
  const n = records.length;
  // Pass 1: field lengths and document frequencies.
  const lengths = fields.map(() => new Float64Array(n));
  const df = new Map<string, number>();
  records.forEach((r, d) => {
    const seen = new Set<string>();
    fields.forEach((_, i) => {
      lengths[i]![d] = r.lengths[i]!;
      for (const [t] of r.counts[i]!) seen.add(t);
    });
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  });
  const average = lengths.map((l) => (n ? l.reduce((s, x) => s + x, 0) / n : 0) || 1);
  // Each word's idf, once (the same number for every article that has it).
  const idfs = new Map<string, number>();
  for (const [t, count] of df) idfs.set(t, Math.log(1 + (n - count + 0.5) / (count + 0.5)));

  // Pass 2: each (word, article)'s score, BM25 per field, weighted by field and summed.
  const postings = new Map<string, number[]>();
  records.forEach((r, d) => {
    const scores = new Map<string, number>();
    fields.forEach((f, i) => {
      const norm = k1 * (1 - b + (b * lengths[i]![d]!) / average[i]!);
      for (const [t, tf] of r.counts[i]!) {
        const idf = idfs.get(t)!;
        scores.set(t, (scores.get(t) ?? 0) + boosts[f] * idf * ((tf * (k1 + 1)) / (tf + norm)));
      }
    });
    for (const [t, s] of scores) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(d, Math.max(1, Math.round(s * scoreScale)));
    }
  });

  // Buckets: enough for about `bucketBytes` each (estimated at 2 bytes a number), at most 256.
  const estimate = [...postings].reduce((s, [t, l]) => s + t.length + 8 + l.length * 2, 0);
  const bucketCount = Math.min(maxBuckets, Math.max(1, Math.ceil(estimate / (options.bucketBytes ?? defaultBucketBytes))));
  const byBucket: [string, number[]][][] = Array.from({ length: bucketCount }, () => []);
  for (const entry of postings) byBucket[bucketOf(entry[0], bucketCount)]!.push(entry);
  const mergedFrom = options.mergedFrom ?? defaultMergedFrom;
  const buckets = byBucket.map((entries) => {
    entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    const bucket: Bucket = { terms: entries.map(([t]) => t), counts: entries.map(([, l]) => l.length / 2), postings: entries.map(([, l]) => encodePostings(l)), merged: [] };
    return JSON.stringify(
      entries.map(([t, list], i) => {
        const entry: (string | number)[] = [t, list.length / 2, bucket.postings[i]!];
        if (bucket.counts[i]! >= mergedFrom) {
          const merged = mergedPostings(bucket, t);
          if (merged) entry.push(merged.count, merged.postings);
        }
        return entry;
      }),
    );
  });

  const rows = records.map((r) => r.row);
  const { starts, shards } = packShards(rows, options.shardBytes ?? defaultShardBytes);
  const manifest: SearchManifest = { version: searchIndexVersion, documents: n, buckets: bucketCount, shardStarts: starts };
  return { manifest: JSON.stringify(manifest), buckets, shards };
}
