/**
 * Search at request time: a raw `q` made safe, run against the build's index (reading only the
 * buckets of its words and the shards of the results shown), and a page of ranked results with
 * snippets and matched words as ranges. Nothing here throws on any input.
 */
import { editDistanceWithin } from "./edit-distance.ts";
import { bestPostings, eachPosting, encodePostings, scorePostings, topPostings } from "./postings.ts";
import { marked, snippet, type Marked } from "./snippet.ts";
import { bucketOf, fuzzyWeight, maxTypos, minPrefixLength, prefixWeight, rankScale, scoreScale, termKey } from "./scoring.ts";
import type { Bucket, Row, SearchIndex } from "./store.ts";
import { fold, queryUnits, tokensAt } from "./terms.ts";

/** Longest query kept, in code points (longer ones are cut, not refused). */
export const maxQueryLength = 200;
/** Most distinct words searched; the rest of a long query is ignored. */
export const maxQueryTerms = 10;
/** Results per page. */
export const searchPageSize = 10;
/** Highest page number accepted; beyond it a request gets the last page's number. */
export const maxSearchPage = 1000;

export interface Query {
  /** The cleaned query, as the form shows it back. */
  text: string;
  /** Its distinct words, folded as the index folds them; with `phrases`, at most `maxQueryTerms`. */
  terms: string[];
  /**
   * Its distinct runs of a script written without spaces (Chinese, Japanese, Thai…), folded: each
   * matches an article holding it as written, its characters adjacent and in order.
   */
  phrases: string[];
}

// C0 and C1 controls, bidi embeddings/overrides/isolates (they would reorder the page around
// the echoed query), zero-width space, BOM, soft hyphen, lone surrogates, noncharacters.
// ZWJ and ZWNJ stay: Persian and Indic words need them.
const unwanted = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A raw `q` (string, repeated parameter, or absent) as a safe query. */
export function parseQuery(raw: unknown): Query {
  const first = Array.isArray(raw) ? raw.find((v) => typeof v === "string") : raw;
  if (typeof first !== "string") return { text: "", terms: [], phrases: [] };
  // Controls become spaces (a tab separates words), then whitespace runs collapse.
  const cleaned = first.replace(unwanted, " ").normalize("NFC").replace(/\s+/g, " ").trim();
  const text = Array.from(cleaned).slice(0, maxQueryLength).join("").trim();
  const terms = new Set<string>();
  const phrases = new Set<string>();
  for (const t of tokensAt(text)) {
    const f = fold(t.text);
    if (f && terms.size + phrases.size < maxQueryTerms) (t.unspaced ? phrases : terms).add(f);
  }
  return { text, terms: [...terms], phrases: [...phrases] };
}

/** A raw `page` as a page number: a plain positive integer up to `maxSearchPage`, else 1. */
export function parsePage(raw: unknown): number {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string" || !/^[1-9][0-9]{0,6}$/.test(first)) return 1;
  return Math.min(Number(first), maxSearchPage);
}

export interface SearchPage<T> {
  query: string;
  page: number;
  pageSize: number;
  /** Matching articles in all. */
  total: number;
  /** Pages in all (0 when nothing matched). */
  pages: number;
  prev?: number;
  next?: number;
  hits: T[];
}

export interface SearchHit {
  slug: string;
  /** Publication date, an ISO instant. */
  date: string;
  language: string;
  score: number;
  title: Marked;
  dek: Marked;
  /** A passage of the article or its notes around the matched words. */
  snippet: Marked;
}

/** Most index words one query word may expand to by prefix or typo (exact match first). */
export const maxExpansions = 100;

