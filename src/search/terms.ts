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
  // Cyrillic but its thousands sign; Han, kana and Hangul syllables; CJK punctuation; full-width
  // forms: the expression costs a few tenths of a millisecond for each new character it is
  // asked about until it is optimized, and a Chinese query is all new characters.
  if (c >= 0x400 && c < 0x500) return c !== 0x482;
  if ((c >= 0x3400 && c < 0x4dc0) || (c >= 0x4e00 && c < 0xa000) || (c >= 0xac00 && c < 0xd7a4)) return true;
  if (c >= 0x3000 && c < 0x3100) return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x302f) || (c >= 0x3031 && c <= 0x3035) || (c >= 0x3038 && c <= 0x303c) || (c >= 0x3041 && c <= 0x3096) || c === 0x3099 || c === 0x309a || (c >= 0x309d && c <= 0x309f) || (c >= 0x30a1 && c <= 0x30fa) || c >= 0x30fc;
  if (c >= 0xff00 && c < 0xff66) return (c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
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

/**
 * Whether code point `c` is of a script written without spaces between words: Han, Hiragana,
 * Katakana, Bopomofo (Chinese, Japanese), Thai, Lao, Khmer, Myanmar. Such a run of letters is
 * not one word: it is split into units (`runUnits`). Hangul is written with spaces: not here.
 * Code point ranges rather than `\p{Script=…}`, for the reason `isWordChar` gives; it is only
 * asked of letters and marks (`isWordChar`), so the blocks' few symbols need no exclusion.
 */
export function isUnspacedChar(c: number): boolean {
  if (c < 0x0e00) return false;
  if (c < 0x2e80) return c < 0x0f00 /* Thai, Lao */ || (c >= 0x1000 && c < 0x10a0) /* Myanmar */ || (c >= 0x1780 && c < 0x1800) || (c >= 0x19e0 && c < 0x1a00) /* Khmer */;
  if (c < 0xa000) return c < 0x2fe0 /* CJK radicals */ || (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3038 && c <= 0x303b) || (c >= 0x3040 && c < 0x3130) /* kana, Bopomofo */ || (c >= 0x31a0 && c < 0x31c0) || (c >= 0x31f0 && c < 0x3200) || c >= 0x3400 /* Han */;
  if (c < 0x10000) return (c >= 0xf900 && c < 0xfb00) || (c >= 0xff66 && c < 0xffa0) /* half-width kana */;
  return (c >= 0x1b000 && c < 0x1b170) /* kana supplements */ || (c >= 0x20000 && c < 0x323b0) /* Han */;
}

export interface TokenAt extends WordAt {
  /** A run of a script written without spaces (`isUnspacedChar`): split into units, not a word. */
  unspaced: boolean;
}

/**
 * The words of `text` (`wordsAt`), each cut where it passes between a script written without
 * spaces and any other ("COVID-19疫情" → "COVID", "19", run "疫情"). A word with no such letter
 * (nearly every word of most texts) is returned as it is.
 */
export function tokensAt(text: string): TokenAt[] {
  const out: TokenAt[] = [];
  for (const w of wordsAt(text)) {
    let mixed = false;
    for (let i = 0; i < w.text.length && !mixed; i++) if (w.text.charCodeAt(i) >= 0x0e00) mixed = true;
    if (!mixed) {
      out.push({ ...w, unspaced: false });
      continue;
    }
    let from = 0;
    let kind: boolean | undefined;
    for (let i = 0; i < w.text.length; ) {
      const c = w.text.codePointAt(i)!;
      // A combining diacritic stays with what it follows.
      const u = kind !== undefined && c >= 0x300 && c < 0x370 ? kind : isUnspacedChar(c);
      if (kind !== undefined && u !== kind) {
        out.push({ text: w.text.slice(from, i), start: w.start + from, end: w.start + i, unspaced: kind });
        from = i;
      }
      kind = u;
      i += c > 0xffff ? 2 : 1;
    }
    out.push({ text: w.text.slice(from), start: w.start + from, end: w.end, unspaced: kind ?? false });
  }
  return out;
}

/**
 * The index's units of a folded run of a script written without spaces: each character and each
 * overlapping pair of characters (Lucene's CJK bigrams, with unigrams): "搬不走" → 搬, 不, 走,
 * 搬不, 不走. No dictionary: the same at build time and at query time, and nothing to load in
 * the worker (scripts/bench/unspaced-units.ts measures this against Intl.Segmenter).
 */
export function runUnits(run: string): string[] {
  const chars = Array.from(run);
  const out = [...chars];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * The units a query looks up for a folded run: the character itself for a single one, else
 * pairs that cover the run (AB, CD, then DE for "ABCDE"), at most `max`. An article must hold
 * them all, and then the run itself, in order (query.ts checks its text).
 */
export function queryUnits(run: string, max = 8): string[] {
  const chars = Array.from(run);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length && out.length < max; i += 2) out.push(chars[i]! + chars[i + 1]!);
  if (chars.length % 2 === 1 && out.length < max) out.push(chars.at(-2)! + chars.at(-1)!);
  return out;
}

/** The folded index terms of `text`: its words folded, and the units of its unspaced runs. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokensAt(text)) {
    const f = fold(t.text);
    if (!f) continue;
    if (t.unspaced) out.push(...runUnits(f));
    else out.push(f);
  }
  return out;
}
