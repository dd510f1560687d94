/** The home page and its later pages (/page/<n>): the articles, newest first, a page at a time, with links to their formats. */
import type { ArticleMeta, Listing } from "../../model/document.ts";
import { sortNewestFirst } from "../../model/order.ts";
import { pageOf, pagePath, pageSizeOf, type Page } from "../../model/paging.ts";
import { escape } from "../escape.ts";
import { absolute, paths } from "../urls.ts";
import { articleList, pageSuffix, pagerHead, pagerNav } from "./article-list.ts";
import { renderPage } from "./layout.ts";

/** `page`: one page of the articles, newest first (by default the first, at the site's page size). */
export function renderIndexPage(corpus: Listing, page: Page<ArticleMeta> = pageOf(sortNewestFirst(corpus.articles), paths.home, 1, pageSizeOf(corpus.site))!): string {
  const { site } = corpus;
  const json = pagePath(paths.index, page.number);
  const head = [...pagerHead(site, page), `<link rel="alternate" type="application/json" href="${escape(absolute(site.url, json))}">`].join("\n");
  const body = `<h1>${escape(site.title)}</h1>
<p class="dek">${escape(site.description)}</p>
${articleList(page, pageSizeOf(site))}
${pagerNav(page)}
<p class="small">Browse by <a href="${paths.tags}">tag</a> · Books: <a href="${paths.collections}">every tag and month as one EPUB</a> · Subscribe: <a href="${paths.rss}">RSS</a> · <a href="${paths.atom}">Atom</a> · <a href="${paths.jsonFeed}">JSON Feed</a> · e-readers: <a href="${paths.opds}">OPDS catalog</a> · data: <a href="${escape(json)}">articles.json</a></p>`;
  return renderPage({ site, path: page.path, title: `${site.title}${pageSuffix(page)}`, description: site.description, language: site.language, head, body });
}
