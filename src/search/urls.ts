/**
 * The search URLs. Search is the one place with a query string: `q` is the reader's words.
 * `/search` answers HTML (or JSON with `Accept: application/json`); `/search.json` always JSON,
 * for OpenSearch clients, which cannot choose an Accept header.
 */

export const searchPaths = {
  html: "/search",
  json: "/search.json",
  /** An OPDS acquisition feed of the results, for e-readers. */
  opds: "/search.opds",
  openSearch: "/opensearch.xml",
} as const;

/** `/search?q=…` with `&page=N` after the first page; `q` percent-encoded (UTF-8). */
export function searchUrl(base: string, query: string, page = 1): string {
  const q = encodeURIComponent(query);
  return page > 1 ? `${base}?q=${q}&page=${page}` : `${base}?q=${q}`;
}

/** The OpenSearch media type (served at `/opensearch.xml`, linked with rel="search"). */
export const openSearchType = "application/opensearchdescription+xml";

/**
 * Where the build puts the index among the static assets. Never routed: the worker runs
 * first on every request and reads these itself (as it reads /_model/).
 */
export const searchFiles = {
  manifest: "/_search/manifest.json",
  bucket: (n: number) => `/_search/b${n}.json`,
  /** One JSON row per line. */
  shard: (n: number) => `/_search/s${n}.jsonl`,
} as const;

/** The JSON Schema of /search.json, served beside /schema/article.json. */
export const searchSchemaPath = "/schema/search.json";
