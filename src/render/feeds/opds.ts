/**
 * OPDS 1.2 acquisition feeds (https://specs.opds.io/opds-1.2): every article, newest first, a
 * page at a time, each with an acquisition link to its EPUB, so e-reader apps can list and
 * download them; the same for each tag's articles. /opds.xml is the catalog's root (`start`),
 * and links the navigation feed by tag (opds-navigation.ts) and the collections' acquisition feed
 * (opds-collections.ts); a tag's feed links the tag's own book. An Atom feed: its head and the
 * common part of each entry are Atom's (atom.ts).
 */
import type { ArticleMeta, ListedCollection, Listing, Site } from "../../model/document.ts";
import { sortNewestFirst } from "../../model/order.ts";
import { pageOf, pagePath, pageSizeOf, type Page } from "../../model/paging.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { atomDocument, atomEntryHead, publisherElement } from "./atom.ts";
import { renderAttribution } from "./content.ts";
import { isoDay } from "../dates.ts";
import { feedEntry, type FeedEntry } from "./items.ts";
import { escape } from "../escape.ts";
import { el, type XmlElement } from "./xml.ts";
import { openSearchType, searchPaths } from "../../search/urls.ts";
import { humanBytes } from "../numbers.ts";

/** What the collections' feed is (opds-collections.ts), as its title and the title of the links to it. */
export const opdsCollectionsTitle = "Collections: every tag and every month as one EPUB";

/** The link type of an acquisition feed (OPDS 1.2 §2.2), without spaces as the spec writes it. */
export const opdsAcquisitionType = "application/atom+xml;profile=opds-catalog;kind=acquisition";
/** The link type of a navigation feed (OPDS 1.2 §2.1). */
export const opdsNavigationType = "application/atom+xml;profile=opds-catalog;kind=navigation";

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

export interface OpdsList {
  /** The first page's path: /opds.xml, or a tag's /tags/<slug>/opds.xml. */
  first: string;
  page: Page<ArticleMeta>;
  /** The list's title when it is not the site's own. */
  title?: string;
  /** The HTML page of the same list (rel="alternate"). */
  alternate?: string;
  /** The navigation feed above this one (rel="up"), for a tag's feed. */
  up?: string;
  /** A tag's feed: the tag's own book, volume by volume (rel="related" links to each EPUB). */
  books?: readonly ListedCollection[];
}

/**
 * An OPDS acquisition feed, a page at a time: `first`, `previous`, `next` and `last` links as
 * RFC 5005 pages them (OPDS 1.2 §2.4), every page's `start` the catalog's root (/opds.xml). The
 * root also links the navigation feed by tag (rel="subsection").
 */
export function renderOpds(corpus: Listing, list: OpdsList = { first: paths.opds, page: pageOf(sortNewestFirst(corpus.articles), paths.opds, 1, pageSizeOf(corpus.site))! }): string {
  const { site } = corpus;
  const { page } = list;
  const url = (path: string) => absolute(site.url, path);
  const entries = page.items.map((a) => feedEntry(site, a));
  const isRoot = list.first === paths.opds;
  const links: XmlElement[] = [
    el("link", { rel: "start", type: opdsAcquisitionType, href: url(paths.opds) }),
    // E-readers search the catalogue with the OpenSearch description (OPDS 1.2 §3).
    el("link", { rel: "search", type: openSearchType, href: url(searchPaths.openSearch) }),
    ...(list.up ? [el("link", { rel: "up", type: opdsNavigationType, href: url(list.up) })] : []),
    ...(isRoot
      ? [
          el("link", { rel: "subsection", type: opdsNavigationType, href: url(paths.opdsTags), title: "By tag" }),
          el("link", { rel: "subsection", type: opdsAcquisitionType, href: url(paths.opdsCollections), title: opdsCollectionsTitle }),
        ]
      : []),
    ...(list.books ?? []).map((book) => el("link", { rel: "related", type: contentTypes.epub, href: url(book.path), length: book.bytes, title: `${book.title} (EPUB, ${humanBytes(book.bytes)})` })),
    ...pageLinks(site, list.first, page, opdsAcquisitionType),
  ];
  return atomDocument(
    {
      site,
      self: url(page.path),
      selfType: opdsAcquisitionType,
      ...(list.title ? { title: list.title } : {}),
      ...(list.alternate ? { alternate: url(list.alternate) } : {}),
      links,
      attrs: opdsAttrs,
      entries,
    },
    entries.map((e) => entry(site, e)),
  );
}

export const opdsAttrs = { "xmlns:opds": "http://opds-spec.org/2010/catalog", "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dcterms": "http://purl.org/dc/terms/" };

/** RFC 5005 §3 paging links, for every page of a list of more than one page. */
export function pageLinks(site: Site, first: string, page: Page<unknown>, type: string): XmlElement[] {
  if (page.count === 1) return [];
  const link = (rel: string, path: string) => el("link", { rel, type, href: absolute(site.url, path) });
  return [
    link("first", pagePath(first, 1)),
    ...(page.prev ? [link("previous", page.prev)] : []),
    ...(page.next ? [link("next", page.next)] : []),
    link("last", pagePath(first, page.count)),
  ];
}
