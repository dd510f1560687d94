/**
 * Search's resources: /search (HTML; JSON to a client preferring it, with Vary: Accept),
 * /search.json (always JSON: OpenSearch clients cannot choose an Accept header), /search.opds
 * (an OPDS acquisition feed of the results, for e-readers),
 * /opensearch.xml and /schema/search.json. The two search resources have a `query` instead of
 * a `render`: their body depends on the request's `q` and `page`, so it is made per request
 * (dynamic.ts answers it) and never prepared. The index is opened on the first search in an
 * isolate (its small manifest is read then; buckets and shards as queries need them, see
 * src/search/store.ts), and the newest pages of results are kept.
 */
import type { Catalog } from "../model/document.ts";
import { renderOpdsSearch } from "../render/feeds/opds-search.ts";
import { renderSearchPage } from "../render/html/search-page.ts";
import { renderSearchJson } from "../render/json/search.ts";
import { renderOpenSearch } from "../render/opensearch.ts";
import { contentTypes } from "../render/urls.ts";
import { parsePage, parseQuery, search, type SearchHit, type SearchPage } from "../search/query.ts";
import { openSearchIndex, type SearchFiles, type SearchIndex } from "../search/store.ts";
import { openSearchType, searchFiles, searchPaths, searchSchemaPath } from "../search/urls.ts";
import type { Resource } from "./resources.ts";

/** Pages of results kept per isolate (a page is ~10 results of a few hundred bytes each). */
const keptPages = 64;

export function searchResources(catalog: Catalog, loadFile: (path: string) => Promise<Uint8Array>, schema?: unknown): Resource[] {
  const { site } = catalog;
  const results = searcher(loadFile);
  let metas: Map<string, Catalog["articles"][number]> | undefined;
  const metaOf = (slug: string) => (metas ??= new Map(catalog.articles.map((a) => [a.slug, a]))).get(slug);
  const json: Resource = { kind: "data", type: contentTypes.json, path: searchPaths.json, query: async (params) => renderSearchJson(site, await results(params)) };
  const page: Resource = {
    kind: "html",
    type: contentTypes.html,
    path: searchPaths.html,
    query: async (params) => renderSearchPage(site, await results(params)),
    vary: "Accept",
    json: { ...json, vary: "Accept" },
  };
  const opds: Resource = { kind: "feed", type: contentTypes.opds, path: searchPaths.opds, query: async (params) => renderOpdsSearch(catalog, metaOf, await results(params)) };
  const openSearch: Resource = { kind: "data", type: `${openSearchType}; charset=utf-8`, path: searchPaths.openSearch, render: () => renderOpenSearch(site, { opdsSearchPath: searchPaths.opds }) };
  const resources = [page, json, opds, openSearch];
  if (schema !== undefined) resources.push({ kind: "data", type: contentTypes.schema, path: searchSchemaPath, render: () => JSON.stringify({ $id: `${site.url}${searchSchemaPath}`, ...(schema as object) }) });
  return resources;
}

/** `q` and `page` of a query string → a page of results, from the index opened on first use. */
export function searcher(loadFile: (path: string) => Promise<Uint8Array>): (params: URLSearchParams) => Promise<SearchPage<SearchHit>> {
  const files: SearchFiles = { bucket: (n) => loadFile(searchFiles.bucket(n)), shard: (n) => loadFile(searchFiles.shard(n)) };
  let opened: Promise<SearchIndex> | undefined;
  const index = () =>
    (opened ??= loadFile(searchFiles.manifest).then(
      (manifest) => openSearchIndex(manifest, files),
      (error: unknown) => {
        // No index (a dist/ from an older build): this search finds nothing; the next tries again.
        console.error(`search: ${error instanceof Error ? error.message : String(error)}`);
        opened = undefined;
        return openSearchIndex("", files);
      },
    ));
  const kept = new Map<string, Promise<SearchPage<SearchHit>>>();
  return (params) => {
    const query = parseQuery(params.getAll("q"));
    const page = parsePage(params.getAll("page"));
    const key = `${page}\u0000${query.text}`;
    let found = kept.get(key);
    if (found) kept.delete(key);
    else {
      found = index().then((idx) => search(idx, query, page));
      // A page missing results (a shard that could not be read) is made again next time.
      void found.then((r) => r.hits.length < Math.max(0, Math.min(r.pageSize, r.total - (r.page - 1) * r.pageSize)) && kept.delete(key)).catch(() => kept.delete(key));
    }
    kept.set(key, found);
    if (kept.size > keptPages) kept.delete(kept.keys().next().value!);
    return found;
  };
}
