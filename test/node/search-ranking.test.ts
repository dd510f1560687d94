/**
 * The index's ranking against a brute-force one: BM25 per field, weighted and summed, computed
 * here from the articles' words with nothing from the index (no postings, no impact order, no
 * fast path for one word), over a small random corpus whose words share prefixes and typos.
 * Every page of every query must match: the same articles in the same order, the same scores,
 * the same totals.
 */
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/document.ts";
import { buildSearchIndex } from "../../src/search/index-build.ts";
import { parseQuery, search } from "../../src/search/query.ts";
import { b, boosts, fields, fuzzyWeight, k1, maxTypos, minPrefixLength, prefixWeight } from "../../src/search/scoring.ts";
import { openSearchIndex } from "../../src/search/store.ts";
import { article, memoryFiles } from "./search-articles.ts";
import { prng } from "../../scripts/bench/corpus.ts";

// Words that expand into each other: "harb" is a prefix of three, "harbor" one typo from "harbour".
const vocabulary = "harbour harbours harbor harbourside river rivers council counsel minister ministry quay quays boat boats tide".split(" ");

function corpus(size: number, seed: number): Article[] {
  const rnd = prng(seed);
  // Skewed: early words are common, late ones rare.
  const word = () => vocabulary[Math.floor(rnd() ** 2 * vocabulary.length)]!;
  const phrase = (max: number) => Array.from({ length: 1 + Math.floor(rnd() * max) }, word).join(" ");
  return Array.from({ length: size }, (_, i) =>
    article(`a${i}`, {
      title: phrase(4),
      dek: phrase(8),
      tags: rnd() < 0.5 ? [word()] : [],
      paragraphs: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => phrase(30)),
      notes: rnd() < 0.4 ? [phrase(12)] : [],
      published: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString(),
    }),
  );
}

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

function levenshtein(x: string, y: string): number {
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[y.length]!;
}

/** Score (in hundredths, as stored) of every (word, article), straight from BM25's definition. */
function bm25(articles: Article[]): Map<string, Map<number, number>> {
  const texts = articles.map((a) => ({
    title: wordsOf(a.title),
    tags: wordsOf(a.tags.join(" ")),
    dek: wordsOf(a.dek),
    text: a.blocks.flatMap((block) => ("content" in block && block.type === "paragraph" ? wordsOf(block.content.text) : [])),
    // A note's words: its body, its original's wording and its sources' titles (searchable.ts).
    notes: a.annotations.flatMap((n) => [...wordsOf(n.body.map((r) => r.text).join(" ")), ...wordsOf(n.original?.text ?? ""), ...n.sources.flatMap((s) => wordsOf(s.title))]),
  }));
  const n = articles.length;
  const avg = Object.fromEntries(fields.map((f) => [f, texts.reduce((s, t) => s + t[f].length, 0) / n || 1]));
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(fields.flatMap((f) => t[f]))) df.set(w, (df.get(w) ?? 0) + 1);
  const scores = new Map<string, Map<number, number>>();
  texts.forEach((t, d) => {
    for (const w of new Set(fields.flatMap((f) => t[f]))) {
      const idf = Math.log(1 + (n - df.get(w)! + 0.5) / (df.get(w)! + 0.5));
      let s = 0;
      for (const f of fields) {
        const tf = t[f].filter((x) => x === w).length;
        if (tf) s += boosts[f] * idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * t[f].length) / avg[f]!)));
      }
      if (!scores.has(w)) scores.set(w, new Map());
      scores.get(w)!.set(d, Math.max(1, Math.round(s * 100)));
    }
  });
  return scores;
}

/** How much index word `v` counts for query word `q`: exact, prefix, typo (same first two letters), or not at all. */
function weight(q: string, v: string): number {
  if (q === v) return 1;
  if (q.length >= minPrefixLength && v.startsWith(q)) return prefixWeight;
  const typos = maxTypos(q);
  if (typos > 0 && v.startsWith(q.slice(0, 2)) && levenshtein(q, v) <= typos) return fuzzyWeight;
  return 0;
}

