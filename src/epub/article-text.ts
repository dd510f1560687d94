/**
 * The body of article.xhtml, the first page of the book: headline, dek, byline if known,
 * attribution with the original's URL and date, the edition date, then the text with
 * numbered note references, and the rights statement.
 */
import type { Article, Site, TextRun } from "../model/document.ts";
import { humanDate } from "../render/dates.ts";
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
export function noteReference(n: number): string {
  return `<sup><a href="${bookFiles.endnotes}#${noteId(n)}" id="${noteRefId(n)}" epub:type="noteref" role="doc-noteref">${n}</a></sup>`;
}

const run = (r: TextRun) => renderInline(r, { noteTag: "span", noteRef: (n) => noteReference(n.number) });

export function articleBody(site: Site, article: Article): string {
  const src = article.source;
  const updated = article.updated.slice(0, 10) !== article.published.slice(0, 10) ? `, updated ${humanDate(article.updated)}` : "";
  const online = absolute(site.url, paths.article(article.slug));
  return `<header>
<h1>${escape(article.title)}</h1>
<p class="dek">${escape(article.dek)}</p>
${article.author ? `<p class="byline">By ${escape(article.author)}</p>\n` : ""}<p class="attribution">Originally published by ${escape(src.publisher)}, ${escape(humanDate(src.date))}: <a href="${escape(src.url)}">${escape(src.url)}</a></p>
<p class="edition">Annotated edition by ${escape(site.publisher.name)}, ${humanDate(article.published)}${updated}.</p>
</header>
${renderBlocks(article.blocks, run)}
<footer>
<p class="rights">${escape(site.rights)}</p>
<p class="rights">This edition online: <a href="${escape(online)}">${escape(online)}</a></p>
</footer>`;
}
