/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the same items as RSS and Atom.
 * Item authors only when known; otherwise the feed-level publisher stands for them.
 */
import type { Article, Corpus, Site } from "../../model/document.ts";
import { stripForbidden } from "../escape.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { renderFeedContent, summaryText } from "./content.ts";
import { rfc3339 } from "./dates.ts";
import { articleUrl, epubUrl, feedArticles, homeUrl } from "./items.ts";

export interface JsonFeedAuthor {
  name: string;
  url?: string;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  /** The original this edition is based on. */
  external_url: string;
  title: string;
  summary: string;
  content_html: string;
  date_published: string;
  date_modified: string;
  tags?: string[];
  language: string;
  authors?: JsonFeedAuthor[];
  attachments: { url: string; mime_type: string; title: string }[];
}

export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  authors: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

// The XML feeds drop characters XML forbids; the JSON says the same text.
const text = stripForbidden;

function item(site: Site, article: Article): JsonFeedItem {
  const url = articleUrl(site, article);
  return {
    id: url,
    url,
    external_url: article.source.url,
    title: text(article.title),
    summary: summaryText(article),
    content_html: renderFeedContent(site, article),
    date_published: rfc3339(article.published),
    date_modified: rfc3339(article.updated),
    ...(article.tags.length > 0 ? { tags: article.tags.map(text) } : {}),
    language: article.language,
    ...(article.author ? { authors: [{ name: text(article.author) }] } : {}),
    attachments: [{ url: epubUrl(site, article), mime_type: contentTypes.epub, title: `${text(article.title)} (EPUB)` }],
  };
}

export function jsonFeed(corpus: Corpus): JsonFeed {
  const { site } = corpus;
  const publisher: JsonFeedAuthor = { name: text(site.publisher.name), ...(site.publisher.url ? { url: site.publisher.url } : {}) };
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: text(site.title),
    home_page_url: homeUrl(site),
    feed_url: absolute(site.url, paths.jsonFeed),
    description: text(site.description),
    language: site.language,
    authors: [publisher],
    items: feedArticles(corpus).map((a) => item(site, a)),
  };
}

/** The feed as JSON text, indented, ending in a newline. */
export function renderJsonFeed(corpus: Corpus): string {
  return `${JSON.stringify(jsonFeed(corpus), null, 2)}\n`;
}
