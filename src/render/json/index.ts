/**
 * /articles.json and /tags/<slug>.json, a page at a time: the articles' metadata and links,
 * newest first, with the URLs of the pages before and after (`prev`, `next`), so following
 * `next` from the first page reaches every article. Described by /schema/articles.json.
 */
import type { ArticleMeta, Listing, Site } from "../../model/document.ts";
import { sortNewestFirst } from "../../model/order.ts";
import { pageOf, pagePath, pageSizeOf, type Page } from "../../model/paging.ts";
import { absolute, paths } from "../urls.ts";
import { articleLinks } from "./article.ts";

export interface ListHead {
  title: string;
  description: string;
  /** The HTML page this JSON is the twin of (this page of it). */
  html: string;
  /** Set for a tag's list: the tag as written. */
  tag?: string;
}

/** Where a page of a list is and what is around it: the fields every paged list JSON carries. */
export function pageFields(site: Site, page: Page<unknown>): { self: string; page: number; pages: number; total: number; prev?: string; next?: string } {
  const url = (path: string) => absolute(site.url, path);
  return {
    self: url(page.path),
    page: page.number,
    pages: page.count,
    total: page.total,
    ...(page.prev ? { prev: url(page.prev) } : {}),
    ...(page.next ? { next: url(page.next) } : {}),
  };
}

export function renderListJson(site: Site, head: ListHead, page: Page<ArticleMeta>): string {
  const url = (path: string) => absolute(site.url, path);
  return JSON.stringify({
    $schema: url(paths.indexSchema),
    title: head.title,
    description: head.description,
    url: url(head.html),
    language: site.language,
    ...(head.tag !== undefined ? { tag: head.tag } : {}),
    ...pageFields(site, page),
    articles: page.items.map((a) => ({
      slug: a.slug,
      url: url(paths.article(a.slug)),
      title: a.title,
      dek: a.dek,
      language: a.language,
      ...(a.author ? { author: a.author } : {}),
      source: a.source,
      published: a.published,
      updated: a.updated,
      tags: a.tags,
      annotations: a.noteCount,
      links: articleLinks(site, a.slug),
    })),
  });
}

/** /articles.json (or its page `page`): the site's articles. */
export function renderIndexJson(corpus: Listing, page: Page<ArticleMeta> = pageOf(sortNewestFirst(corpus.articles), paths.index, 1, pageSizeOf(corpus.site))!): string {
  const { site } = corpus;
  return renderListJson(site, { title: site.title, description: site.description, html: pagePath(paths.home, page.number) }, page);
}
