/** The page shell shared by every HTML response: head, site header, one inline stylesheet. */
import type { Site } from "../../model/document.ts";
import { escape } from "../escape.ts";
import { langDir } from "../lang.ts";
import { absolute, paths } from "../urls.ts";
import { stylesheet } from "./style.ts";
import { maxQueryLength } from "../../search/query.ts";
import { openSearchType, searchPaths } from "../../search/urls.ts";

export interface PageOptions {
  site: Site;
  /** Path of this page (canonical URL = site URL + path); absent for error pages. */
  path?: string;
  title: string;
  description: string;
  language: string;
  /** Extra elements for <head>, already escaped. */
  head?: string;
  /**
   * The page's own feeds (<link rel="alternate">), already escaped: listed before the site's, so
   * that a feed reader given this page's address subscribes to the first, this page's.
   */
  ownFeeds?: string;
  body: string;
}

export function renderPage(o: PageOptions): string {
  const { site } = o;
  const feeds = [
    ["alternate", "application/rss+xml", paths.rss, `${site.title} (RSS)`],
    ["alternate", "application/atom+xml", paths.atom, `${site.title} (Atom)`],
    ["alternate", "application/feed+json", paths.jsonFeed, `${site.title} (JSON Feed)`],
    ["alternate", "application/atom+xml;profile=opds-catalog;kind=acquisition", paths.opds, `${site.title} (OPDS catalog for e-readers)`],
    ["search", openSearchType, searchPaths.openSearch, `Search ${site.title}`],
  ]
    .map(([rel, type, href, title]) => `<link rel="${rel}" type="${escape(type!)}" href="${escape(absolute(site.url, href!))}" title="${escape(title!)}">`)
    .join("\n");
  return `<!doctype html>
<html${langDir(o.language)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(o.title)}</title>
<meta name="description" content="${escape(o.description)}">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="${paths.favicon}" type="image/svg+xml">
${o.path !== undefined ? `<link rel="canonical" href="${escape(absolute(site.url, o.path))}">\n` : ""}${o.ownFeeds ? `${o.ownFeeds}\n` : ""}${feeds}
${o.head ?? ""}
<style>${stylesheet}</style>
</head>
<body>
<div class="wrap">
<header class="site"><a class="name" href="/">${escape(site.title)}</a>
<nav aria-label="Feeds"><a href="${paths.rss}">RSS</a><a href="${paths.atom}">Atom</a><a href="${paths.jsonFeed}">JSON Feed</a><a href="${paths.opds}">OPDS</a></nav>
<form role="search" aria-label="Site search" method="get" action="${searchPaths.html}"><input type="search" name="q" aria-label="Search the articles" maxlength="${maxQueryLength}"> <button type="submit">Search</button></form></header>
<main id="main">
${o.body}
</main>
<footer class="small"><p>${escape(site.rights)}</p></footer>
</div>
</body>
</html>
`;
}
