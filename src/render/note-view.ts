/**
 * What a note says, in one place: the words every medium shows for it (the page's popover and
 * endnote, the feed content's endnote, the EPUB's endnote). Each medium wraps these words in its
 * own markup and adds its own navigation (numbers, back links); it never words a note itself.
 */
import type { Annotation, SourceRef, TextRun } from "../model/document.ts";
import { kindLabel } from "./kinds.ts";

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

export interface NoteView {
  number: number;
  /** The kind's name, "Translation", for labels such as the page's "Note 2: Translation". */
  kind: string;
  /** Leads the note's first paragraph: "Translation:". */
  label: string;
  /** The note's paragraphs; a medium renders their marks with `renderInline`. */
  body: TextRun[];
  /** The wording quoted in its own language, under a label such as "Original (Chinese):". */
  original?: { label: string; lang: string; text: string };
  /** "Source:" or "Sources:", then the sources, separated by "; " and without a closing full stop. */
  sources?: { label: string; items: SourceRef[] };
}

/** What stands between two sources: part of the words, so every medium joins them with it. */
export const sourceSeparator = "; ";

export function noteView(a: Annotation): NoteView {
  return {
    number: a.number,
    kind: kindLabel(a.kind),
    label: `${kindLabel(a.kind)}:`,
    body: a.body,
    ...(a.original ? { original: { label: `Original (${languageNames.of(a.original.lang) ?? a.original.lang}):`, lang: a.original.lang, text: a.original.text } } : {}),
    ...(a.sources.length > 0 ? { sources: { label: a.sources.length === 1 ? "Source:" : "Sources:", items: a.sources } } : {}),
  };
}
