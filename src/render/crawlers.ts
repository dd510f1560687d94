/** /sitemap.xml and /robots.txt. */
import type { Corpus } from "../model/document.ts";
import { escape } from "./escape.ts";
import { absolute, paths } from "./urls.ts";

export function renderSitemap(corpus: Corpus): string {
  const { site, articles } = corpus;
  const newest = articles.reduce((max, a) => (a.updated > max ? a.updated : max), "");
  const url = (path: string, lastmod: string) => `<url><loc>${escape(absolute(site.url, path))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[url(paths.home, newest), ...articles.map((a) => url(paths.article(a.slug), a.updated))].join("\n")}
</urlset>
`;
}

export function renderRobots(corpus: Corpus): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(corpus.site.url, paths.sitemap)}\n`;
}
