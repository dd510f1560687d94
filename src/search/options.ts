/**
 * The MiniSearch options the build and the worker share: the index is made with these and
 * must be loaded with the same ones (MiniSearch does not serialize functions).
 */
import type { Options, SearchOptions } from "minisearch";
import { fold, words } from "./terms.ts";

/** One document of the index: what is searched (not stored, except the stored fields). */
export interface SearchDocument {
  slug: string;
  title: string;
  dek: string;
  tags: string;
  text: string;
  notes: string;
  /** Stored for results: the publication date (ISO instant), language, and the text shard's number. */
  date: string;
  language: string;
  shard: number;
}

/** What each result carries without loading anything else. */
export interface StoredFields {
  title: string;
  dek: string;
  date: string;
  language: string;
  shard: number;
}

export const searchFields = ["title", "dek", "tags", "text", "notes"] as const;
export const storedFields = ["title", "dek", "date", "language", "shard"] as const;

/**
 * How much a match in each field counts. A word in the title says most about what an article
 * is about, a tag was chosen by the editor, the dek summarises; the body and the notes count once.
 */
export const boosts: Record<(typeof searchFields)[number], number> = { title: 4, tags: 3, dek: 2, text: 1, notes: 1 };

export const indexOptions: Options<SearchDocument> = {
  idField: "slug",
  fields: [...searchFields],
  storeFields: [...storedFields],
  tokenize: words,
  processTerm: (term) => fold(term) || null,
};

/**
 * Prefix matching from three letters on ("annot" finds "annotation"), one typo allowed from
 * five letters and two from eight: enough for a slip, bounded so that a long query stays cheap.
 * Prefix and fuzzy matches weigh less than exact ones.
 */
export const queryOptions: SearchOptions = {
  boost: { ...boosts },
  prefix: (term) => term.length >= 3,
  fuzzy: (term) => (term.length >= 8 ? 2 : term.length >= 5 ? 1 : false),
  maxFuzzy: 2,
  weights: { prefix: 0.5, fuzzy: 0.3 },
};
