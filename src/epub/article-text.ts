/**
 * The body of article.xhtml, the first page of the book: headline, dek, byline if known,
 * attribution with the original's URL and date, the edition date, then the text with
 * numbered note references, and the rights statement.
 */
import type { Article, Site, TextRun } from "../model/document.ts";
import { attributionView, renderWords } from "../render/attribution.ts";
import { escape } from "../render/escape.ts";
import { renderBlocks } from "../render/blocks.ts";
import { renderInline } from "../render/inline.ts";
import { absolute, noteId, noteRefId, paths } from "../render/urls.ts";
import { bookFiles } from "./files.ts";

/**
 * The reference after an annotated phrase. `<sup>` stays outside the link: Apple Books opens
 * no popup when the link holds another element (jgm/pandoc#1995). `noteref` is what Apple
 * Books and KOReader look for; `doc-noteref` is the DPUB-ARIA role for assistive technology.
 */
export function noteReference(n: number, notesFile: string = bookFiles.endnotes): string {
  return `<sup><a href="${notesFile}#${noteId(n)}" id="${noteRefId(n)}" epub:type="noteref" role="doc-noteref">${n}</a></sup>`;
}

/** `notesFile`: the book's file that holds this article's notes (a collection gives each article its own). */
export function articleBody(site: Site, article: Article, notesFile: string = bookFiles.endnotes): string {
  const run = (r: TextRun) => renderInline(r, { noteTag: "span", noteRef: (n) => noteReference(n.number, notesFile) });
  const attribution = attributionView(site, article);
  // epub-gen-memory's clean-up drops `datetime` (book.ts), so dates are plain text here.
  const words = (w: Parameters<typeof renderWords>[0]) => renderWords(w, { time: false });
  const online = absolute(site.url, paths.article(article.slug));
  return `<header>
<h1>${escape(article.title)}</h1>
<p class="dek">${escape(article.dek)}</p>
${attribution.byline ? `<p class="byline">${words(attribution.byline)}</p>\n` : ""}<p class="attribution">${words(attribution.original)}</p>
<p class="edition">${words(attribution.edition)}</p>
</header>
${renderBlocks(article.blocks, run, { listStart: "text", headerScope: false, figureImage: "widest" })}
<footer>
<p class="rights">${escape(site.rights)}</p>
<p class="rights">This edition online: <a href="${escape(online)}">${escape(online)}</a></p>
</footer>`;
}
