/** The home page: every article, newest first, with links to its formats. */
import type { Listing } from "../../model/document.ts";
import { sortNewestFirst } from "../../model/order.ts";
import { escape } from "../escape.ts";
import { humanDate, isoDay } from "../dates.ts";
import { paths } from "../urls.ts";
import { renderPage } from "./layout.ts";

export function renderIndexPage(corpus: Listing): string {
  const { site } = corpus;
  const items = sortNewestFirst(corpus.articles)
    .map(
      (a) => `<li lang="${escape(a.language)}">
<h2><a href="${paths.article(a.slug)}">${escape(a.title)}</a></h2>
<p>${escape(a.dek)}</p>
<p class="small">From ${escape(a.source.publisher)}, ${escape(humanDate(a.source.date))} · annotated edition <time datetime="${isoDay(a.published)}">${humanDate(a.published)}</time> · ${a.noteCount} note${a.noteCount === 1 ? "" : "s"} · <a href="${paths.epub(a.slug)}" download>EPUB</a></p>
</li>`,
    )
    .join("\n");
  const body = `<h1>${escape(site.title)}</h1>
<p class="dek">${escape(site.description)}</p>
<ol class="list">
${items}
</ol>
<p class="small">Subscribe: <a href="${paths.rss}">RSS</a> · <a href="${paths.atom}">Atom</a> · <a href="${paths.jsonFeed}">JSON Feed</a> · e-readers: <a href="${paths.opds}">OPDS catalog</a> · data: <a href="${paths.index}">articles.json</a></p>`;
  return renderPage({ site, path: paths.home, title: site.title, description: site.description, language: site.language, body });
}
