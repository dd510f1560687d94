/**
 * Where each note's phrase lies in the text of its article page, as a W3C annotation client reads
 * that page (src/render/page-text.ts): the TextQuoteSelector and TextPositionSelector of the
 * annotation collection (src/render/json/annotations.ts), which targets the page.
 *
 * The page's text is not the model's: it holds the site's header, the attribution, the note
 * numbers after the phrases, the popovers after each block and the list of notes, and no "\n\n"
 * between list items. So the page is rendered once with a marker around each annotated phrase
 * (two Unicode noncharacters, meant for a program's internal use, around the note's number), its
 * body's text is read, and the markers are taken out again, leaving their offsets behind. The
 * text left is the page's, character for character (test/node/page-anchors.test.ts).
 */
import type { Article, Site, TextRun } from "../model/document.ts";
import { renderArticlePage } from "./html/article.ts";
import { bodyText } from "./page-text.ts";

/** What the collection says about one note's phrase on the page. */
export interface PageAnchor {
  /**
   * The phrase as the page shows it (with the numbers of notes inside it), each <br> a space, as
   * Hypothesis writes a quote: a phrase across a hard line break is one character longer here
   * than between `start` and `end`.
   */
  exact: string;
  /** The page's text just before and after it, each <br> a space: CONTEXT characters (fewer at the ends of the text), more where prefix + exact + suffix would not be unique. */
  prefix: string;
  suffix: string;
  /** UTF-16 offsets of the phrase in the body's textContent. */
  start: number;
  end: number;
}

/** How much surrounding text goes into prefix/suffix, so tools can re-anchor if offsets drift. */
export const CONTEXT = 32;

const OPEN = "\uFDD0";
const CLOSE = "\uFDD2";
const STOP = "\uFDD1";
const marker = /([\uFDD0\uFDD2])([0-9]+)\uFDD1/g;
const noncharacters = /[\uFDD0-\uFDD2]/;

/**
 * The run with a marker right before and right after each note's phrase. Every offset of its marks
 * and notes moves to just after the markers of the phrases that end there and just before those
 * of the phrases that begin there, so the markup around the text (and where the note numbers go)
 * is exactly the page's: the markers only add characters to its text nodes, before the closings
 * and the references at that offset and after the openings.
 */
export function markPhrases(run: TextRun): TextRun {
  if (run.notes.length === 0) return run;
  const ends = new Map<number, string>();
  const starts = new Map<number, string>();
  for (const n of run.notes) {
    starts.set(n.start, (starts.get(n.start) ?? "") + `${OPEN}${n.number}${STOP}`);
    ends.set(n.end, (ends.get(n.end) ?? "") + `${CLOSE}${n.number}${STOP}`);
  }
  const offsets = [...new Set([...ends.keys(), ...starts.keys()])].sort((a, b) => a - b);
  let text = "";
  let from = 0;
  for (const o of offsets) {
    text += run.text.slice(from, o) + (ends.get(o) ?? "") + (starts.get(o) ?? "");
    from = o;
  }
  text += run.text.slice(from);
  const moved = (offset: number) => {
    let by = ends.get(offset)?.length ?? 0;
    for (const o of offsets) if (o < offset) by += (ends.get(o)?.length ?? 0) + (starts.get(o)?.length ?? 0);
    return offset + by;
  };
  return {
    ...run,
    text,
    marks: run.marks.map((m) => ({ ...m, start: moved(m.start), end: moved(m.end) })),
    notes: run.notes.map((n) => ({ ...n, start: moved(n.start), end: moved(n.end) })),
  };
}

/** A text of the page, and where each note's phrase (by note number) starts and ends in it. */
export interface PhrasesInText {
  text: string;
  starts: Map<number, number>;
  ends: Map<number, number>;
}

/** The page's body text (raw textContent, and with each <br> a space), with where each phrase lies in it. */
export function pageText(site: Site, article: Article): { raw: PhrasesInText; rendered: PhrasesInText } {
  const page = bodyText(renderArticlePage(site, article, { runs: markPhrases }));
  return { raw: unmark(page.raw, article.slug), rendered: unmark(page.rendered, article.slug) };
}

/** The text without its markers, and where each note's phrase starts and ends in it. */
function unmark(marked: string, slug: string): PhrasesInText {
  const starts = new Map<number, number>();
  const ends = new Map<number, number>();
  let text = "";
  let from = 0;
  for (const m of marked.matchAll(marker)) {
    text += marked.slice(from, m.index);
    from = m.index + m[0].length;
    const found = m[1] === OPEN ? starts : ends;
    const number = Number(m[2]);
    if (found.has(number)) throw new Error(`${slug}: note ${number}'s phrase is on its page twice (the page's text could not be read for the annotations)`);
    found.set(number, text.length);
  }
  text += marked.slice(from);
  if (noncharacters.test(text)) throw new Error(`${slug}: the article's text holds one of U+FDD0–U+FDD2, which mark the notes' phrases while the annotations are made; remove it`);
  return { text, starts, ends };
}

/** Every occurrence of `needle` in `text` (overlapping ones too), up to two. */
function countUpToTwo(text: string, needle: string): number {
  const first = text.indexOf(needle);
  if (first === -1) return 0;
  return text.indexOf(needle, first + 1) === -1 ? 1 : 2;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Each note's phrase on the article's page, in the order of `article.annotations`. */
export function pageAnchors(site: Site, article: Article): PageAnchor[] {
  if (article.annotations.length === 0) return [];
  const { raw, rendered } = pageText(site, article);
  const text = rendered.text;
  return article.annotations.map((a) => {
    const where = `${article.slug}: note ${a.number} (${a.id})`;
    const start = raw.starts.get(a.number);
    const end = raw.ends.get(a.number);
    const from = rendered.starts.get(a.number);
    const to = rendered.ends.get(a.number);
    if (start === undefined || end === undefined || from === undefined || to === undefined) throw new Error(`${where}: its phrase is not on the article's page`);
    const exact = text.slice(from, to);
    // The shortest context of at least CONTEXT characters (doubling) that makes the quote unique on the page.
    for (let size = CONTEXT; ; size *= 2) {
      let before = Math.max(0, from - size);
      let after = Math.min(text.length, to + size);
      if (before > 0 && isLow(text.charCodeAt(before)) && isHigh(text.charCodeAt(before - 1))) before--; // never half a surrogate pair
      if (after < text.length && isLow(text.charCodeAt(after)) && isHigh(text.charCodeAt(after - 1))) after++;
      const prefix = text.slice(before, from);
      const suffix = text.slice(to, after);
      const count = countUpToTwo(text, prefix + exact + suffix);
      if (count === 1) return { exact, prefix, suffix, start, end };
      if (count === 0 || (before === 0 && after === text.length)) throw new Error(`${where}: its quote ${JSON.stringify(exact)} cannot be told apart from the rest of the page's text`);
    }
  });
}
