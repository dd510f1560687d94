/**
 * /search.opds?q=…&page=N: a page of search results as an OPDS 1.2 acquisition feed, so that an
 * e-reader that found the catalogue's OpenSearch description (linked from /opds.xml) can search
 * it and download the EPUBs. Each entry is the catalogue's own entry for the article; the feed
 * carries the OpenSearch response elements (totalResults, itemsPerPage, startIndex, Query) and
 * rel="previous"/"next" links between pages.
 */
import type { ArticleMeta, Catalog } from "../../model/document.ts";
import type { SearchHit, SearchPage } from "../../search/query.ts";
import { openSearchType, searchPaths, searchUrl } from "../../search/urls.ts";
import { absolute, paths } from "../urls.ts";
import { atomDocument } from "./atom.ts";
import { feedEntry } from "./items.ts";
import { entry, opdsAcquisitionType } from "./opds.ts";
import { el } from "./xml.ts";

const openSearchNamespace = "http://a9.com/-/spec/opensearch/1.1/";

export function renderOpdsSearch(catalog: Pick<Catalog, "site" | "feedArticles">, metaOf: (slug: string) => ArticleMeta | undefined, results: SearchPage<SearchHit>): string {
  const { site } = catalog;
  const url = (page: number) => absolute(site.url, searchUrl(searchPaths.opds, results.query, page));
  const self = url(results.page);
  const entries = results.hits.flatMap((h) => {
    const meta = metaOf(h.slug);
    return meta ? [feedEntry(site, meta)] : [];
  });
  const startIndex = (results.page - 1) * results.pageSize + 1;
  return atomDocument(
    {
      site,
      self,
      selfType: opdsAcquisitionType,
      links: [
        el("link", { rel: "start", type: opdsAcquisitionType, href: absolute(site.url, paths.opds) }),
        el("link", { rel: "search", type: openSearchType, href: absolute(site.url, searchPaths.openSearch) }),
        ...(results.prev ? [el("link", { rel: "previous", type: opdsAcquisitionType, href: url(results.prev) })] : []),
        ...(results.next ? [el("link", { rel: "next", type: opdsAcquisitionType, href: url(results.next) })] : []),
      ],
      extra: [
        el("opensearch:totalResults", null, String(results.total)),
        el("opensearch:itemsPerPage", null, String(results.pageSize)),
        el("opensearch:startIndex", null, String(startIndex)),
        el("opensearch:Query", { role: "request", searchTerms: results.query, startPage: results.page }),
      ],
      attrs: { "xmlns:opds": "http://opds-spec.org/2010/catalog", "xmlns:dc": "http://purl.org/dc/elements/1.1/", "xmlns:dcterms": "http://purl.org/dc/terms/", "xmlns:opensearch": openSearchNamespace },
      // With no results, the feed changed when the catalogue last did.
      entries: entries.length ? entries : catalog.feedArticles.map((a) => feedEntry(site, a)),
    },
    entries.map((e) => entry(site, e)),
  );
}
