/**
 * Search at request time: a raw `q` made safe, run against the build's index (reading only the
 * buckets of its words and the shards of the results shown), and a page of ranked results with
 * snippets and matched words as ranges. Nothing here throws on any input.
 */
import { editDistanceWithin } from "./edit-distance.ts";
import { eachPosting } from "./postings.ts";
import { marked, snippet, type Marked } from "./snippet.ts";
import { bucketOf, fuzzyWeight, maxTypos, minPrefixLength, prefixWeight, scoreScale, termKey } from "./scoring.ts";
import type { Bucket, SearchIndex } from "./store.ts";
import { fold, words } from "./terms.ts";

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
  /** Its distinct words, folded as the index folds them, at most `maxQueryTerms`. */
  terms: string[];
}

// C0 and C1 controls, bidi embeddings/overrides/isolates (they would reorder the page around
// the echoed query), zero-width space, BOM, soft hyphen, lone surrogates, noncharacters.
// ZWJ and ZWNJ stay: Persian and Indic words need them.
const unwanted = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A raw `q` (string, repeated parameter, or absent) as a safe query. */
export function parseQuery(raw: unknown): Query {
  const first = Array.isArray(raw) ? raw.find((v) => typeof v === "string") : raw;
  if (typeof first !== "string") return { text: "", terms: [] };
  // Controls become spaces (a tab separates words), then whitespace runs collapse.
  const cleaned = first.replace(unwanted, " ").normalize("NFC").replace(/\s+/g, " ").trim();
  const text = Array.from(cleaned).slice(0, maxQueryLength).join("").trim();
  const terms = [...new Set(words(text).map(fold).filter(Boolean))].slice(0, maxQueryTerms);
  return { text, terms };
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

const emptyPage = (query: string, page: number, pageSize: number): SearchPage<SearchHit> => ({ query, page, pageSize, total: 0, pages: 0, ...(page > 1 ? { prev: 1 } : {}), hits: [] });

/**
 * The articles matching every word of the query (or, when none does, any of them), best first
 * (summed score, then newest), and the requested page of them with snippets and marks.
 */
export async function search(index: SearchIndex, query: Query, page = 1, pageSize = searchPageSize): Promise<SearchPage<SearchHit>> {
  if (query.terms.length === 0 || index.manifest.documents === 0) return emptyPage(query.text, page, pageSize);
  const n = index.manifest.documents;
  const matchedWords = new Set<string>();
  // Per article: the summed score, and how many query words it matched (each word counts its
  // best match over the index words it expanded to).
  const total = new Float64Array(n);
  const matched = new Uint8Array(n);
  const buckets = await Promise.all(query.terms.map((term) => index.bucket(bucketOf(term, index.manifest.buckets))));
  query.terms.forEach((term, w) => {
    const bucket = buckets[w]!;
    const best = new Float64Array(n);
    const touched: number[] = [];
    for (const [i, weight] of expand(bucket, term)) {
      matchedWords.add(bucket.terms[i]!);
      eachPosting(bucket.postings[i]!, (doc, score) => {
        if (doc >= n) return;
        if (best[doc] === 0) touched.push(doc);
        if (weight * score > best[doc]!) best[doc] = weight * score;
      });
    }
    for (const doc of touched) {
      total[doc]! += best[doc]!;
      matched[doc]!++;
    }
  });
  // Every word if any article has them all, else any word.
  const words = query.terms.length;
  let need = words;
  if (!matched.includes(words)) need = 1;
  // Rank by score (descending, in whole hundredths), then by document number (newest first),
  // as one sortable number: (top - score) × 2^24 + doc.
  const keys: number[] = [];
  let top = 0;
  for (let doc = 0; doc < n; doc++) if (matched[doc]! >= need) top = Math.max(top, Math.round(total[doc]!));
  for (let doc = 0; doc < n; doc++) if (matched[doc]! >= need) keys.push((top - Math.round(total[doc]!)) * 2 ** 24 + doc);
  const ranked = Float64Array.from(keys).sort();
  const docOf = (key: number) => key % 2 ** 24;
  const pages = Math.ceil(ranked.length / pageSize);
  const shown = Array.from(ranked.subarray((page - 1) * pageSize, page * pageSize), docOf);
  const hits = await Promise.all(
    shown.map(async (doc): Promise<SearchHit> => {
      const row = await index.row(doc);
      const score = total[doc]!;
      const r = row ?? { slug: "", title: "", dek: "", published: "", language: "", text: "" };
      return {
        slug: r.slug,
        date: r.published,
        language: r.language,
        score: score / scoreScale,
        title: marked(r.title, matchedWords),
        dek: marked(r.dek, matchedWords),
        snippet: snippet(r.text || r.dek, matchedWords),
      };
    }),
  );
  return {
    query: query.text,
    page,
    pageSize,
    total: ranked.length,
    pages,
    ...(page > 1 ? { prev: Math.min(page - 1, Math.max(pages, 1)) } : {}),
    ...(page < pages ? { next: page + 1 } : {}),
    // A result whose shard could not be read is left out of the page rather than shown empty.
    hits: hits.filter((h) => h.slug !== ""),
  };
}
