/**
 * Search at request time: a raw `q` made safe, run against the build's index, and a page of
 * ranked results with snippets and matched words as ranges. Nothing here throws on any input.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { indexOptions, queryOptions, type SearchDocument, type StoredFields } from "./options.ts";
import { marked, snippet, type Marked } from "./snippet.ts";
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

export interface SearchIndex {
  readonly engine: MiniSearch<SearchDocument>;
}

/** Loads the build's `index` JSON (once per isolate: keep the result). */
export function loadSearchIndex(json: string): SearchIndex {
  return { engine: MiniSearch.loadJSON<SearchDocument>(json, indexOptions) };
}

/** One ranked match, before its snippet is cut (its text lives in shard `shard`). */
export interface Found extends StoredFields {
  slug: string;
  score: number;
  /** The index's words this article matched (prefix and fuzzy matches as the article has them). */
  terms: string[];
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

const byRank = (a: Found, b: Found) => b.score - a.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

function run(index: SearchIndex, terms: string[], combineWith: "AND" | "OR"): SearchResult[] {
  return index.engine.search({ queries: terms, combineWith, ...queryOptions });
}

/**
 * Every article matching all the query's words (or, when none does, any of them), best first
 * (score, then newest, then slug), and the requested page of them.
 */
export function search(index: SearchIndex, query: Query, page = 1, pageSize = searchPageSize): SearchPage<Found> {
  let results: SearchResult[] = [];
  if (query.terms.length > 0) {
    results = run(index, query.terms, "AND");
    if (results.length === 0 && query.terms.length > 1) results = run(index, query.terms, "OR");
  }
  const ranked: Found[] = results
    .map((r) => ({ slug: String(r.id), score: r.score, terms: r.terms, title: r.title, dek: r.dek, date: r.date, language: r.language, shard: r.shard }))
    .sort(byRank);
  const pages = Math.ceil(ranked.length / pageSize);
  const shown = ranked.slice((page - 1) * pageSize, page * pageSize);
  return {
    query: query.text,
    page,
    pageSize,
    total: ranked.length,
    pages,
    ...(page > 1 ? { prev: Math.min(page - 1, Math.max(pages, 1)) } : {}),
    ...(page < pages ? { next: page + 1 } : {}),
    hits: shown,
  };
}

/** The text shards a page of results needs for its snippets. */
export function shardsNeeded(found: SearchPage<Found>): number[] {
  return [...new Set(found.hits.map((h) => h.shard))].sort((a, b) => a - b);
}

/** A shard file's JSON as a map from slug to text (an unreadable shard is an empty map). */
export function parseShard(json: string): Map<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object" || Array.isArray(value)) return new Map();
    return new Map(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return new Map();
  }
}

export interface SearchHit {
  slug: string;
  date: string;
  language: string;
  score: number;
  title: Marked;
  dek: Marked;
  /** A passage of the article or its notes around the matched words (the dek when no text is at hand). */
  snippet: Marked;
}

/** Cuts each hit's snippet from its text (`textOf`, e.g. from the loaded shards) and marks its words. */
export function present(found: SearchPage<Found>, textOf: (slug: string) => string | undefined): SearchPage<SearchHit> {
  return {
    ...found,
    hits: found.hits.map((h) => {
      const terms = new Set(h.terms);
      return {
        slug: h.slug,
        date: h.date,
        language: h.language,
        score: h.score,
        title: marked(h.title, terms),
        dek: marked(h.dek, terms),
        snippet: snippet(textOf(h.slug) ?? h.dek, terms),
      };
    }),
  };
}
