/**
 * OPDS 1.2 acquisition feed (https://specs.opds.io/opds-1.2): every article, newest first, each
 * with an acquisition link to its EPUB, so e-reader apps can list and download them.
 * It is the catalog's only feed, so it is its own `start`. An Atom feed: its head and the common
 * part of each entry are Atom's (atom.ts).
 */
import type { ArticleMeta, Listing, Site } from "../../model/document.ts";
import { sortNewestFirst } from "../../model/order.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { atomDocument, atomEntryHead, publisherElement } from "./atom.ts";
import { renderAttribution } from "./content.ts";
import { isoDay } from "../dates.ts";
import { feedEntry, type FeedEntry } from "./items.ts";
import { escape } from "../escape.ts";
import { el, type XmlElement } from "./xml.ts";
import { openSearchType, searchPaths } from "../../search/urls.ts";

/** The link type of an acquisition feed (OPDS 1.2 §2.2), without spaces as the spec writes it. */
export const opdsAcquisitionType = "application/atom+xml;profile=opds-catalog;kind=acquisition";

/** A short description for the catalog: the dek and the attribution, as HTML. The full text is in the EPUB. */
function description(site: Site, article: ArticleMeta): string {
  return `<p>${escape(article.dek)}</p>\n${renderAttribution(site, article)}`;
}

export function entry(site: Site, e: FeedEntry): XmlElement {
  return el(
    "entry",
    null,
    // The author when known; otherwise the publisher, never an invented person.
    atomEntryHead(e, { categoryLabel: true, author: publisherElement(site) }),
    el("dc:language", null, e.language),
    el("dc:publisher", null, site.publisher.name),
    el("dc:source", null, e.sourceUrl),
    el("dcterms:issued", null, isoDay(e.published)),
    el("content", { type: "html" }, description(site, e.meta)),
    el("link", { rel: "http://opds-spec.org/acquisition", type: contentTypes.epub, href: e.epubUrl }),
    el("link", { rel: "http://opds-spec.org/image", type: contentTypes.png, href: e.coverUrl }),
    // The cover doubles as the thumbnail: it has a book's proportions, the Open Graph image does not.
    el("link", { rel: "http://opds-spec.org/image/thumbnail", type: contentTypes.png, href: e.coverUrl }),
    el("link", { rel: "alternate", type: "text/html", href: e.url }),
  );
}

export function renderOpds(corpus: Listing): string {
  const { site } = corpus;
  const entries = sortNewestFirst(corpus.articles).map((a) => feedEntry(site, a));
  const self = absolute(site.url, paths.opds);
  return atomDocument(
    {
      site,
      self,
      selfType: opdsAcquisitionType,
      links: [el("link", { rel: "start", type: opdsAcquisitionType, href: self }), el("link", { rel: "search", type: openSearchType, href: absolute(site.url, searchPaths.openSearch) })],
      attrs: { "xmlns:opds": "http://opds-spec.org/2010/catalog", "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dcterms": "http://purl.org/dc/terms/" },
      entries,
    },
    entries.map((e) => entry(site, e)),
  );
}
