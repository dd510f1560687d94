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
import { encodeRange } from "./postings.ts";
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

/** Whether the lines are bytes one after another in one buffer, a newline between each two. */
function adjacent(lines: readonly (string | Uint8Array)[]): lines is readonly Uint8Array[] {
  const first = lines[0];
  if (typeof first !== "object") return false;
  let end = first.byteOffset + first.length;
  const whole = new Uint8Array(first.buffer);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (typeof line !== "object" || line.buffer !== first.buffer || line.byteOffset !== end + 1 || whole[end] !== 10) return false;
    end = line.byteOffset + line.length;
  }
  return true;
}

/** Lines joined with newlines: text, or UTF-8 bytes when the lines are bytes (a view of them when they already stand so). */
function joinLines(lines: readonly (string | Uint8Array)[]): string | Uint8Array {
  if (lines.every((l): l is string => typeof l === "string")) return lines.join("\n");
  if (adjacent(lines)) {
    const first = lines[0]!;
    const last = lines[lines.length - 1]!;
    return new Uint8Array(first.buffer, first.byteOffset, last.byteOffset + last.length - first.byteOffset);
  }
  const parts = lines.map((l) => (typeof l === "string" ? new TextEncoder().encode(l) : l));
  const joined = new Uint8Array(parts.reduce((s, p) => s + p.length, parts.length - 1));
  let at = 0;
  parts.forEach((p, i) => {
    if (i) joined[at++] = 10;
    joined.set(p, at);
    at += p.length;
  });
  return joined;
}

/**
 * Packs rows (in order) into files of lines of at most `maxBytes` (a row bigger than that gets
 * its own). A row is JSON text, or its UTF-8 bytes (as the build keeps it): a shard of rows
 * given as bytes is bytes, the same bytes as the text's.
 */
function packShards(rows: readonly (string | Uint8Array)[], maxBytes: number): { starts: number[]; shards: (string | Uint8Array)[] } {
  const starts: number[] = [];
  const shards: (string | Uint8Array)[] = [];
  let current: (string | Uint8Array)[] = [];
  let size = 0;
  rows.forEach((row, i) => {
    const own = typeof row === "string" ? utf8Bytes(row) : row.length;
    const bytes = own + (current.length ? 1 : 0);
    if (current.length && size + bytes > maxBytes) {
      shards.push(joinLines(current));
      [current, size] = [[], 0];
    }
    if (current.length === 0) starts.push(i);
    current.push(row);
    size += own + (current.length > 1 ? 1 : 0);
  });
  if (current.length) shards.push(joinLines(current));
  return { starts, shards };
}

/**
 * From how many articles a word gets its results as a query of its own made in advance when it
 * expands to other words (`mergedPostings`): below that, merging its lists at request time
 * touches few postings.
 */
export const defaultMergedFrom = 64;

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


/**
 * An article's record as the build keeps it (src/build/search-files.ts) and merges it: an
 * ArticleTerms whose words are numbers, positions in a list of words that many records share,
 * so that merging thousands of records looks each word up once per list, not once per article.
 */
export interface CompactTerms {
  /** Words in each field, in `fields` order. */
  lengths: ArrayLike<number>;
  /** For each field in `fields` order: how many distinct words m, then m pairs (word's position in `terms`, count). */
  data: Int32Array;
  /** The words `data` refers to, shared by many records (the same array). */
  terms: readonly string[];
  /** Its row in the text shards: JSON, or that JSON's UTF-8 bytes. */
  row: string | Uint8Array;
}

/** ArticleTerms as CompactTerms, adding their words to `terms` (and `ids`, each word's position there). */
export function compactTerms(record: ArticleTerms, terms: string[], ids: Map<string, number>): CompactTerms {
  let size = 0;
  for (const pairs of record.counts) size += 1 + pairs.length * 2;
  const data = new Int32Array(size);
  let j = 0;
  for (const pairs of record.counts) {
    data[j++] = pairs.length;
    for (const [t, count] of pairs) {
      let id = ids.get(t);
      if (id === undefined) {
        ids.set(t, (id = terms.length));
        terms.push(t);
      }
      data[j++] = id;
      data[j++] = count;
    }
  }
  return { lengths: record.lengths, data, terms, row: record.row };
}

