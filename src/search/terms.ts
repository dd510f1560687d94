/**
 * Words, the same way everywhere: the index, the query and the marking of matched words all
 * split text with `words()` and fold each word with `fold()`, so that a word marked in a
 * snippet is exactly a word the index matched. No regular expression is ever built from input.
 */

// A word is a run of letters, combining marks and digits, in any script (so Arabic, Hebrew,
// Cyrillic, Devanagari and accented Latin words are words; punctuation and symbols are not).
// The definition is this regular expression; `isWordChar` answers the same without it for the
// code points most text is made of, because compiling a Unicode property class costs about half
// a millisecond per expression and subject width, and a search's first request in an isolate
// has 10 ms in all. Its test compares the two over every code point.
const wordCharClass = /^[\p{L}\p{M}\p{N}]$/u;

/** Whether code point `c` is a letter, a mark or a digit (a lone surrogate is none). */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  if (c < 0x100) return c >= 0xc0 ? c !== 0xd7 && c !== 0xf7 : c === 0xaa || c === 0xb2 || c === 0xb3 || c === 0xb5 || c === 0xb9 || c === 0xba || (c >= 0xbc && c <= 0xbe);
  // Latin Extended-A and -B, IPA; combining diacritics: all letters or marks.
  if (c < 0x250 || (c >= 0x300 && c < 0x370)) return true;
  // General Punctuation (spaces, dashes, quotes, bidi controls) and surrogates: none.
  if ((c >= 0x2000 && c < 0x2070) || (c >= 0xd800 && c < 0xe000)) return false;
  return wordCharClass.test(String.fromCodePoint(c));
}

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
  let start = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.codePointAt(i)!;
    if (isWordChar(c)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push({ text: text.slice(start, i), start, end: i });
      start = -1;
    }
    i += c > 0xffff ? 2 : 1;
  }
  if (start >= 0) out.push({ text: text.slice(start), start, end: text.length });
  return out;
}

/** Every word of `text` (MiniSearch's `tokenize`). */
export function words(text: string): string[] {
  return wordsAt(text).map((w) => w.text);
}

/**
 * A word as the index keeps it: compatibility-decomposed, lowercased, Latin/Greek/Cyrillic
 * diacritics dropped (so "Kraków" matches "krakow"), recomposed (so Hangul stays syllables).
 * Marks of other scripts (Devanagari vowel signs, Arabic harakat) are kept: they are letters there.
 */
export function fold(term: string): string {
  return term.normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}
