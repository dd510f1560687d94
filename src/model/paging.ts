/**
 * Lists in pages of a bounded size, with stable URLs and no query strings (so every page is
 * one cacheable path), and the sitemap split into files under the protocol's limit.
 *
 * URL scheme: page 1 of a list stays at the list's own URL; page n ≥ 2 inserts `/page/<n>`
 * before the extension, or appends it when there is none:
 *   /                      → /page/2
 *   /tags/china            → /tags/china/page/2
 *   /articles.json         → /articles/page/2.json
 *   /tags/china/feed.json  → /tags/china/feed/page/2.json
 *   /opds.xml              → /opds/page/2.xml
 * None of these can be an article's or a tag's own URL: `/page/<n>` is not under /articles or
 * /tags, an article's own paths under /articles/<slug>/ have fixed names (cover.png, og.png,
 * annotations.jsonld), and a tag's page paths have three or more segments. `/page/1` is never
 * a URL (page 1 is the list's own), so each page has exactly one address.
 */

/** Articles per page of the index, a tag, /articles.json and the OPDS feeds. */
export const listPageSize = 50;

/** The site's page size (content/site.yaml `pageSize`), or the default. */
export function pageSizeOf(site: { pageSize?: number }): number {
  return site.pageSize ?? listPageSize;
}

export interface Page<T> {
  /** 1-based. */
  number: number;
  /** Pages in all (at least 1: an empty list is one empty page). */
  count: number;
  total: number;
  items: T[];
  /** Paths of this page and its neighbours, by the scheme above. */
  path: string;
  prev?: string;
  next?: string;
}

/** The path of page `n` of the list whose first page is `first`. */
export function pagePath(first: string, n: number): string {
  if (n <= 1) return first;
  if (first.endsWith("/")) return `${first}page/${n}`;
  const slash = first.lastIndexOf("/");
  const dot = first.lastIndexOf(".");
  if (dot > slash + 1) return `${first.slice(0, dot)}/page/${n}${first.slice(dot)}`;
  return `${first}/page/${n}`;
}

/**
 * The list and page number a path names, when it is a later page of a list (n ≥ 2, written
 * without leading zeros); undefined otherwise. `pagePath(parsePagePath(p).first, n) === p`.
 */
export function parsePagePath(path: string): { first: string; number: number } | undefined {
  const m = /^(.*)\/page\/([1-9][0-9]{0,8})(\.[a-z0-9]+)?$/.exec(path);
  if (!m) return undefined;
  const number = Number(m[2]);
  if (number < 2) return undefined;
  const stem = m[1]!;
  const first = m[3] ? `${stem}${m[3]}` : stem === "" ? "/" : stem;
  if (m[3] && (stem === "" || stem.endsWith("/"))) return undefined;
  return { first, number };
}

/** How many pages `total` items make (an empty list is one page). */
export function pageCount(total: number, size = listPageSize): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Page `n` of `items` (newest first, as given); undefined when the list has no such page. */
export function pageOf<T>(items: readonly T[], first: string, n: number, size = listPageSize): Page<T> | undefined {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, not ${size}`);
  const count = pageCount(items.length, size);
  if (!Number.isInteger(n) || n < 1 || n > count) return undefined;
  return {
    number: n,
    count,
    total: items.length,
    items: items.slice((n - 1) * size, n * size),
    path: pagePath(first, n),
    ...(n > 1 ? { prev: pagePath(first, n - 1) } : {}),
    ...(n < count ? { next: pagePath(first, n + 1) } : {}),
  };
}

/** Every page of `items`, in order. */
export function pages<T>(items: readonly T[], first: string, size = listPageSize): Page<T>[] {
  return Array.from({ length: pageCount(items.length, size) }, (_, i) => pageOf(items, first, i + 1, size)!);
}

/**
 * The sitemap protocol allows 50,000 URLs (and 50 MB) per file. Folio renders sitemaps in the
 * worker, so a file is kept to 5,000 URLs: about 1 MB of XML and a few ms of CPU to render,
 * within the free plan's 10 ms per request.
 */
export const sitemapUrlsPerFile = 5000;
export const sitemapProtocolLimit = 50_000;

export interface SitemapPlan<T = string> {
  /** One file: /sitemap.xml is a plain <urlset> (as today). Several: /sitemap.xml is a <sitemapindex>. */
  kind: "urlset" | "index";
  /** The files; for "urlset" the one file is /sitemap.xml itself. */
  files: { path: string; urls: T[] }[];
}

/** `/sitemap.xml` → `/sitemaps/<n>.xml` for the n-th file (1-based) when the URLs need several. */
export const sitemapFilePath = (n: number) => `/sitemaps/${n}.xml`;

/** Splits `urls` (in a stable order) into sitemap files of at most `perFile` URLs. */
export function planSitemap<T = string>(urls: readonly T[], perFile = sitemapUrlsPerFile): SitemapPlan<T> {
  if (!Number.isInteger(perFile) || perFile < 1 || perFile > sitemapProtocolLimit) throw new RangeError(`URLs per sitemap file must be 1 to ${sitemapProtocolLimit}, not ${perFile}`);
  if (urls.length <= perFile) return { kind: "urlset", files: [{ path: "/sitemap.xml", urls: [...urls] }] };
  const files: SitemapPlan<T>["files"] = [];
  for (let i = 0; i < urls.length; i += perFile) files.push({ path: sitemapFilePath(files.length + 1), urls: urls.slice(i, i + perFile) });
  return { kind: "index", files };
}
