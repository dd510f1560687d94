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
import type { Annotation, Article } from "../model/document.ts";
import { escape } from "../render/escape.ts";
import { renderInline } from "../render/inline.ts";
import { kindLabel } from "../render/kinds.ts";
import { noteId, noteRefId } from "../render/urls.ts";
import { bookFiles } from "./files.ts";
import { directionAttr } from "../render/lang.ts";

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

export function endnote(a: Annotation): string {
  const backlink = `<a href="${bookFiles.article}#${noteRefId(a.number)}" role="doc-backlink">${a.number}.</a>`;
  const paragraphs = a.body.map((r) => renderInline(r, { noteTag: "span", noteRef: () => "" }));
  const body = paragraphs.map((p, i) => (i === 0 ? `<p>${backlink} <span class="kind">${escape(kindLabel(a.kind))}:</span> ${p}</p>` : `<p>${p}</p>`));
  if (paragraphs.length === 0) body.push(`<p>${backlink} <span class="kind">${escape(kindLabel(a.kind))}</span></p>`);
  if (a.original) {
    const lang = escape(a.original.lang);
    body.push(`<p class="original-label">Original (${escape(languageNames.of(a.original.lang) ?? a.original.lang)}):</p>`);
    body.push(`<blockquote class="original" xml:lang="${lang}" lang="${lang}"${directionAttr(a.original.lang)}><p>${escape(a.original.text)}</p></blockquote>`);
  }
  const sources = a.sources.map((s) => `<a href="${escape(s.url)}">${escape(s.title)}</a>`).join("; ");
  body.push(`<p class="sources">Source${a.sources.length === 1 ? "" : "s"}: ${sources}</p>`);
  return `<li id="${noteId(a.number)}" epub:type="endnote" role="doc-endnote">\n${body.join("\n")}\n</li>`;
}

export function endnotesBody(article: Article): string {
  return `<section id="endnotes" epub:type="endnotes" role="doc-endnotes">
<h2>Notes</h2>
<ol>
${article.annotations.map(endnote).join("\n")}
</ol>
</section>`;
}
