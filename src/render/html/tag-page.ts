/**
 * /tags/<slug> (and its later pages): the articles under one tag, newest first, with the tag's
 * own feeds linked from the head (rel="alternate") and below the list, and its own book (the
 * collection EPUB, collections-page.ts); and /tags, every tag
 * with how many articles it has.
 */
import type { ArticleMeta, ListedCollection, Site } from "../../model/document.ts";
import { pagePath, pageSizeOf, type Page } from "../../model/paging.ts";
import type { Tag } from "../../model/tags.ts";
import { escape } from "../escape.ts";
import { opdsAcquisitionType } from "../feeds/opds.ts";
import { absolute, paths } from "../urls.ts";
import { articleList, pageSuffix, pagerHead, pagerNav } from "./article-list.ts";
import { tagBooks } from "./collections-page.ts";
import { renderPage } from "./layout.ts";
import { thousands } from "../numbers.ts";

const count = (n: number) => `${thousands(n)} article${n === 1 ? "" : "s"}`;

/** The tag's feeds: [media type, path, what]. */
export function tagFeeds(tag: Pick<Tag<unknown>, "slug">): [string, string, string][] {
  return [
    ["application/rss+xml", paths.tagRss(tag.slug), "RSS"],
    ["application/atom+xml", paths.tagAtom(tag.slug), "Atom"],
    ["application/feed+json", paths.tagJsonFeed(tag.slug), "JSON Feed"],
    [opdsAcquisitionType, paths.tagOpds(tag.slug), "OPDS catalog for e-readers"],
  ];
}

/**
 * `tag`: its slug and name (how many articles it has is the page's `total`); `books`: the tag's
 * own EPUB, volume by volume (src/collections/listing.ts), linked under the list.
 */
export function renderTagPage(site: Site, tag: Pick<Tag<unknown>, "slug" | "name">, page: Page<ArticleMeta>, books: readonly ListedCollection[] = []): string {
  const name = tag.name;
  const json = pagePath(paths.tagJson(tag.slug), page.number);
  const ownFeeds = tagFeeds(tag)
    .map(([type, href, what]) => `<link rel="alternate" type="${escape(type)}" href="${escape(absolute(site.url, href))}" title="${escape(`${name} · ${site.title} (${what})`)}">`)
    .join("\n");
  const head = [...pagerHead(site, page), `<link rel="alternate" type="application/json" href="${escape(absolute(site.url, json))}">`].join("\n");
  const feeds = tagFeeds(tag)
    .map(([type, href, what]) => `<a href="${escape(href)}" type="${escape(type)}">${escape(what.replace(" catalog for e-readers", ""))}</a>`)
    .join(" · ");
  const body = `<h1>Tagged “${escape(name)}”</h1>
<p class="dek">${count(page.total)}, newest first.</p>
${articleList(page, pageSizeOf(site))}
${pagerNav(page)}
${tagBooks(books)}
<p class="small">This tag's feeds: ${feeds} · data: <a href="${escape(json)}">JSON</a> · <a href="${paths.tags}">every tag</a> · <a href="${paths.collections}">every book</a></p>`;
  return renderPage({ site, path: page.path, title: `${name}${pageSuffix(page)} · ${site.title}`, description: `Articles of ${site.title} tagged ${name}.`, language: site.language, ownFeeds, head, body });
}

/** /tags: every tag (a page of them), sorted by slug, with its number of articles. */
export function renderTagsPage(site: Site, page: Page<Tag<ArticleMeta>>, total: number): string {
  const items = page.items.map((t) => `<li><a href="${escape(paths.tag(t.slug))}">${escape(t.name)}</a> <span class="small">${count(t.articles.length)}</span></li>`).join("\n");
  const body = `<h1>Tags</h1>
<p class="dek">${thousands(total)} tag${total === 1 ? "" : "s"}; each has its own page and feeds.</p>
<ul>
${items}
</ul>
${pagerNav(page, "Earlier", "Later")}
<p class="small">E-readers: <a href="${paths.opdsTags}">OPDS catalog by tag</a></p>`;
  return renderPage({ site, path: page.path, title: `Tags${pageSuffix(page)} · ${site.title}`, description: `The tags of ${site.title}.`, language: site.language, head: pagerHead(site, page).join("\n"), body });
}
