/** /sitemap.xml (or, beyond one file's URLs, a sitemap index of /sitemaps/<n>.xml), /robots.txt and the site icon. */
import type { Listing, Site } from "../model/document.ts";
import { lastChanged, sortNewestFirst } from "../model/order.ts";
import { escape } from "./escape.ts";
import { absolute, paths } from "./urls.ts";

/** One URL of a sitemap: a path of the site and when its page last changed, if known. */
export interface SitemapUrl {
  path: string;
  lastmod?: string;
}

/** What the sitemap lists, in a stable order: the home page, the articles newest first, then `more` (the tag index, the pages of /collections, each tag's page). */
export function sitemapUrls(corpus: Listing, more: readonly SitemapUrl[] = []): SitemapUrl[] {
  const articles = sortNewestFirst(corpus.articles);
  const newest = lastChanged(articles);
  return [{ path: paths.home, ...(newest ? { lastmod: newest } : {}) }, ...articles.map((a) => ({ path: paths.article(a.slug), lastmod: a.updated })), ...more];
}

/** A <urlset> of the given URLs (a whole sitemap, or one file of a sitemap index). */
export function renderUrlset(site: Site, urls: readonly SitemapUrl[]): string {
  const url = ({ path, lastmod }: SitemapUrl) => `<url><loc>${escape(absolute(site.url, path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map(url).join("\n")}
</urlset>
`;
}

/** A <sitemapindex> of the sitemap files, each dated by the newest of its URLs. */
export function renderSitemapIndex(site: Site, files: readonly { path: string; urls: readonly SitemapUrl[] }[]): string {
  const entry = (f: (typeof files)[number]) => {
    const lastmod = lastChanged(f.urls.flatMap((u) => (u.lastmod ? [{ published: u.lastmod, updated: u.lastmod }] : [])));
    return `<sitemap><loc>${escape(absolute(site.url, f.path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map(entry).join("\n")}
</sitemapindex>
`;
}

/** The whole sitemap as one <urlset>: the home page and every article. */
export function renderSitemap(corpus: Listing): string {
  return renderUrlset(corpus.site, sitemapUrls(corpus));
}

export function renderRobots(corpus: Pick<Listing, "site">): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(corpus.site.url, paths.sitemap)}\n`;
}

/** A small "F" on the accent colour, so browsers find an icon without another request failing. */
export function renderFavicon(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8a3b12"/><path d="M10 7h13v4h-8.5v4H21v4h-6.5v6H10z" fill="#fdfcf9"/></svg>\n`;
}
