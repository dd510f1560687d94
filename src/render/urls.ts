/** Every URL of the URL contract, in one place. `base` is the site URL without a trailing slash. */
import type { Site } from "../model/document.ts";

export const paths = {
  home: "/",
  article: (slug: string) => `/articles/${slug}`,
  articleJson: (slug: string) => `/articles/${slug}.json`,
  epub: (slug: string) => `/articles/${slug}.epub`,
  annotations: (slug: string) => `/articles/${slug}/annotations.jsonld`,
  cover: (slug: string) => `/articles/${slug}/cover.png`,
  ogImage: (slug: string) => `/articles/${slug}/og.png`,
  index: "/articles.json",
  rss: "/feed.xml",
  atom: "/atom.xml",
  jsonFeed: "/feed.json",
  opds: "/opds.xml",
  schema: "/schema/article.json",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  favicon: "/favicon.svg",
  // Lists and tags (src/worker/list-resources.ts). Later pages of a list: src/model/paging.ts.
  indexSchema: "/schema/articles.json",
  tags: "/tags",
  opdsTags: "/opds/tags.xml",
  /** A tag's page; the slug percent-encoded as a link writes it (ASCII slugs are unchanged). */
  tag: (slug: string) => `/tags/${encodeURIComponent(slug)}`,
  tagJson: (slug: string) => `/tags/${encodeURIComponent(slug)}.json`,
  tagRss: (slug: string) => `/tags/${encodeURIComponent(slug)}/feed.xml`,
  tagAtom: (slug: string) => `/tags/${encodeURIComponent(slug)}/atom.xml`,
  tagJsonFeed: (slug: string) => `/tags/${encodeURIComponent(slug)}/feed.json`,
  tagOpds: (slug: string) => `/tags/${encodeURIComponent(slug)}/opds.xml`,
  // The collection EPUBs' lists (the books themselves: src/collections/plan.ts collectionPath).
  collections: "/collections",
  collectionsJson: "/collections.json",
  opdsCollections: "/opds/collections.xml",
  collectionsSchema: "/schema/collections.json",
} as const;

export function absolute(base: string, path: string): string {
  return `${base}${path}`;
}

export const homeUrl = (site: Site) => absolute(site.url, paths.home);
/** The canonical article URL: also the RSS guid, the Atom/OPDS id and the JSON Feed id, so it never changes. */
export const articleUrl = (site: Site, article: { slug: string }) => absolute(site.url, paths.article(article.slug));
export const epubUrl = (site: Site, article: { slug: string }) => absolute(site.url, paths.epub(article.slug));
export const coverUrl = (site: Site, article: { slug: string }) => absolute(site.url, paths.cover(article.slug));

/** The id of a note inside an article page, feed item or EPUB. */
export const noteId = (n: number) => `note-${n}`;
/** The id of a note's reference in the text. */
export const noteRefId = (n: number) => `noteref-${n}`;

export const contentTypes = {
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  jsonld: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
  schema: "application/schema+json; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  jsonFeed: "application/feed+json; charset=utf-8",
  opds: "application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8",
  opdsNavigation: "application/atom+xml; profile=opds-catalog; kind=navigation; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  text: "text/plain; charset=utf-8",
  epub: "application/epub+zip",
  png: "image/png",
  svg: "image/svg+xml",
} as const;
