/**
 * A text run → markup, shared by the web page, the feeds' full content and the EPUB.
 * Output is well-formed XHTML as well as HTML: elements with end tags or self-closed (`<br/>`),
 * quoted attributes. Marks and notes may overlap in any way; elements are closed and reopened
 * to stay nested.
 *
 * A note's reference follows its phrase, but never inside a link: links may not nest, so a
 * phrase inside a link gets its reference right after the link closes. A hard line break
 * ("\n" in the run's text) becomes `<br/>` followed by the newline itself, so the element's
 * text content is still the run's text.
 */
import type { NoteSpan, TextRun } from "../model/document.ts";
import { escape } from "./escape.ts";

export interface InlineOptions {
  /** Markup right after an annotated phrase (or after the link around it), e.g. a numbered note reference. */
  noteRef: (note: NoteSpan) => string;
  /** Element that wraps an annotated phrase; "span" where `mark` is not wanted. */
  noteTag?: string;
}

type Item = { kind: "em" | "strong" | "code" | "link" | "note"; start: number; end: number; href?: string; note?: NoteSpan };

const tags = { em: "em", strong: "strong", code: "code", link: "a" } as const;

/** Escaped text with each hard line break as `<br/>` and the newline kept. */
function textWithBreaks(text: string): string {
  return escape(text).replace(/\n/g, "<br/>\n");
}

export function renderInline(run: TextRun, options: InlineOptions): string {
  const items: Item[] = [
    ...run.notes.map((n): Item => ({ kind: "note", start: n.start, end: n.end, note: n })),
    ...run.marks.map((m): Item => ({ kind: m.type, start: m.start, end: m.end, ...(m.type === "link" ? { href: m.href } : {}) })),
  ];
  if (items.length === 0) return textWithBreaks(run.text);
  const bounds = [...new Set([0, run.text.length, ...items.flatMap((i) => [i.start, i.end])])].sort((a, b) => a - b);
  const order = (a: Item, b: Item) => a.start - b.start || b.end - a.end || (a.kind === "note" ? -1 : b.kind === "note" ? 1 : 0);
  const noteTag = options.noteTag ?? "mark";
  const open = (i: Item) => (i.kind === "note" ? `<${noteTag}>` : i.kind === "link" ? `<a href="${escape(i.href!)}">` : `<${tags[i.kind]}>`);

  let out = "";
  let stack: Item[] = [];
  /** References whose phrase has ended inside a link that is still open. */
  let waiting: NoteSpan[] = [];
  // Closes stack[j]. A phrase's reference follows it at once unless a link around it is open.
  const close = (j: number, at: number) => {
    const i = stack[j]!;
    out += i.kind === "note" ? `</${noteTag}>` : `</${tags[i.kind]}>`;
    if (i.kind !== "note" || at !== i.end) return;
    if (stack.slice(0, j).some((o) => o.kind === "link")) waiting.push(i.note!);
    else out += options.noteRef(i.note!);
  };
  // After the closings at a boundary: waiting references go out once no link is open.
  const release = () => {
    if (waiting.length === 0 || stack.some((i) => i.kind === "link")) return;
    for (const n of waiting) out += options.noteRef(n);
    waiting = [];
  };
  for (let k = 0; k < bounds.length - 1; k++) {
    const a = bounds[k]!;
    const b = bounds[k + 1]!;
    const want = items.filter((i) => i.start <= a && i.end >= b).sort(order);
    let keep = 0;
    while (keep < stack.length && keep < want.length && stack[keep] === want[keep]) keep++;
    for (let j = stack.length - 1; j >= keep; j--) close(j, a);
    stack = stack.slice(0, keep);
    release();
    for (const i of want.slice(keep)) {
      out += open(i);
      stack.push(i);
    }
    out += textWithBreaks(run.text.slice(a, b));
  }
  for (let j = stack.length - 1; j >= 0; j--) close(j, run.text.length);
  stack = [];
  release();
  return out;
}
