/**
 * Matched words as ranges, and snippets around them. Marks are UTF-16 offsets into the text
 * they come with, never HTML: each renderer wraps them in its own markup (`<mark>` in HTML).
 */
import { fold, wordsAt } from "./terms.ts";

export interface Range {
  start: number;
  end: number;
}

/** A piece of text and the ranges of it that matched, in order and not overlapping. */
export interface Marked {
  text: string;
  marks: Range[];
}

/** Ranges of the words of `text` that fold to one of `terms` (already folded, as the index has them). */
export function markWords(text: string, terms: ReadonlySet<string>): Range[] {
  if (terms.size === 0) return [];
  return wordsAt(text)
    .filter((w) => terms.has(fold(w.text)))
    .map(({ start, end }) => ({ start, end }));
}

export function marked(text: string, terms: ReadonlySet<string>): Marked {
  return { text, marks: markWords(text, terms) };
}

/** Whitespace runs (newlines between paragraphs included) become one space; marks move with the text. */
function collapseSpace(text: string, marks: Range[]): Marked {
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

/**
 * A passage of about `max` UTF-16 units of `text` (cut at word boundaries, "…" where cut) with
 * the most distinct matched words, earliest first; the opening of the text when nothing matches.
 */
export function snippet(text: string, terms: ReadonlySet<string>, max = 220): Marked {
  const all = wordsAt(text);
  const hits = all.filter((w) => terms.has(fold(w.text)));
  let from = 0;
  if (hits.length > 0) {
    let best = -1;
    // Try windows opening a little before each match (the first 200 matches bound the work).
    for (const h of hits.slice(0, 200)) {
      const ws = Math.max(0, h.start - lead);
      const seen = new Set<string>();
      for (const o of hits) if (o.start >= ws && o.end <= ws + max) seen.add(fold(o.text));
      if (seen.size > best) [best, from] = [seen.size, ws];
    }
  }
  // Snap to whole words: start at the first word at or after `from`, end with the last word that fits.
  const inWindow = all.filter((w) => w.start >= from && w.end <= from + max);
  const first = from === 0 ? 0 : (inWindow[0]?.start ?? from);
  const lastWord = inWindow.at(-1);
  // Keep the punctuation right after the last word (a full stop reads better than "…").
  let last = lastWord ? lastWord.end : Math.min(text.length, first + max);
  while (last < text.length && last < first + max && /[.,;:!?»”’)\]]/u.test(text[last]!)) last++;
  const piece = text.slice(first, last);
  const marks = markWords(piece, terms);
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
