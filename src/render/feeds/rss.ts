/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the full article in
 * `content:encoded`, escaped like any other text (no CDATA). The newest `site.feedItems`
 * articles, newest first; `lastBuildDate` is the newest `updated` among them, never the clock.
 */
import type { Corpus } from "../../model/document.ts";
import { absolute, paths } from "../urls.ts";
import { rfc822 } from "./dates.ts";
import { feedItems, generator, lastUpdated, type FeedHead, type FeedItem } from "./items.ts";
import { el, xmlDocument, type XmlElement } from "./xml.ts";

function item(i: FeedItem): XmlElement {
  return el(
    "item",
    null,
    el("title", null, i.title),
    el("link", null, i.url),
    // The canonical URL: it never changes for an article, whatever else is edited.
    el("guid", { isPermaLink: "true" }, i.url),
    el("description", null, i.summary),
    el("content:encoded", null, i.content),
    // RSS's own <author> must be an e-mail address; a name goes in dc:creator, and only when known.
    i.author ? el("dc:creator", null, i.author) : undefined,
    el("pubDate", null, rfc822(i.published)),
    i.tags.map((tag) => el("category", null, tag)),
  );
}

export function renderRss(corpus: Corpus, head: FeedHead = { path: paths.rss, home: paths.home }): string {
  const { site } = corpus;
  const items = feedItems(corpus);
  const channel = el(
    "channel",
    null,
    el("title", null, head.title ?? site.title),
    el("link", null, absolute(site.url, head.home)),
    el("description", null, site.description),
    el("language", null, site.language),
    el("copyright", null, site.rights),
    el("lastBuildDate", null, rfc822(lastUpdated(items))),
    el("generator", null, generator),
    el("docs", null, "https://www.rssboard.org/rss-specification"),
    el("atom:link", { href: absolute(site.url, head.path), rel: "self", type: "application/rss+xml" }),
    items.map(item),
  );
  return xmlDocument(
    el(
      "rss",
      {
        version: "2.0",
        "xmlns:atom": "http://www.w3.org/2005/Atom",
        "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
      },
      channel,
    ),
  );
}
