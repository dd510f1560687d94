/**
 * Matched words as ranges, and snippets around them. Marks are UTF-16 offsets into the text
 * they come with, never HTML: each renderer wraps them in its own markup (`<mark>` in HTML).
 */
import { fold, isWordChar, tokensAt, wordsAt } from "./terms.ts";

export interface Range {
  start: number;
  end: number;
}

/** A piece of text and the ranges of it that matched, in order and not overlapping. */
export interface Marked {
  text: string;
  marks: Range[];
}

/** fold() with a fast path for ASCII words (no Unicode normalization needed) and a cache. */
function folder(): (word: string) => string {
  const cache = new Map<string, string>();
  return (w) => {
    let f = cache.get(w);
    if (f === undefined) {
      f = /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : fold(w);
      cache.set(w, f);
    }
    return f;
  };
}

/** Where each of `phrases` (runs of a script written without spaces, folded) occurs in `text`, at most `perPhrase` times each, in order. */
function phraseHits(text: string, phrases: readonly string[], perPhrase = 50): Hit[] {
  const hits: Hit[] = [];
  for (const phrase of phrases) {
    let found = 0;
    for (let at = text.indexOf(phrase); at !== -1 && found < perPhrase; at = text.indexOf(phrase, at + phrase.length)) {
      hits.push({ start: at, end: at + phrase.length, term: phrase });
      found++;
    }
  }
  return hits.sort((x, y) => x.start - y.start);
}

/**
 * Ranges of the words of `text` that fold to one of `terms` (already folded, as the index has
 * them), and of the places that hold one of `phrases` (runs of a script written without spaces,
 * as written: the rare compatibility form that folds to one, e.g. half-width kana, is not marked).
 */
export function markWords(text: string, terms: ReadonlySet<string>, phrases: readonly string[] = []): Range[] {
  if (terms.size === 0 && phrases.length === 0) return [];
  const f = folder();
  const words = terms.size === 0 ? [] : wordsAt(text).filter((w) => terms.has(f(w.text)));
  if (phrases.length === 0) return words.map(({ start, end }) => ({ start, end }));
  // Both kinds in order; a range overlapping an earlier one is left out (or joined, for phrases that touch).
  const all = [...words, ...phraseHits(text, phrases, Infinity)].sort((x, y) => x.start - y.start || y.end - x.end);
  const out: Range[] = [];
  for (const { start, end } of all) {
    const last = out.at(-1);
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}

export function marked(text: string, terms: ReadonlySet<string>, phrases: readonly string[] = []): Marked {
  return { text, marks: markWords(text, terms, phrases) };
}

/** Whitespace runs (newlines between paragraphs included) become one space; marks move with the text. */
function collapseSpace(text: string, marks: Range[]): Marked {
  // Nothing to collapse when every space is a lone U+0020 (most snippets): no pass per character.
  if (!/[^\S ]| {2}/.test(text)) return { text, marks };
  let out = "";
  const map: number[] = []; // old offset → new offset, for every old offset 0..length
  for (let i = 0; i < text.length; i++) {
    map.push(out.length);
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (!out.endsWith(" ")) out += " ";
    } else out += c;
  }
  map.push(out.length);
  return { text: out, marks: marks.map((m) => ({ start: map[m.start]!, end: map[m.end]! })) };
}

/** How far before the first match a snippet starts, so that the match has some context. */
const lead = 50;
/** Whether the UTF-16 unit at `i` of `text` is part of a word (a lone surrogate half is not). */
const wordCharAt = (text: string, i: number) => isWordChar(text.charCodeAt(i));

interface Hit {
  start: number;
  end: number;
  term: string;
}

/**
 * Where matched words occur in the first `limit` units of `text`, found without splitting it
 * into words: each term is looked for in the lowercased text and kept where it is a whole word.
 * Terms whose folding is more than lowercasing ("krakow" for "Kraków") are not found this way.
 * At most `perTerm` occurrences of each term. Undefined when lowercasing moves offsets.
 */
function quickHits(text: string, terms: ReadonlySet<string>, limit: number, perTerm = 50): Hit[] | undefined {
  const part = limit < text.length ? text.slice(0, limit) : text;
  const lower = part.toLowerCase();
  if (lower.length !== part.length) return undefined;
  const hits: Hit[] = [];
  for (const term of terms) {
    let found = 0;
    for (let at = lower.indexOf(term); at !== -1 && found < perTerm; at = lower.indexOf(term, at + 1)) {
      const end = at + term.length;
      if ((at > 0 && wordCharAt(text, at - 1)) || (end < text.length && wordCharAt(text, end))) continue;
      hits.push({ start: at, end, term });
      found++;
    }
  }
  return hits.sort((x, y) => x.start - y.start);
}

/** The words of the first `limit` units of `text` that fold to one of `terms` (all of them when `limit` reaches the end). */
function foldedHits(text: string, terms: ReadonlySet<string>, limit: number): Hit[] {
  const f = folder();
  const whole = limit >= text.length;
  return wordsAt(whole ? text : text.slice(0, limit))
    .filter((w) => whole || w.end < limit - 1)
    .map((w) => ({ start: w.start, end: w.end, term: f(w.text) }))
    .filter((w) => terms.has(w.term));
}

/**
 * Where the window opens: a little before one of the first 100 matches, the first with the most
 * distinct words, stopping once one holds `target` of them. With `known` (the hits are complete
 * only for words ending before it), undefined unless a window ending before it holds `target`:
 * then the rest of the text could not change the answer.
 */
