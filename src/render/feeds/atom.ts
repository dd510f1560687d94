/**
 * Atom 1.0 (RFC 4287): the same items as RSS, newest first. Ids are canonical URLs, so they
 * never change; `updated` comes from the content. Content is HTML, escaped (type="html").
 * The feed head and the parts of an entry that every Atom feed has are shared with OPDS.
 */
import type { Corpus, Site } from "../../model/document.ts";
import { absolute, contentTypes, homeUrl, paths } from "../urls.ts";
import { rfc3339 } from "./dates.ts";
import { feedItems, generator, lastUpdated, type FeedEntry, type FeedHead, type FeedItem } from "./items.ts";
import { el, xmlDocument, type XmlChild, type XmlElement } from "./xml.ts";

const atomNamespace = "http://www.w3.org/2005/Atom";

/** The site's publisher as an Atom person: an organisation, never an invented byline. */
export function publisherElement(site: Site): XmlElement {
  return el("author", null, el("name", null, site.publisher.name), site.publisher.url ? el("uri", null, site.publisher.url) : undefined);
}

/** The article's author when known; otherwise none, and the feed-level publisher applies (RFC 4287 §4.2.1). */
function authorElement(entry: FeedEntry): XmlElement | undefined {
  return entry.author ? el("author", null, el("name", null, entry.author)) : undefined;
}

export interface AtomHead {
  site: Site;
  /** The feed's own URL (its id and rel="self") and the type of its links to itself. */
  self: string;
  selfType: string;
  /** The feed's title when it is not the site's own. */
  title?: string;
  /** The HTML page the feed follows (rel="alternate"), absolute; the home page by default. */
  alternate?: string;
  /** Links after rel="self" (OPDS: rel="start"). */
  links?: XmlElement[];
  /** Elements the format adds after the generator (Atom: rights). */
  extra?: XmlElement[];
  /** Namespaces and attributes on <feed> besides Atom's own and xml:lang. */
  attrs?: Record<string, string>;
  /** What the feed's `updated` is taken from. */
  entries: readonly Pick<FeedEntry, "published" | "updated">[];
}

/** An Atom feed: the head every Atom feed here shares, then the entries. */
export function atomDocument(head: AtomHead, entries: XmlElement[]): string {
  const { site } = head;
  return xmlDocument(
    el(
      "feed",
      { xmlns: atomNamespace, ...head.attrs, "xml:lang": site.language },
      el("id", null, head.self),
      el("title", { type: "text" }, head.title ?? site.title),
      el("subtitle", { type: "text" }, site.description),
      el("updated", null, rfc3339(lastUpdated(head.entries))),
      el("link", { rel: "self", type: head.selfType, href: head.self }),
      head.links,
      el("link", { rel: "alternate", type: "text/html", href: head.alternate ?? homeUrl(site) }),
      publisherElement(site),
      head.extra,
      el("generator", null, generator),
      entries,
    ),
  );
}

/** What every Atom entry says of an article: id, title, dates, author (or `options.author`), tags, summary. */
export function atomEntryHead(entry: FeedEntry, options: { categoryLabel: boolean; author?: XmlElement }): XmlChild[] {
  const author = authorElement(entry) ?? options.author;
  return [
    el("id", null, entry.url),
    el("title", { type: "text" }, entry.title),
    el("published", null, rfc3339(entry.published)),
    el("updated", null, rfc3339(entry.updated)),
    ...(author ? [author] : []),
    ...entry.tags.map((tag) => el("category", { term: tag, label: options.categoryLabel ? tag : undefined })),
    el("summary", { type: "text" }, entry.summary),
  ];
}

function entry(site: Site, item: FeedItem): XmlElement {
  return el(
    "entry",
    // Only where it differs from the feed's, so the common case stays uncluttered.
    { "xml:lang": item.language === site.language ? undefined : item.language },
    atomEntryHead(item, { categoryLabel: false }),
    el("link", { rel: "alternate", type: "text/html", href: item.url }),
    el("link", { rel: "enclosure", type: contentTypes.epub, href: item.epubUrl, title: `${item.title} (EPUB)` }),
    el("content", { type: "html" }, item.content),
  );
}

export function renderAtom(corpus: Corpus, feed: FeedHead = { path: paths.atom, home: paths.home }): string {
  const { site } = corpus;
  const items = feedItems(corpus);
  const head: AtomHead = {
    site,
    self: absolute(site.url, feed.path),
    selfType: "application/atom+xml",
    ...(feed.title ? { title: feed.title } : {}),
    alternate: absolute(site.url, feed.home),
    extra: [el("rights", { type: "text" }, site.rights)],
    entries: items,
  };
  return atomDocument(head, items.map((i) => entry(site, i)));
}
