/**
 * Atom 1.0 (RFC 4287): the same items as RSS, newest first. Ids are canonical URLs, so they
 * never change; `updated` comes from the content. Content is HTML, escaped (type="html").
 */
import type { Article, ArticleMeta, Corpus, Site } from "../../model/document.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { renderFeedContent, summaryText } from "./content.ts";
import { rfc3339 } from "./dates.ts";
import { articleUrl, epubUrl, feedArticles, generator, homeUrl, lastUpdated } from "./items.ts";
import { el, xmlDocument, type XmlElement } from "./xml.ts";

export const atomNamespace = "http://www.w3.org/2005/Atom";

/** The site's publisher as an Atom person: an organisation, never an invented byline. */
export function publisherElement(site: Site): XmlElement {
  return el("author", null, el("name", null, site.publisher.name), site.publisher.url ? el("uri", null, site.publisher.url) : undefined);
}

/** The article's author when known; otherwise none, and the feed-level publisher applies (RFC 4287 §4.2.1). */
export function authorElement(article: ArticleMeta): XmlElement | undefined {
  return article.author ? el("author", null, el("name", null, article.author)) : undefined;
}

function entry(site: Site, article: Article): XmlElement {
  const url = articleUrl(site, article);
  return el(
    "entry",
    // Only where it differs from the feed's, so the common case stays uncluttered.
    { "xml:lang": article.language === site.language ? undefined : article.language },
    el("id", null, url),
    el("title", { type: "text" }, article.title),
    el("link", { rel: "alternate", type: "text/html", href: url }),
    el("link", { rel: "enclosure", type: contentTypes.epub, href: epubUrl(site, article), title: `${article.title} (EPUB)` }),
    el("published", null, rfc3339(article.published)),
    el("updated", null, rfc3339(article.updated)),
    authorElement(article),
    el("summary", { type: "text" }, summaryText(article)),
    el("content", { type: "html" }, renderFeedContent(site, article)),
    article.tags.map((tag) => el("category", { term: tag })),
  );
}

export function renderAtom(corpus: Corpus): string {
  const { site } = corpus;
  const articles = feedArticles(corpus);
  const self = absolute(site.url, paths.atom);
  return xmlDocument(
    el(
      "feed",
      { xmlns: atomNamespace, "xml:lang": site.language },
      el("id", null, self),
      el("title", { type: "text" }, site.title),
      el("subtitle", { type: "text" }, site.description),
      el("updated", null, rfc3339(lastUpdated(articles))),
      el("link", { rel: "self", type: "application/atom+xml", href: self }),
      el("link", { rel: "alternate", type: "text/html", href: homeUrl(site) }),
      publisherElement(site),
      el("rights", { type: "text" }, site.rights),
      el("generator", null, generator),
      articles.map((a) => entry(site, a)),
    ),
  );
}
