/**
 * The search URLs. Search is the one place with a query string: `q` is the reader's words.
 * `/search` answers HTML (or JSON with `Accept: application/json`); `/search.json` always JSON,
 * for OpenSearch clients, which cannot choose an Accept header.
 */

export const searchPaths = {
  html: "/search",
  json: "/search.json",
  openSearch: "/opensearch.xml",
} as const;

/** `/search?q=…` with `&page=N` after the first page; `q` percent-encoded (UTF-8). */
export function searchUrl(base: string, query: string, page = 1): string {
  const q = encodeURIComponent(query);
  return page > 1 ? `${base}?q=${q}&page=${page}` : `${base}?q=${q}`;
}

/** The OpenSearch media type (served at `/opensearch.xml`, linked with rel="search"). */
export const openSearchType = "application/opensearchdescription+xml";
