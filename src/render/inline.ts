/**
 * A text run → markup, shared by the web page, the feeds' full content and the EPUB.
 * Output is well-formed XHTML as well as HTML: only elements with end tags, quoted attributes.
 * Marks and notes may overlap in any way; elements are closed and reopened to stay nested.
 */
import type { NoteSpan, TextRun } from "../model/document.ts";
import { escape } from "./escape.ts";

export interface InlineOptions {
  /** Markup right after an annotated phrase, e.g. a numbered note reference. */
  noteRef: (note: NoteSpan) => string;
  /** Attributes of the element around an annotated phrase (escaped by the caller). */
  noteAttrs?: (note: NoteSpan) => string;
  /** Element that wraps an annotated phrase; "span" where `mark` is not wanted. */
  noteTag?: string;
}

type Item = { kind: "em" | "strong" | "code" | "link" | "note"; start: number; end: number; href?: string; note?: NoteSpan };

const tags = { em: "em", strong: "strong", code: "code", link: "a" } as const;

export function renderInline(run: TextRun, options: InlineOptions): string {
  const items: Item[] = [
    ...run.notes.map((n): Item => ({ kind: "note", start: n.start, end: n.end, note: n })),
    ...run.marks.map((m): Item => ({ kind: m.type, start: m.start, end: m.end, ...(m.type === "link" ? { href: m.href } : {}) })),
  ];
  if (items.length === 0) return escape(run.text);
  const bounds = [...new Set([0, run.text.length, ...items.flatMap((i) => [i.start, i.end])])].sort((a, b) => a - b);
  const order = (a: Item, b: Item) => a.start - b.start || b.end - a.end || (a.kind === "note" ? -1 : b.kind === "note" ? 1 : 0);
  const noteTag = options.noteTag ?? "mark";
  const open = (i: Item) =>
    i.kind === "note" ? `<${noteTag}${options.noteAttrs ? ` ${options.noteAttrs(i.note!)}` : ""}>` : i.kind === "link" ? `<a href="${escape(i.href!)}">` : `<${tags[i.kind]}>`;
  const close = (i: Item, at: number) => (i.kind === "note" ? `</${noteTag}>${at === i.end ? options.noteRef(i.note!) : ""}` : `</${tags[i.kind]}>`);

  let out = "";
  let stack: Item[] = [];
  for (let k = 0; k < bounds.length - 1; k++) {
    const a = bounds[k]!;
    const b = bounds[k + 1]!;
    const want = items.filter((i) => i.start <= a && i.end >= b).sort(order);
    let keep = 0;
    while (keep < stack.length && keep < want.length && stack[keep] === want[keep]) keep++;
    for (let j = stack.length - 1; j >= keep; j--) out += close(stack[j]!, a);
    stack = stack.slice(0, keep);
    for (const i of want.slice(keep)) {
      out += open(i);
      stack.push(i);
    }
    out += escape(run.text.slice(a, b));
  }
  for (let j = stack.length - 1; j >= 0; j--) out += close(stack[j]!, run.text.length);
  return out;
}
