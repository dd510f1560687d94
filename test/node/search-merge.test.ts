/**
 * The build's merge of the search index (index-build.ts's mergeSearchIndex over numbered words
 * and flat arrays, postings.ts's encodeRange) against the plain way it was first written (Maps of
 * words, each posting list as an array of pairs, encodePostings, merged results decoded again with
 * eachPosting): the same manifest, buckets and shards, to the byte, on random corpora whose
 * words share prefixes and are a typo apart, with tiny buckets and shards.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactTerms, mergeCompactTerms, mergeSearchIndex, utf8Bytes, type ArticleTerms, type CompactTerms, type SearchBuild, type SearchManifest } from "../../src/search/index-build.ts";
import { eachPosting, encodePostings, encodeRange } from "../../src/search/postings.ts";
import { expand } from "../../src/search/query.ts";
import { b, boosts, bucketOf, fields, k1, rankScale, scoreScale, searchIndexVersion } from "../../src/search/scoring.ts";
import type { Bucket } from "../../src/search/store.ts";

// The reference: the merge as written before it worked on numbers.
function referencePack(rows: readonly string[], maxBytes: number): { starts: number[]; shards: string[] } {
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

function referenceMerged(bucket: Bucket, term: string): { count: number; postings: string } | undefined {
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

function reference(records: readonly ArticleTerms[], options: { shardBytes: number; bucketBytes: number; mergedFrom: number }): SearchBuild {
  const n = records.length;
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
  const idfs = new Map<string, number>();
  for (const [t, count] of df) idfs.set(t, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
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
  const estimate = [...postings].reduce((s, [t, l]) => s + t.length + 8 + l.length * 2, 0);
  const bucketCount = Math.min(256, Math.max(1, Math.ceil(estimate / options.bucketBytes)));
  const byBucket: [string, number[]][][] = Array.from({ length: bucketCount }, () => []);
  for (const entry of postings) byBucket[bucketOf(entry[0], bucketCount)]!.push(entry);
  const buckets = byBucket.map((entries) => {
    entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    const bucket: Bucket = { terms: entries.map(([t]) => t), counts: entries.map(([, l]) => l.length / 2), postings: entries.map(([, l]) => encodePostings(l)), merged: [] };
    return JSON.stringify(
      entries.map(([t, list], i) => {
        const entry: (string | number)[] = [t, list.length / 2, bucket.postings[i]!];
        if (bucket.counts[i]! >= options.mergedFrom) {
          const merged = referenceMerged(bucket, t);
          if (merged) entry.push(merged.count, merged.postings);
        }
        return entry;
      }),
    );
  });
  const { starts, shards } = referencePack(
    records.map((r) => r.row),
    options.shardBytes,
  );
  const manifest: SearchManifest = { version: searchIndexVersion, documents: n, buckets: bucketCount, shardStarts: starts };
  return { manifest: JSON.stringify(manifest), buckets, shards };
}

// Words of a few letters (so that many share a prefix or are a typo or two apart), some not Latin.
const letter = fc.constantFrom("a", "b", "c", "é", "ж", "漢", "😀");
const word = fc.array(letter, { minLength: 1, maxLength: 9 }).map((l) => l.join(""));
const fieldCounts = fc.uniqueArray(fc.tuple(word, fc.integer({ min: 1, max: 6 })), { selector: ([w]) => w, maxLength: 12 });
const record: fc.Arbitrary<ArticleTerms> = fc
  .tuple(fc.tuple(fieldCounts, fieldCounts, fieldCounts, fieldCounts, fieldCounts), fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 5 }), fc.string({ unit: "binary", maxLength: 40 }))
  .map(([counts, extra, text]) => ({
    counts: counts as [string, number][][],
    lengths: counts.map((pairs, f) => pairs.reduce((s, [, c]) => s + c, 0) + extra[f]!),
    row: JSON.stringify(["slug", text]),
  }));
const options = fc.record({
  shardBytes: fc.constantFrom(1, 40, 300, 64 * 1024),
  bucketBytes: fc.constantFrom(1, 60, 500, 128 * 1024),
  mergedFrom: fc.constantFrom(1, 2, 3, 64),
});

describe("the search index's merge", () => {
  it("makes the same bytes as the plain merge, on random corpora", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), options, (records, o) => {
        expect(mergeSearchIndex(records, o)).toEqual(reference(records, o));
      }),
      { numRuns: 300 },
    );
  });

  it("makes the same bytes from records of several word lists, rows given as UTF-8 bytes", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }), options, (records, lists, o) => {
        // Each record's words in one of four lists, words in more than one list among them.
        const dictionaries = Array.from({ length: 4 }, () => ({ terms: ["unused", "words"], ids: new Map<string, number>([["unused", 0], ["words", 1]]) }));
        const compact: CompactTerms[] = records.map((r, i) => {
          const { terms, ids } = dictionaries[lists[i]!]!;
          const c = compactTerms(r, terms, ids);
          return i % 2 ? { ...c, row: encoder.encode(r.row) } : c;
        });
        const expected = reference(records, o);
        const got = mergeCompactTerms(compact, o);
        expect(got.manifest).toBe(expected.manifest);
        expect(got.buckets).toEqual(expected.buckets);
        expect(got.shards.map((s) => (typeof s === "string" ? encoder.encode(s) : s))).toEqual(expected.shards.map((s) => encoder.encode(s)));
      }),
      { numRuns: 200 },
    );
  });

  it("makes shards of rows that stand one after another in one buffer, as the same bytes", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), fc.nat(4), options, (records, cut, o) => {
        // The rows one after another (a newline between), then a gap, then the rest.
        const bytes = records.map((r) => encoder.encode(r.row));
        const whole = new Uint8Array(bytes.reduce((s, x) => s + x.length + 1, 1));
        let at = 0;
        const rows = bytes.map((x, i) => {
          if (i === cut) at++; // a byte that is no newline: the rows after it are not adjacent to those before
          whole.set(x, at);
          const row = whole.subarray(at, at + x.length);
          at += x.length;
          whole[at++] = 10;
          return row;
        });
        const terms: string[] = [];
        const ids = new Map<string, number>();
        const got = mergeCompactTerms(
          records.map((r, i) => ({ ...compactTerms(r, terms, ids), row: rows[i]! })),
          o,
        );
        expect(got.shards.map((s) => (typeof s === "string" ? encoder.encode(s) : Uint8Array.from(s)))).toEqual(reference(records, o).shards.map((s) => encoder.encode(s)));
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic for an empty corpus and a corpus of one article with no words", () => {
    const o = { shardBytes: 100, bucketBytes: 100, mergedFrom: 1 };
    expect(mergeSearchIndex([], o)).toEqual(reference([], o));
    const empty: ArticleTerms = { lengths: [0, 0, 0, 0, 0], counts: [[], [], [], [], []], row: "[]" };
    expect(mergeSearchIndex([empty], o)).toEqual(reference([empty], o));
  });
});

describe("encodeRange", () => {
  it("writes what encodePostings writes of the same pairs", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.nat(5000), fc.oneof(fc.nat(40), fc.nat(1_000_000))), { selector: ([d]) => d, maxLength: 80 }),
        fc.nat(3),
        fc.nat(3),
        (pairs, before, after) => {
          const docs = [...Array<number>(before).fill(7), ...pairs.map(([d]) => d), ...Array<number>(after).fill(7)];
          const scores = [...Array<number>(before).fill(9), ...pairs.map(([, s]) => s), ...Array<number>(after).fill(9)];
          expect(encodeRange(Float64Array.from(docs), Float64Array.from(scores), before, before + pairs.length)).toBe(encodePostings(pairs.flat()));
        },
      ),
    );
  });

  it("sorts by comparison when score × documents would pass 2^53", () => {
    const docs = [2 ** 30, 5, 2 ** 30 + 1, 6];
    const scores = [2 ** 40, 2 ** 40, 3, 2 ** 40];
    const pairs = docs.flatMap((d, i) => [d, scores[i]!]);
    expect(encodeRange(docs, scores, 0, 4)).toBe(encodePostings(pairs));
    const seen: number[] = [];
    eachPosting(encodeRange(docs, scores, 0, 4), (doc, score) => void seen.push(doc, score));
    expect(seen).toEqual([5, 2 ** 40, 6, 2 ** 40, 2 ** 30, 2 ** 40, 2 ** 30 + 1, 3]);
  });

  it("refuses negative or fractional numbers, as encodePostings does", () => {
    expect(() => encodeRange([1], [-1], 0, 1)).toThrow(RangeError);
    expect(() => encodeRange([1.5], [1], 0, 1)).toThrow(RangeError);
    expect(encodeRange([1], [1], 0, 0)).toBe("");
  });
});
