/** /sitemap.xml, /robots.txt and the site icon. */
import type { Listing } from "../model/document.ts";
import { lastChanged, sortNewestFirst } from "../model/order.ts";
import { escape } from "./escape.ts";
import { absolute, paths } from "./urls.ts";

export function renderSitemap(corpus: Listing): string {
  const { site } = corpus;
  const articles = sortNewestFirst(corpus.articles);
  const newest = lastChanged(articles) ?? "";
  const url = (path: string, lastmod: string) => `<url><loc>${escape(absolute(site.url, path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url(paths.home, newest), ...articles.map((a) => url(paths.article(a.slug), a.updated))].join("\n")}
</urlset>
`;
}

export function renderRobots(corpus: Listing): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(corpus.site.url, paths.sitemap)}\n`;
}

/** A small "F" on the accent colour, so browsers find an icon without another request failing. */
export function renderFavicon(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#8a3b12"/><path d="M10 7h13v4h-8.5v4H21v4h-6.5v6H10z" fill="#fdfcf9"/></svg>\n`;
}
