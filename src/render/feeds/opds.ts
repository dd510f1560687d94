/**
 * OPDS 1.2 acquisition feed (https://specs.opds.io/opds-1.2): every article, newest first, each
 * with an acquisition link to its EPUB, so e-reader apps can list and download them.
 * It is the catalog's only feed, so it is its own `start`.
 */
import type { ArticleMeta, Listing, Site } from "../../model/document.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { authorElement, atomNamespace, publisherElement } from "./atom.ts";
import { renderAttribution, summaryText } from "./content.ts";
import { isoDay } from "../dates.ts";
import { rfc3339 } from "./dates.ts";
import { articleUrl, coverUrl, epubUrl, generator, homeUrl, lastUpdated, newestFirst } from "./items.ts";
import { escape } from "../escape.ts";
import { el, xmlDocument, type XmlElement } from "./xml.ts";

/** The link type of an acquisition feed (OPDS 1.2 §2.2), without spaces as the spec writes it. */
export const opdsAcquisitionType = "application/atom+xml;profile=opds-catalog;kind=acquisition";

/** A short description for the catalog: the dek and the attribution, as HTML. The full text is in the EPUB. */
function description(site: Site, article: ArticleMeta): string {
  return `<p>${escape(article.dek)}</p>\n${renderAttribution(site, article)}`;
}

function entry(site: Site, article: ArticleMeta): XmlElement {
  const url = articleUrl(site, article);
  return el(
    "entry",
    null,
    el("title", { type: "text" }, article.title),
    el("id", null, url),
    el("updated", null, rfc3339(article.updated)),
    el("published", null, rfc3339(article.published)),
    // The author when known; otherwise the publisher, never an invented person.
    authorElement(article) ?? publisherElement(site),
    el("dc:language", null, article.language),
    el("dc:publisher", null, site.publisher.name),
    el("dc:source", null, article.source.url),
    el("dcterms:issued", null, isoDay(article.published)),
    article.tags.map((tag) => el("category", { term: tag, label: tag })),
    el("summary", { type: "text" }, summaryText(article)),
    el("content", { type: "html" }, description(site, article)),
    el("link", { rel: "http://opds-spec.org/acquisition", type: contentTypes.epub, href: epubUrl(site, article) }),
    el("link", { rel: "http://opds-spec.org/image", type: contentTypes.png, href: coverUrl(site, article) }),
    // The cover doubles as the thumbnail: it has a book's proportions, the Open Graph image does not.
    el("link", { rel: "http://opds-spec.org/image/thumbnail", type: contentTypes.png, href: coverUrl(site, article) }),
    el("link", { rel: "alternate", type: "text/html", href: url }),
  );
}

export function renderOpds(corpus: Listing): string {
  const { site } = corpus;
  const articles = newestFirst(corpus.articles);
  const self = absolute(site.url, paths.opds);
  return xmlDocument(
    el(
      "feed",
      {
        xmlns: atomNamespace,
        "xmlns:opds": "http://opds-spec.org/2010/catalog",
        "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        "xmlns:dcterms": "http://purl.org/dc/terms/",
        "xml:lang": site.language,
      },
      el("id", null, self),
      el("title", { type: "text" }, site.title),
      el("subtitle", { type: "text" }, site.description),
      el("updated", null, rfc3339(lastUpdated(articles))),
      el("link", { rel: "self", type: opdsAcquisitionType, href: self }),
      el("link", { rel: "start", type: opdsAcquisitionType, href: self }),
      el("link", { rel: "alternate", type: "text/html", href: homeUrl(site) }),
      publisherElement(site),
      el("generator", null, generator),
      articles.map((a) => entry(site, a)),
    ),
  );
}
