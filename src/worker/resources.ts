/**
 * Every URL Folio answers, as one map from path to resource, made once per isolate from the
 * bundled catalog. Rendering is lazy and happens once per resource (see prepare.ts); a request
 * is a map lookup.
 */
import type { AssetManifest } from "../model/assets.ts";
import type { Article, ArticleMeta, Catalog } from "../model/document.ts";
import { renderFavicon, renderRobots, renderSitemap } from "../render/crawlers.ts";
import { renderAtom } from "../render/feeds/atom.ts";
import { renderJsonFeed } from "../render/feeds/json-feed.ts";
import { renderOpds } from "../render/feeds/opds.ts";
import { renderRss } from "../render/feeds/rss.ts";
import { renderArticlePage } from "../render/html/article.ts";
import { renderIndexPage } from "../render/html/index-page.ts";
import { renderAnnotationsJsonLd } from "../render/json/annotations.ts";
import { renderArticleJson } from "../render/json/article.ts";
import { renderIndexJson } from "../render/json/index.ts";
import { contentTypes, paths } from "../render/urls.ts";
import type { Kind } from "./policy.ts";

export interface Resource {
  kind: Kind;
  type: string;
  /** ISO instant the content last changed (for Last-Modified). */
  modified: string;
  /** Text resources: renders the body (called once per isolate, or again after eviction). */
  render?: () => string | Promise<string>;
  /** Built files: the path in the ASSETS binding, its size, strong ETag, and how to read it. */
  file?: { path: string; size: number; etag: string; download?: string; load: () => Promise<Uint8Array> };
  /** The JSON variant served to `Accept: application/json`. */
  json?: Resource;
  /** Vary header, for the negotiated page and its JSON variant. */
  vary?: string;
}

export interface Loaders {
  /** An article's full model. */
  article: (slug: string) => Promise<Article>;
  /** A built file's bytes, by URL path. */
  file: (path: string) => Promise<Uint8Array>;
}

export function resourceMap(catalog: Catalog, assets: AssetManifest, schema: unknown, load: Loaders): Map<string, Resource> {
  const { site, articles } = catalog;
  const feed = { site, articles: catalog.recent };
  const newest = articles.reduce((max, a) => (a.updated > max ? a.updated : max), articles[0]?.updated ?? "1970-01-01T00:00:00.000Z");
  const map = new Map<string, Resource>();
  const text = (kind: Kind, type: string, modified: string, render: () => string): Resource => ({ kind, type, modified, render });

  map.set(paths.home, text("html", contentTypes.html, newest, () => renderIndexPage(catalog)));
  map.set(paths.index, text("data", contentTypes.json, newest, () => renderIndexJson(catalog)));
  map.set(paths.rss, text("feed", contentTypes.rss, newest, () => renderRss(feed)));
  map.set(paths.atom, text("feed", contentTypes.atom, newest, () => renderAtom(feed)));
  map.set(paths.jsonFeed, text("feed", contentTypes.jsonFeed, newest, () => renderJsonFeed(feed)));
  map.set(paths.opds, text("feed", contentTypes.opds, newest, () => renderOpds(catalog)));
  map.set(paths.schema, text("data", contentTypes.schema, newest, () => JSON.stringify({ $id: `${site.url}${paths.schema}`, ...(schema as object) })));
  map.set(paths.sitemap, text("text", contentTypes.xml, newest, () => renderSitemap(catalog)));
  map.set(paths.robots, text("text", contentTypes.text, newest, () => renderRobots(catalog)));
  map.set(paths.favicon, text("text", contentTypes.svg, newest, renderFavicon));

  for (const article of articles) addArticle(map, catalog, article, assets, load);
  return map;
}

function addArticle(map: Map<string, Resource>, catalog: Catalog, meta: ArticleMeta, assets: AssetManifest, loaders: Loaders): void {
  const { site } = catalog;
  const { slug, updated } = meta;
  const load = () => loaders.article(slug);
  const json: Resource = { kind: "data", type: contentTypes.json, modified: updated, render: async () => renderArticleJson(site, await load()) };
  // The page negotiates: its JSON variant is the same document with Vary: Accept.
  const page: Resource = { kind: "html", type: contentTypes.html, modified: updated, render: async () => renderArticlePage(site, await load()), vary: "Accept" };
  page.json = { ...json, vary: "Accept" };
  map.set(paths.article(slug), page);
  map.set(paths.articleJson(slug), json);
  map.set(paths.annotations(slug), { kind: "data", type: contentTypes.jsonld, modified: updated, render: async () => renderAnnotationsJsonLd(site, await load()) });
  const files: [string, string | undefined][] = [
    [paths.epub(slug), `${slug}.epub`],
    [paths.cover(slug), undefined],
    [paths.ogImage(slug), undefined],
  ];
  for (const [path, download] of files) {
    const built = assets[path];
    if (built) map.set(path, { kind: "file", type: built.type, modified: updated, file: { path, size: built.size, etag: built.etag, ...(download ? { download } : {}), load: () => loaders.file(path) } });
  }
}
