/**
 * /opds/collections.xml: an OPDS 1.2 acquisition feed (§2.2) of the collection EPUBs, a page at a
 * time: one entry per volume (months newest first, then tags by slug: src/collections/listing.ts),
 * each with an acquisition link to the book and its size, and a summary saying how many articles
 * it holds and which. The root (/opds.xml) links it with rel="subsection"; its `start` and `up`
 * are the root. The head, paging links and namespaces are the other OPDS feeds' (opds.ts, atom.ts).
 */
import type { ArticleMeta, ListedCollection, Listing, Site } from "../../model/document.ts";
import { articleCount } from "../numbers.ts";
import type { Page } from "../../model/paging.ts";
import { humanDate } from "../dates.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { atomDocument, publisherElement } from "./atom.ts";
import { rfc3339 } from "./dates.ts";
import { opdsAcquisitionType, opdsAttrs, opdsCollectionsTitle, pageLinks } from "./opds.ts";
import { el, type XmlElement } from "./xml.ts";


/** What a volume holds, in words: "12 articles tagged China, from “A” (3 March 2025) to “B” (28 November 2026)." */
export function collectionSummary(c: ListedCollection, articles: readonly ArticleMeta[]): string {
  const what = c.kind === "tag" ? `tagged ${c.name}` : `published in ${c.name}`;
  const volume = c.volumes > 1 ? ` (volume ${c.volume} of ${c.volumes})` : "";
  const title = (a: ArticleMeta) => `“${a.title}” (${humanDate(a.published)})`;
  const first = articles[0];
  const last = articles[articles.length - 1];
  const which = !first || !last ? "" : first === last ? `: ${title(first)}` : `, oldest first, from ${title(first)} to ${title(last)}`;
  return `${articleCount(c.count)} ${what}${volume}${which}.`;
}

function entry(site: Site, c: ListedCollection, articles: readonly ArticleMeta[]): XmlElement {
  const url = (path: string) => absolute(site.url, path);
  return el(
    "entry",
    null,
    el("id", null, url(c.path)),
    el("title", { type: "text" }, c.title),
    el("updated", null, rfc3339(c.updated)),
    publisherElement(site),
    c.kind === "tag" ? el("category", { term: c.name, label: c.name }) : undefined,
    el("summary", { type: "text" }, collectionSummary(c, articles)),
    el("dc:language", null, site.language),
    el("dc:publisher", null, site.publisher.name),
    el("link", { rel: "http://opds-spec.org/acquisition", type: contentTypes.epub, href: url(c.path), length: c.bytes, title: c.title }),
    c.kind === "tag" ? el("link", { rel: "alternate", type: "text/html", href: url(paths.tag(c.key)) }) : undefined,
  );
}

/** `articlesOf`: the articles of a volume, oldest first (listing.ts `volumeArticles`). */
export function renderOpdsCollections(corpus: Pick<Listing, "site">, page: Page<ListedCollection>, articlesOf: (c: ListedCollection) => readonly ArticleMeta[]): string {
  const { site } = corpus;
  const url = (path: string) => absolute(site.url, path);
  const root = url(paths.opds);
  return atomDocument(
    {
      site,
      self: url(page.path),
      selfType: opdsAcquisitionType,
      title: `${site.title}: ${opdsCollectionsTitle}`,
      alternate: url(paths.collections),
      links: [el("link", { rel: "start", type: opdsAcquisitionType, href: root }), el("link", { rel: "up", type: opdsAcquisitionType, href: root }), ...pageLinks(site, paths.opdsCollections, page, opdsAcquisitionType)],
      attrs: opdsAttrs,
      // The feed changed when the newest of its books did.
      entries: page.items.map((c) => ({ published: c.updated, updated: c.updated })),
    },
    page.items.map((c) => entry(site, c, articlesOf(c))),
  );
}