/** Every result of `terms`, ranked: all words if any article has them all, else any; score, then newest. */
function bruteForce(scores: Map<string, Map<number, number>>, n: number, terms: string[]): { doc: number; score: number }[] {
  const per = terms.map((q) => {
    const best = new Map<number, number>();
    for (const [v, docs] of scores) {
      const w = weight(q, v);
      if (w) for (const [d, s] of docs) best.set(d, Math.max(best.get(d) ?? 0, w * s));
    }
    return best;
  });
  const all: { doc: number; score: number; words: number }[] = [];
  for (let d = 0; d < n; d++) {
    const got = per.filter((m) => m.has(d));
    if (got.length) all.push({ doc: d, score: got.reduce((s, m) => s + m.get(d)!, 0), words: got.length });
  }
  const need = all.some((r) => r.words === terms.length) ? terms.length : 1;
  return all.filter((r) => r.words >= need).sort((x, y) => Math.round(y.score * 10) - Math.round(x.score * 10) || x.doc - y.doc);
}

describe("ranking equals brute-force BM25", () => {
  const articles = corpus(80, 12);
  const scores = bm25(articles);
  const built = buildSearchIndex(articles, { shardBytes: 2000, bucketBytes: 300, mergedFrom: 0 });
  const index = openSearchIndex(built.manifest, memoryFiles(built));
  // The same without any word's results made in advance: every query that expands is merged at request time.
  const plain = buildSearchIndex(articles, { shardBytes: 2000, bucketBytes: 300, mergedFrom: Infinity });
  const plainIndex = openSearchIndex(plain.manifest, memoryFiles(plain));
  const queries = [
    ...vocabulary,
    "harb",
    "riv",
    "coun",
    "ministr",
    "harbuor",
    "harbour river",
    "tide quays",
    "minister council boat",
    "harbour harbours harbor",
    "boat zzzz",
    "zzzz",
    "quay tide river council minister",
  ];

  it("for one word and several, on every page", async () => {
    let compared = 0;
    // Small pages (a short buffer of the best) and one longer than `smallPage` in query.ts (a sort of every match).
    for (const pageSize of [7, 250]) {
      for (const q of queries) {
        const query = parseQuery(q);
        const expected = bruteForce(scores, articles.length, query.terms);
        const pages = Math.ceil(expected.length / pageSize);
        for (let page = 1; page <= pages + 1; page++) {
          for (const idx of [index, plainIndex]) {
            const got = await search(idx, query, page, pageSize);
            const want = expected.slice((page - 1) * pageSize, page * pageSize);
            expect(got.total, `${q} page ${page}`).toBe(expected.length);
            expect(got.pages, q).toBe(pages);
            // Scores to the thousandth (the brute force sums floats: 0.3 × 7 is 2.0999…).
            expect(
              got.hits.map((h) => [h.slug, Math.round(h.score * 1000)]),
              `${q} page ${page}`,
            ).toEqual(want.map((r) => [articles[r.doc]!.slug, Math.round(r.score * 10)]));
            compared += got.hits.length;
          }
        }
      }
    }
    // The corpus is not trivial: common words match most articles, every query word some.
    expect(bruteForce(scores, articles.length, ["harbour"]).length).toBeGreaterThan(40);
    expect(compared).toBeGreaterThan(2000);
    // Words with results made in advance: those that expand ("harbour" to "harbours", "harbor"…).
    expect(built.buckets.join("")).not.toEqual(plain.buckets.join(""));
  });

  it("the same, whatever the bucket and shard sizes", async () => {
    const one = buildSearchIndex(articles);
    expect(one.buckets).toHaveLength(1);
    const big = openSearchIndex(one.manifest, memoryFiles(one));
    for (const q of ["harbour", "harb", "harbour river", "ministr"]) {
      for (const page of [1, 2, 5]) expect(await search(big, parseQuery(q), page, 7)).toEqual(await search(index, parseQuery(q), page, 7));
    }
  });
});
