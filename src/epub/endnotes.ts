/**
 * The body of endnotes.xhtml, in Standard Ebooks' endnote pattern: one `<li>` per note in an
 * `<ol>` inside `<section epub:type="endnotes" role="doc-endnotes">`.
 *
 * - `epub:type="endnote"` is what Kobo (footnote or endnote; kobolabs/epub-spec) and KOReader
 *   use to show the note in a popup; current Apple Books pops up endnotes too
 *   (standardebooks/tools#878, 2025). `role="doc-endnote"` names it for assistive technology.
 *   Both are accepted by EPUBCheck 4.2.6 without a warning.
 * - The backlink comes FIRST, as the note's number: a backlink at the end runs notes
 *   together after Kindle conversion, which is why pandoc moved it to the start.
 *   The list's own numbers are hidden by the stylesheet so each number shows once.
 */
import type { Article } from "../model/document.ts";
import { escape } from "../render/escape.ts";
import { renderInline } from "../render/inline.ts";
import { noteView, sourceSeparator, type NoteView } from "../render/note-view.ts";
import { noteId, noteRefId } from "../render/urls.ts";
import { bookFiles } from "./files.ts";
import { direction } from "../render/lang.ts";

/** `articleFile`: the book's file that holds the note's reference (a collection has one per article). */
export function endnote(v: NoteView, articleFile: string = bookFiles.article): string {
  const backlink = `<a href="${articleFile}#${noteRefId(v.number)}" role="doc-backlink">${v.number}.</a>`;
  const label = `<span class="kind">${escape(v.label)}</span>`;
  const paragraphs = v.body.map((r) => renderInline(r, { noteTag: "span", noteRef: () => "" }));
  const body = paragraphs.map((p, i) => (i === 0 ? `<p>${backlink} ${label} ${p}</p>` : `<p>${p}</p>`));
  if (paragraphs.length === 0) body.push(`<p>${backlink} ${label}</p>`);
  if (v.original) {
    const lang = escape(v.original.lang);
    body.push(`<p class="original-label">${escape(v.original.label)}</p>`);
    body.push(`<blockquote class="original" xml:lang="${lang}" lang="${lang}" dir="${direction(v.original.lang)}"><p>${escape(v.original.text)}</p></blockquote>`);
  }
  if (v.sources) body.push(`<p class="sources">${escape(v.sources.label)} ${v.sources.items.map((s) => `<a href="${escape(s.url)}">${escape(s.title)}</a>`).join(sourceSeparator)}</p>`);
  return `<li id="${noteId(v.number)}" epub:type="endnote" role="doc-endnote">\n${body.join("\n")}\n</li>`;
}

export function endnotesBody(article: Article, articleFile: string = bookFiles.article): string {
  return `<section id="endnotes" epub:type="endnotes" role="doc-endnotes">
<h2>Notes</h2>
<ol>
${article.annotations.map((a) => endnote(noteView(a), articleFile)).join("\n")}
</ol>
</section>`;
}
