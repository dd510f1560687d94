/**
 * Words, the same way everywhere: the index, the query and the marking of matched words all
 * split text with `words()` and fold each word with `fold()`, so that a word marked in a
 * snippet is exactly a word the index matched. No regular expression is ever built from input.
 */

// A word is a run of letters, combining marks and digits, in any script (so Arabic, Hebrew,
// Cyrillic, Devanagari and accented Latin words are words; punctuation and symbols are not).
const word = /[\p{L}\p{M}\p{N}]+/gu;

export interface WordAt {
  /** The word as written. */
  text: string;
  /** UTF-16 offsets into the text it came from. */
  start: number;
  end: number;
}

/** Every word of `text` with its position. */
export function wordsAt(text: string): WordAt[] {
  const out: WordAt[] = [];
  for (const m of text.matchAll(word)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Every word of `text` (MiniSearch's `tokenize`). */
export function words(text: string): string[] {
  return text.match(word) ?? [];
}

/**
 * A word as the index keeps it: compatibility-decomposed, lowercased, Latin/Greek/Cyrillic
 * diacritics dropped (so "Kraków" matches "krakow"), recomposed (so Hangul stays syllables).
 * Marks of other scripts (Devanagari vowel signs, Arabic harakat) are kept: they are letters there.
 */
export function fold(term: string): string {
  return term.normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}
