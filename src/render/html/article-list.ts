/**
 * What every list page shares (the index, a tag): the articles of one page, and the links to the
 * pages before and after it, both as `<link rel="prev"/"next">` in the head and as visible links
 * that carry the same rel.
 */
import type { ArticleMeta, Site } from "../../model/document.ts";
import type { Page } from "../../model/paging.ts";
import { escape } from "../escape.ts";
import { langDir } from "../lang.ts";
import { humanDate, isoDay } from "../dates.ts";
import { absolute, paths } from "../urls.ts";

/** An article of the list: its title and dek in its language and direction, the line under them in the site's. */
function item(a: ArticleMeta): string {
  const own = langDir(a.language);
  return `<li>
<h2${own}><a href="${paths.article(a.slug)}">${escape(a.title)}</a></h2>
<p${own}>${escape(a.dek)}</p>
<p class="small">From ${escape(a.source.publisher)}, ${escape(humanDate(a.source.date))} · annotated edition <time datetime="${isoDay(a.published)}">${humanDate(a.published)}</time> · ${a.noteCount} note${a.noteCount === 1 ? "" : "s"} · <a href="${paths.epub(a.slug)}" download>EPUB</a></p>
</li>`;
}

/** The page's articles as the house list, numbered on from the pages before. */
export function articleList(page: Page<ArticleMeta>, size: number): string {
  const start = (page.number - 1) * size + 1;
  return `<ol class="list"${start > 1 ? ` start="${start}"` : ""}>
${page.items.map(item).join("\n")}
</ol>`;
}

/** `<link rel="prev">` and `<link rel="next">` for the head, absolute. */
export function pagerHead(site: Site, page: Page<unknown>): string[] {
  return [
    ...(page.prev ? [`<link rel="prev" href="${escape(absolute(site.url, page.prev))}">`] : []),
    ...(page.next ? [`<link rel="next" href="${escape(absolute(site.url, page.next))}">`] : []),
  ];
}

/** The visible links to the neighbouring pages, and where this page is; "" for a list of one page. */
export function pagerNav(page: Page<unknown>, newer = "Newer", older = "Older"): string {
  if (page.count === 1) return "";
  const parts = [
    ...(page.prev ? [`<a rel="prev" href="${escape(page.prev)}">← ${escape(newer)}</a>`] : []),
    `<span>Page ${page.number} of ${page.count}</span>`,
    ...(page.next ? [`<a rel="next" href="${escape(page.next)}">${escape(older)} →</a>`] : []),
  ];
  return `<nav class="small" aria-label="Pages"><p>${parts.join(" · ")}</p></nav>`;
}

/** " · page n" for titles of pages after the first. */
export function pageSuffix(page: Page<unknown>): string {
  return page.number > 1 ? ` · page ${page.number}` : "";
}