/** First position in sorted `terms` not below `term`. */
function lowerBound(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bucket's words a query word matches, with their weights: exact 1, prefix, typo. */
export function expand(bucket: Bucket, term: string): Map<number, number> {
  const found = new Map<number, number>();
  const add = (i: number, w: number) => found.size < maxExpansions && found.set(i, Math.max(found.get(i) ?? 0, w));
  const { terms } = bucket;
  const at = lowerBound(terms, term);
  if (terms[at] === term) add(at, 1);
  if (Array.from(term).length >= minPrefixLength) for (let i = at; i < terms.length && terms[i]!.startsWith(term) && found.size < maxExpansions; i++) if (i !== at || terms[i] !== term) add(i, prefixWeight);
  const typos = maxTypos(term);
  if (typos > 0) {
    const key = termKey(term);
    for (let i = lowerBound(terms, key); i < terms.length && terms[i]!.startsWith(key) && found.size < maxExpansions; i++) {
      if (!found.has(i) && editDistanceWithin(term, terms[i]!, typos) <= typos) add(i, fuzzyWeight);
    }
  }
  return found;
}

/**
 * How many articles holding every unit of a phrase have their text read to check that the
 * phrase is there as written (its characters adjacent, in order), best first. Articles past
 * these count unchecked: on an archive with that many, the units rarely occur apart.
 */
export const maxPhraseChecks = 100;

/** Whether a result row holds `phrase` (folded) in its title, dek, text or notes. */
function holds(row: Row | undefined, phrase: string): boolean {
  if (!row) return false;
  const text = `${row.title}\n${row.dek}\n${row.text}`;
  return text.includes(phrase) || fold(text).includes(phrase);
}

/**
 * A phrase of a script written without spaces as one list of postings: the articles holding
 * all its query units (terms.ts's queryUnits), each scored by their sum, and, for a phrase of
 * more than two characters (whose units could occur apart), only those whose text holds it.
 */
async function phraseList(index: SearchIndex, phrase: string, bucketOfTerm: (term: string) => Promise<Bucket>): Promise<{ postings: string; count: number }> {
  const units = queryUnits(phrase);
  const buckets = await Promise.all(units.map(bucketOfTerm));
  let scores: Map<number, number> | undefined;
  for (const [u, unit] of units.entries()) {
    const bucket = buckets[u]!;
    const at = lowerBound(bucket.terms, unit);
    if (bucket.terms[at] !== unit) return { postings: "", count: 0 };
    const next = new Map<number, number>();
    eachPosting(bucket.postings[at]!, (doc, score) => {
      if (!scores) next.set(doc, score);
      else if (scores.has(doc)) next.set(doc, scores.get(doc)! + score);
    });
    scores = next;
  }
  let found = [...scores!].sort(([d1, s1], [d2, s2]) => s2 - s1 || d1 - d2);
  if (Array.from(phrase).length > 2) {
    const checked = found.slice(0, maxPhraseChecks);
    const rows = await Promise.all(checked.map(([doc]) => index.row(doc)));
    found = [...checked.filter((_, i) => holds(rows[i], phrase)), ...found.slice(maxPhraseChecks)];
  }
  return { postings: encodePostings(found.flat()), count: found.length };
}

const emptyPage = (query: string, page: number, pageSize: number): SearchPage<SearchHit> => ({ query, page, pageSize, total: 0, pages: 0, ...(page > 1 ? { prev: 1 } : {}), hits: [] });

/** The ranked documents of one page, their scores (thousandths: weighted hundredths × rankScale) and how many matched in all. */
interface Ranked {
  total: number;
  docs: number[];
  scores: number[];
}

/**
 * One query word that matched one index word: its postings are in impact order, which is rank
 * order (weighted score, highest first, then document), so the page is a slice of the list's
 * head and the total is the word's article count. No posting after the page is decoded.
 */
function rankOne(postings: string, count: number, weight: number, n: number, from: number, to: number): Ranked {
  // `weight` in tenths (postings in hundredths) or 1 (postings made in thousandths).
  const top = topPostings(postings, to);
  const docs: number[] = [];
  const scores: number[] = [];
  for (let i = from; i < top.docs.length; i++) {
    if (top.docs[i]! >= n) continue;
    docs.push(top.docs[i]!);
    scores.push(weight * top.scores[i]!);
  }
  return { total: count, docs, scores };
}

/** Document numbers are below this (2^24), so `doc - score × docRange` orders by score, then document. */
const docRange = 16_777_216;
/** Up to this many results (a page's end), ranking keeps a sorted buffer rather than sorting every match. */
const smallPage = 200;

/**
 * Any query: each word's best weighted score per article (over the index words it expanded
 * to), summed over words; the articles with every word if there are any, else with any word;
 * ranked by summed score, then document (newest first).
 */
function rankAll(lists: { postings: string; weight: number }[][], n: number, from: number, to: number): Ranked {
  // Scores in whole thousandths (weights are tenths), so sums are exact.
  const total = new Float64Array(n);
  const matched = new Uint8Array(n);
  let buffer: Float64Array | undefined;
  for (const expansions of lists) {
    // One index word: each article is in its list once. Several: an article's best match among
    // them counts (`best` holds it, and the total moves up with it).
    const best = expansions.length > 1 ? (buffer ? buffer.fill(0) : (buffer = new Float64Array(n))) : undefined;
    for (const { postings, weight } of expansions) {
      if (best) bestPostings(postings, Math.round(weight * rankScale), total, matched, best);
      else scorePostings(postings, Math.round(weight * rankScale), total, matched);
    }
  }
  // Every word if any article has them all, else any word.
  let need = lists.length;
  if (!matched.includes(need)) need = 1;
  // Rank by score (descending), then by document number (newest first), as one number that
  // sorts ascending: doc - score × docRange.
  let count = 0;
  let keys: Float64Array;
  if (to <= smallPage) {
    // A first page or so: keep the best `to` in a short sorted buffer instead of sorting all.
    keys = new Float64Array(to);
    let size = 0;
    for (let doc = 0; doc < n; doc++) {
      if (matched[doc]! < need) continue;
      count++;
      const key = doc - total[doc]! * docRange;
      if (size === to && key >= keys[to - 1]!) continue;
      let at = size < to ? size++ : to - 1;
      while (at > 0 && keys[at - 1]! > key) {
        keys[at] = keys[at - 1]!;
        at--;
      }
      keys[at] = key;
    }
    keys = keys.subarray(0, size);
  } else {
    keys = new Float64Array(n);
    for (let doc = 0; doc < n; doc++) if (matched[doc]! >= need) keys[count++] = doc - total[doc]! * docRange;
    keys = keys.subarray(0, count).sort();
  }
  const docs = Array.from(keys.subarray(from, to), (key) => ((key % docRange) + docRange) % docRange);
  return { total: count, docs, scores: docs.map((doc) => total[doc]!) };
}

/**
 * The articles matching every word of the query (or, when none does, any of them), best first
 * (summed score, then newest), and the requested page of them with snippets and marks.
 */
export async function search(index: SearchIndex, query: Query, page = 1, pageSize = searchPageSize): Promise<SearchPage<SearchHit>> {
  const phrases = query.phrases ?? [];
  if (query.terms.length + phrases.length === 0 || index.manifest.documents === 0) return emptyPage(query.text, page, pageSize);
  const n = index.manifest.documents;
  const matchedWords = new Set<string>();
  const bucketOfTerm = (term: string) => index.bucket(bucketOf(term, index.manifest.buckets));
  const [buckets, phraseLists] = await Promise.all([Promise.all(query.terms.map(bucketOfTerm)), Promise.all(phrases.map((p) => phraseList(index, p, bucketOfTerm)))]);
  // Each query word's lists: those of the index words it expands to, or, when it is an index
  // word whose expansion was merged at build time, that one list (scores in thousandths already).
  const lists = query.terms.map((term, w) => {
    const bucket = buckets[w]!;
    const found = expand(bucket, term);
    for (const i of found.keys()) matchedWords.add(bucket.terms[i]!);
    const at = lowerBound(bucket.terms, term);
    const merged = bucket.terms[at] === term ? bucket.merged[at] : undefined;
    if (merged && found.size > 1) return [{ postings: merged.postings, count: merged.count, weight: 1 / rankScale }];
    return Array.from(found, ([i, weight]) => ({ postings: bucket.postings[i]!, count: bucket.counts[i]!, weight }));
  });
  // A phrase is one list, like a word (its articles, each with its units' summed score).
  for (const list of phraseLists) lists.push([{ ...list, weight: 1 }]);
  const from = (page - 1) * pageSize;
  const to = page * pageSize;
  // One query word with one list: its page is the head of the list; else a pass over every list.
  const only = lists.length === 1 && lists[0]!.length === 1 ? lists[0]![0]! : undefined;
  const ranked = only ? rankOne(only.postings, only.count, Math.round(only.weight * rankScale), n, from, to) : rankAll(lists, n, from, to);
  const pages = Math.ceil(ranked.total / pageSize);
  const hits = await Promise.all(
    ranked.docs.map(async (doc, i): Promise<SearchHit> => {
      const row = await index.row(doc);
      const r = row ?? { slug: "", title: "", dek: "", published: "", language: "", text: "" };
      return {
        slug: r.slug,
        date: r.published,
        language: r.language,
        score: ranked.scores[i]! / (scoreScale * rankScale),
        title: marked(r.title, matchedWords, phrases),
        dek: marked(r.dek, matchedWords, phrases),
        snippet: snippet(r.text || r.dek, matchedWords, 220, phrases),
      };
    }),
  );
  return {
    query: query.text,
    page,
    pageSize,
    total: ranked.total,
    pages,
    ...(page > 1 ? { prev: Math.min(page - 1, Math.max(pages, 1)) } : {}),
    ...(page < pages ? { next: page + 1 } : {}),
    // A result whose shard could not be read is left out of the page rather than shown empty.
    hits: hits.filter((h) => h.slug !== ""),
  };
}