function windowStart(hits: Hit[], max: number, target: number, known = Infinity): number | undefined {
  let best = -1;
  let from = 0;
  for (let i = 0; i < Math.min(hits.length, 100) && best < target; i++) {
    const ws = Math.max(0, hits[i]!.start - lead);
    if (ws + max >= known) return undefined;
    const seen = new Set<string>();
    for (let j = i; j < hits.length && hits[j]!.end <= ws + max; j++) seen.add(hits[j]!.term);
    if (seen.size > best) [best, from] = [seen.size, ws];
  }
  return known === Infinity || best >= target ? from : undefined;
}

const distinctTerms = (hits: Hit[]) => new Set(hits.map((h) => h.term)).size;
/** The first prefix of a text a snippet looks at; it doubles until the window is settled. */
const firstLook = 2048;

/**
 * Where a snippet of `text` opens: before the window with the most distinct matched words,
 * earliest first, as found over the whole text (quick hits if there are any, else the folded
 * words), but looking at a growing prefix of the text and stopping as soon as a window holding
 * every term is settled. Lowercasing keeps every offset but for U+0130 ("İ" → "i̇"), so a text
 * without it takes the quick hits (the test checks this over every code point).
 */
export function snippetStart(text: string, terms: ReadonlySet<string>, max: number, phrases: readonly string[] = []): number {
  if (phrases.length > 0) {
    // Phrases are found in the whole text by indexOf (cheap); merged into the words' hits below.
    const extra = phraseHits(text, phrases);
    if (terms.size === 0) return extra.length ? windowStart(extra, max, distinctTerms(extra))! : 0;
    const all = [...extra, ...foldedHits(text, terms, text.length)].sort((x, y) => x.start - y.start);
    return windowStart(all, max, distinctTerms(all)) ?? 0;
  }
  if (terms.size === 0) return 0;
  if (!text.includes("\u0130")) {
    for (let limit = firstLook; ; limit *= 2) {
      const whole = limit >= text.length;
      const hits = quickHits(text, terms, whole ? text.length : limit);
      if (hits === undefined) break;
      // A prefix's quick hits are those of the whole text that end before `limit - 1` (a cut
      // surrogate pair or word is not trusted).
      const known = hits.filter((h) => whole || h.end < limit - 1);
      if (known.length > 0) {
        const from = whole ? windowStart(known, max, distinctTerms(known)) : windowStart(known, max, terms.size, limit - 1);
        if (from !== undefined) return from;
      }
      if (whole) break;
    }
  }
  for (let limit = firstLook; ; limit *= 2) {
    const whole = limit >= text.length;
    const hits = foldedHits(text, terms, whole ? text.length : limit);
    const from = whole ? windowStart(hits, max, distinctTerms(hits)) : windowStart(hits, max, terms.size, limit - 1);
    if (from !== undefined) return from;
  }
}

/** Each character of `text` (found at `at`) as a range that may be cut before or after. */
function charsOf(at: number, text: string): { start: number; end: number; free: boolean }[] {
  const out: { start: number; end: number; free: boolean }[] = [];
  for (const c of text) {
    out.push({ start: at, end: at + c.length, free: true });
    at += c.length;
  }
  return out;
}

/**
 * A passage of about `max` UTF-16 units of `text` (cut at word boundaries, "…" where cut) with
 * the most distinct matched words, earliest first; the opening of the text when nothing matches.
 */
export function snippet(text: string, terms: ReadonlySet<string>, max = 220, phrases: readonly string[] = []): Marked {
  const from = snippetStart(text, terms, max, phrases);
  // Snap to whole words: start at the first word at or after `from`, end with the last word that
  // fits. Only the window (and a word's length either side) is split into words.
  const windowText = text.slice(Math.max(0, from - 1), Math.min(text.length, from + max + 1));
  const base = Math.max(0, from - 1);
  // A run of a script written without spaces may be cut between any two of its characters.
  const inWindow = tokensAt(windowText)
    .flatMap((w) => (w.unspaced ? charsOf(w.start + base, w.text) : [{ start: w.start + base, end: w.end + base, free: false }]))
    .filter((w) => w.start >= from && w.end <= from + max && (w.free || ((w.start === 0 || !wordCharAt(text, w.start - 1)) && (w.end === text.length || !wordCharAt(text, w.end)))));
  const first = from === 0 ? 0 : (inWindow[0]?.start ?? from);
  const lastWord = inWindow.at(-1);
  let last = lastWord ? lastWord.end : Math.min(text.length, first + max);
  // Keep the punctuation right after the last word (a full stop reads better than "…").
  while (last < text.length && last < first + max && /[.,;:!?»”’)\]]/u.test(text[last]!)) last++;
  const piece = text.slice(first, last);
  const marks = markWords(piece, terms, phrases);
  const collapsed = collapseSpace(piece, marks);
  const body = collapsed.text.trim();
  const trimmedLead = collapsed.text.length - collapsed.text.trimStart().length;
  const before = text.slice(0, first).trim() ? "…" : "";
  const after = text.slice(last).trim() ? "…" : "";
  const shift = before.length - trimmedLead;
  return {
    text: `${before}${body}${after}`,
    marks: collapsed.marks.map((m) => ({ start: m.start + shift, end: m.end + shift })),
  };
}
