/**
 * How the index scores and partitions terms; the build and the worker share these numbers.
 *
 * Scores are BM25 (k1 = 1.2, b = 0.75) per field, weighted by field and summed, computed once
 * at build time per (term, article), so that a search only adds numbers: no field lengths or
 * document frequencies are needed at request time.
 */

/** The index's format: 2 since postings are in impact order, with each word's article count; 3 since runs of scripts written without spaces are indexed as characters and pairs. */
export const searchIndexVersion = 3;

export const fields = ["title", "tags", "dek", "text", "notes"] as const;
export type Field = (typeof fields)[number];

/**
 * How much a match in each field counts. A word in the title says most about what an article
 * is about, a tag was chosen by the editor, the dek summarises; the body and the notes count once.
 */
export const boosts: Record<Field, number> = { title: 4, tags: 3, dek: 2, text: 1, notes: 1 };

export const k1 = 1.2;
export const b = 0.75;

/** Scores are stored as integers: hundredths (at least 1, so every posting counts). */
export const scoreScale = 100;

/**
 * Weight of a word that matched by prefix ("annot" → "annotation") or with a typo. Weights are
 * whole tenths, so a weighted score is a whole number of thousandths: results rank by it exactly
 * (`rankScale`), and one word's postings in impact order are its results in rank order.
 */
export const prefixWeight = 0.5;
export const fuzzyWeight = 0.3;
/** Weighted scores are summed and ranked in thousandths: hundredths × a weight's tenths. */
export const rankScale = 10;

/** Prefix matching from three letters; one typo from five letters, two from eight. */
export const minPrefixLength = 3;
export function maxTypos(term: string): number {
  const n = Array.from(term).length;
  return n >= 8 ? 2 : n >= 5 ? 1 : 0;
}

/**
 * The key that puts a term in a bucket: its first two code points. Prefix matches of three or
 * more letters and typo matches (which keep the first two letters) all share the query word's
 * key, so one bucket answers each query word.
 */
export function termKey(term: string): string {
  return Array.from(term).slice(0, 2).join("");
}

/** FNV-1a over the key's UTF-16 units: the bucket a key falls in, stable across builds. */
export function bucketOf(term: string, buckets: number): number {
  let h = 0x811c9dc5;
  const key = termKey(term);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % buckets;
}
