/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the same items as RSS and Atom.
 * Item authors only when known; otherwise the feed-level publisher stands for them.
 */
import type { Corpus } from "../../model/document.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { rfc3339 } from "./dates.ts";
import { feedItems, feedText as text, type FeedHead, type FeedItem } from "./items.ts";

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

function item(i: FeedItem): JsonFeedItem {
  return {
    id: i.url,
    url: i.url,
    external_url: i.sourceUrl,
    title: text(i.title),
    summary: i.summary,
    content_html: i.content,
    date_published: rfc3339(i.published),
    date_modified: rfc3339(i.updated),
    ...(i.tags.length > 0 ? { tags: i.tags.map(text) } : {}),
    language: i.language,
    ...(i.author ? { authors: [{ name: text(i.author) }] } : {}),
    attachments: [{ url: i.epubUrl, mime_type: contentTypes.epub, title: `${text(i.title)} (EPUB)` }],
  };
}

export function jsonFeed(corpus: Corpus, head: FeedHead = { path: paths.jsonFeed, home: paths.home }): JsonFeed {
  const { site } = corpus;
  const publisher: JsonFeedAuthor = { name: text(site.publisher.name), ...(site.publisher.url ? { url: site.publisher.url } : {}) };
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: text(head.title ?? site.title),
    home_page_url: absolute(site.url, head.home),
    feed_url: absolute(site.url, head.path),
    description: text(site.description),
    language: site.language,
    authors: [publisher],
    items: feedItems(corpus).map(item),
  };
}

/** The feed as JSON text, indented, ending in a newline. */
export function renderJsonFeed(corpus: Corpus, head?: FeedHead): string {
  return `${JSON.stringify(jsonFeed(corpus, head), null, 2)}\n`;
}