/** The manifest, buckets and shards for `articles` (newest first, as in the Corpus). */
export function buildSearchIndex(articles: readonly Article[], options: MergeOptions = {}): SearchBuild {
  return mergeSearchIndex(articles.map(articleTerms), options);
}

export interface MergeOptions {
  shardBytes?: number;
  bucketBytes?: number;
  mergedFrom?: number;
}

/** The manifest, buckets and shards from each article's record (newest first): scores need every article's counts. */
export function mergeSearchIndex(records: readonly ArticleTerms[], options: MergeOptions = {}): SearchBuild {
  const terms: string[] = [];
  const ids = new Map<string, number>();
  // Rows as text: shards as text.
  return mergeCompactTerms(
    records.map((r) => compactTerms(r, terms, ids)),
    options,
  ) as SearchBuild;
}

/** mergeSearchIndex over compact records: a shard is text, or UTF-8 bytes when its records' rows are bytes (the same bytes). */
export function mergeCompactTerms(records: readonly CompactTerms[], options: MergeOptions = {}): Omit<SearchBuild, "shards"> & { shards: (string | Uint8Array)[] } {
  const n = records.length;
  const fieldCount = fields.length;
  // Every word once: each list of words' positions in `words`.
  const words: string[] = [];
  const ids = new Map<string, number>();
  const mapped = new Map<readonly string[], Int32Array>();
  const maps = records.map((r) => {
    let map = mapped.get(r.terms);
    if (!map) {
      map = new Int32Array(r.terms.length);
      r.terms.forEach((t, i) => {
        let id = ids.get(t);
        if (id === undefined) {
          ids.set(t, (id = words.length));
          words.push(t);
        }
        map![i] = id;
      });
      mapped.set(r.terms, map);
    }
    return map;
  });
  const w = words.length;

  // Pass 1: field lengths and document frequencies (an article counts once for a word in several fields).
  const lengths = fields.map(() => new Float64Array(n));
  const df = new Int32Array(w);
  const lastDoc = new Int32Array(w).fill(-1);
  for (let d = 0; d < n; d++) {
    const { data } = records[d]!;
    const map = maps[d]!;
    let j = 0;
    for (let f = 0; f < fieldCount; f++) {
      lengths[f]![d] = records[d]!.lengths[f]!;
      const m = data[j++]!;
      for (let end = j + m * 2; j < end; j += 2) {
        const id = map[data[j]!]!;
        if (lastDoc[id] !== d) {
          lastDoc[id] = d;
          df[id]!++;
        }
      }
    }
  }
  const average = lengths.map((l) => (n ? l.reduce((s, x) => s + x, 0) / n : 0) || 1);
  // Each word's idf, once (the same number for every article that has it).
  const idfs = new Float64Array(w);
  for (let id = 0; id < w; id++) {
    const count = df[id]!;
    if (count) idfs[id] = Math.log(1 + (n - count + 0.5) / (count + 0.5));
  }
  // Each word's postings at starts[id] … starts[id + 1] of `docs` and `scores`, in document order.
  const starts = new Int32Array(w + 1);
  for (let id = 0; id < w; id++) starts[id + 1] = starts[id]! + df[id]!;
  const next = starts.slice(0, w);
  const docs = new Int32Array(starts[w]!);
  const scores = new Int32Array(starts[w]!); // hundredths: far below 2^31

  // Pass 2: each (word, article)'s score, BM25 per field, weighted by field and summed (in
  // field order: the same sums, to the last bit, as adding field by field).
  const sums = new Float64Array(w);
  const touched = new Int32Array(w);
  lastDoc.fill(-1);
  for (let d = 0; d < n; d++) {
    const { data } = records[d]!;
    const map = maps[d]!;
    let count = 0;
    let j = 0;
    for (let f = 0; f < fieldCount; f++) {
      const norm = k1 * (1 - b + (b * lengths[f]![d]!) / average[f]!);
      const boost = boosts[fields[f]!];
      const m = data[j++]!;
      for (let end = j + m * 2; j < end; j += 2) {
        const id = map[data[j]!]!;
        const tf = data[j + 1]!;
        const score = boost * idfs[id]! * ((tf * (k1 + 1)) / (tf + norm));
        if (lastDoc[id] !== d) {
          lastDoc[id] = d;
          sums[id] = score;
          touched[count++] = id;
        } else sums[id] = sums[id]! + score;
      }
    }
    for (let i = 0; i < count; i++) {
      const id = touched[i]!;
      const at = next[id]!++;
      docs[at] = d;
      scores[at] = Math.max(1, Math.round(sums[id]! * scoreScale));
    }
  }

  // Buckets: enough for about `bucketBytes` each (estimated at 2 bytes a number), at most 256.
  let estimate = 0;
  for (let id = 0; id < w; id++) if (df[id]) estimate += words[id]!.length + 8 + df[id]! * 4;
  const bucketCount = Math.min(maxBuckets, Math.max(1, Math.ceil(estimate / (options.bucketBytes ?? defaultBucketBytes))));
  const byBucket: number[][] = Array.from({ length: bucketCount }, () => []);
  for (let id = 0; id < w; id++) if (df[id]) byBucket[bucketOf(words[id]!, bucketCount)]!.push(id);
  const mergedFrom = options.mergedFrom ?? defaultMergedFrom;
  const best = new Float64Array(n);
  const bestDocs = new Int32Array(n);
  const bestScores = new Float64Array(n);
  const buckets = byBucket.map((entries) => {
    entries.sort((x, y) => (words[x]! < words[y]! ? -1 : words[x]! > words[y]! ? 1 : 0));
    const bucket: Bucket = { terms: entries.map((id) => words[id]!), counts: entries.map((id) => df[id]!), postings: entries.map((id) => encodeRange(docs, scores, starts[id]!, starts[id + 1]!)), merged: [] };
    // The JSON of [[word, articles, postings, (merged articles, merged postings)?], …], written
    // out: postings need no escaping (postings.ts), a word is JSON.stringify's.
    const parts: string[] = [];
    entries.forEach((id, i) => {
      let entry = `[${JSON.stringify(words[id])},${df[id]},"${bucket.postings[i]}"`;
      if (df[id]! >= mergedFrom) {
        // The results of the query made of this one word when it expands (expand() in query.ts:
        // prefixes, typos) to other index words too: for each article its best weighted score
        // over them, in thousandths, as postings in impact order, and how many articles. None
        // when the word expands to itself only (its own postings are the answer then).
        const found = expand(bucket, words[id]!);
        if (found.size >= 2 && found.get(i) === 1) {
          let count = 0;
          for (const [k, weight] of found) {
            const scale = Math.round(weight * rankScale);
            const other = entries[k]!;
            for (let p = starts[other]!, end = starts[other + 1]!; p < end; p++) {
              const doc = docs[p]!;
              const s = scale * scores[p]!;
              if (s > best[doc]!) {
                if (best[doc] === 0) bestDocs[count++] = doc;
                best[doc] = s;
              }
            }
          }
          for (let k = 0; k < count; k++) bestScores[k] = best[bestDocs[k]!]!;
          entry += `,${count},"${encodeRange(bestDocs, bestScores, 0, count)}"`;
          for (let k = 0; k < count; k++) best[bestDocs[k]!] = 0;
        }
      }
      parts.push(`${entry}]`);
    });
    return `[${parts.join(",")}]`;
  });

  const rows = records.map((r) => r.row);
  const { starts: shardStarts, shards } = packShards(rows, options.shardBytes ?? defaultShardBytes);
  const manifest: SearchManifest = { version: searchIndexVersion, documents: n, buckets: bucketCount, shardStarts };
  return { manifest: JSON.stringify(manifest), buckets, shards };
}
