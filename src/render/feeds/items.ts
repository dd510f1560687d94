/**
 * What the feeds list, as one item type that RSS, Atom, JSON Feed and OPDS each serialize their
 * own way (jpmonette/feed's shape). An entry is what every feed says of an article from its
 * metadata; an item adds the full content, rendered once per article and kept for the next feed.
 */
import type { Article, ArticleMeta, Corpus, Site } from "../../model/document.ts";
import { lastChanged, sortNewestFirst } from "../../model/order.ts";
import { stripForbidden } from "../escape.ts";
import { articleUrl, coverUrl, epubUrl } from "../urls.ts";
import { renderFeedContent, summaryText } from "./content.ts";

export interface FeedEntry {
  /** The canonical article URL: also the RSS guid, the Atom/OPDS id and the JSON Feed id. */
  url: string;
  epubUrl: string;
  coverUrl: string;
  /** The original this edition is based on. */
  sourceUrl: string;
  title: string;
  /** Plain text: the dek, or the opening of the text. */
  summary: string;
  /** ISO 8601 instants, as in the model. */
  published: string;
  updated: string;
  author?: string;
  tags: string[];
  language: string;
  meta: ArticleMeta;
}

export interface FeedItem extends FeedEntry {
  /** The whole article as HTML (content.ts). */
  content: string;
}

/**
 * Which list a feed is of: the site's (the default) or a tag's. The same renderer serves both;
 * only these and the articles differ. Paths, made absolute with the site URL.
 */
export interface FeedHead {
  /** The feed's own path (its id and rel="self"). */
  path: string;
  /** The HTML page the feed follows (rel="alternate", home_page_url). */
  home: string;
  /** The feed's title when it is not the site's own. */
  title?: string;
}

/** The software named in each feed's generator element. */
export const generator = "Folio";

export function feedEntry(site: Site, article: ArticleMeta & Partial<Pick<Article, "blocks">>): FeedEntry {
  return {
    url: articleUrl(site, article),
    epubUrl: epubUrl(site, article),
    coverUrl: coverUrl(site, article),
    sourceUrl: article.source.url,
    title: article.title,
    summary: summaryText(article),
    published: article.published,
    updated: article.updated,
    ...(article.author ? { author: article.author } : {}),
    tags: article.tags,
    language: article.language,
    meta: article,
  };
}

// RSS, Atom and JSON Feed list the same articles: each article's item is made once, for its site.
const made = new WeakMap<Article, { site: Site; item: FeedItem }>();

export function feedItem(site: Site, article: Article): FeedItem {
  const kept = made.get(article);
  if (kept && kept.site === site) return kept.item;
  const item = { ...feedEntry(site, article), content: renderFeedContent(site, article) };
  made.set(article, { site, item });
  return item;
}

/** The items RSS, Atom and JSON Feed list: the newest `site.feedItems` articles, newest first. */
export function feedItems(corpus: Corpus): FeedItem[] {
  return sortNewestFirst(corpus.articles)
    .slice(0, Math.max(0, corpus.site.feedItems))
    .map((a) => feedItem(corpus.site, a));
}

/**
 * When a list of entries last changed: the newest `updated` or `published`. An empty list has
 * no date of its own; the epoch keeps the output stable and valid.
 */
export function lastUpdated(entries: readonly Pick<FeedEntry, "published" | "updated">[]): string {
  return lastChanged(entries) ?? "1970-01-01T00:00:00.000Z";
}

// The XML feeds drop characters XML forbids; the JSON Feed says the same text.
export const feedText = stripForbidden;
