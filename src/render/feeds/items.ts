/** What the feeds list and where it lives: one place for the order, the limit and the absolute URLs. */
import type { Article, ArticleMeta, Corpus, Site } from "../../model/document.ts";
import { absolute, paths } from "../urls.ts";
import { newest } from "./dates.ts";

/** Newest first by `published`, then by slug: the order the corpus promises, enforced for any input. */
export function newestFirst<T extends ArticleMeta>(articles: readonly T[]): T[] {
  return [...articles].sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** The articles RSS, Atom and JSON Feed list: the newest `site.feedItems`. */
export function feedArticles(corpus: Corpus): Article[] {
  return newestFirst(corpus.articles).slice(0, Math.max(0, corpus.site.feedItems));
}

/**
 * When a list of articles last changed: the newest `updated` (or `published`, if a later one
 * slipped in). Derived from content, never from the clock, so the same content gives the same feed.
 * An empty list has no date of its own; the epoch keeps the output stable and valid.
 */
export function lastUpdated(articles: readonly ArticleMeta[]): string {
  return newest(articles.flatMap((a) => [a.published, a.updated])) ?? "1970-01-01T00:00:00.000Z";
}

/** The software named in each feed's generator element. */
export const generator = "Folio";

export const homeUrl = (site: Site) => absolute(site.url, paths.home);
/** The canonical article URL: also the RSS guid, the Atom/OPDS id and the JSON Feed id, so it never changes. */
export const articleUrl = (site: Site, article: ArticleMeta) => absolute(site.url, paths.article(article.slug));
export const epubUrl = (site: Site, article: ArticleMeta) => absolute(site.url, paths.epub(article.slug));
export const coverUrl = (site: Site, article: ArticleMeta) => absolute(site.url, paths.cover(article.slug));
