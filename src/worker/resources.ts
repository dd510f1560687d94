/**
 * Every URL Folio answers, as one map from path to resource, made once per isolate from the
 * bundled catalog. Start-up lists only the site's own resources; each article's resources, later
 * pages of lists and the tags' resources are resolved on first use (resource-map.ts,
 * list-resources.ts), so start-up costs the same at 10,000 articles as at one. Rendering is lazy
 * and happens once per resource (see prepare.ts); a request is a map lookup. The build calls the
 * same map in Node to record each output's validators (src/build/validators.ts), so there is one
 * list of what is served.
 */
import type { AssetManifest } from "../model/assets.ts";
import type { CollectionInfo } from "../model/document.ts";
import type { Article, ArticleMeta, Catalog, Listing } from "../model/document.ts";
import { renderFavicon, renderRobots } from "../render/crawlers.ts";
import { renderAtom } from "../render/feeds/atom.ts";
import { renderJsonFeed } from "../render/feeds/json-feed.ts";
import { renderRss } from "../render/feeds/rss.ts";
import { renderArticlePage } from "../render/html/article.ts";
import { renderAnnotationsJsonLd } from "../render/json/annotations.ts";
import { renderArticleJson } from "../render/json/article.ts";
import { contentTypes, paths } from "../render/urls.ts";
import { fromValue } from "./from-value.ts";
import { addLists, type ListOptions } from "./list-resources.ts";
import type { Kind } from "./policy.ts";
import { ResourceMap } from "./resource-map.ts";
import { searchResources } from "./search.ts";

export interface Resource {
  kind: Kind;
  type: string;
  /** The path whose bytes these are (a negotiated variant has its own: the page's JSON is the .json's). */
  path: string;
  /** The article this resource belongs to, if any (its validators are recorded beside its model). */
  slug?: string;
  /** Search: the body made from the request's query string, per request (dynamic.ts); never prepared. */
  query?: (params: URLSearchParams) => Promise<string>;
  /** Text resources: renders the body (called once per isolate, or again after eviction). */
  render?: () => string | Promise<string>;
  /**
   * What `render` reads, named in one string made without rendering (from-value.ts): two renders
   * of the same code with the same inputs give the same bytes. The build keys each list's recorded
   * ETag by it (src/build/validators.ts); undefined: rendered every build.
   */
  inputs?: () => string;
  /** Built files: the path, the download name if any, and how to read it (its ETag and size are the build's record: data.ts `recorded`). */
  file?: { path: string; download?: string; load: () => Promise<Uint8Array> };
  /** The JSON variant served to a client that prefers `application/json`. */
  json?: Resource;
  /** Vary header, for the negotiated page and its JSON variant. */
  vary?: string;
}

const figurePath = /^\/articles\/[^/]+\/figures\/[^/]+$/;

export interface Loaders {
  /** An article's full model. */
  article: (slug: string) => Promise<Article>;
  /** A built file's bytes, by URL path. */
  file: (path: string) => Promise<Uint8Array>;
  /**
   * The build's, for `Resource.inputs` (from-value.ts); the worker has none, and never asks a
   * resource's inputs. `digest`: an article's full model's (what a tag feed reads). `fingerprint`:
   * a value's, naming all of it (src/build/validators.ts).
   */
  digest?: (slug: string) => string;
  fingerprint?: (value: unknown) => string;
}

/** What the map needs beyond the catalog: the lists' settings and the served JSON Schemas. */
export interface MapOptions extends ListOptions {
  /** JSON Schema of /search.json, served at /schema/search.json. */
  searchSchema?: unknown;
}

/**
 * Which built files are served at their own URL, with their media type: the worker's from its
 * bundled pack directory (data.ts), the build's from dist/assets.json. `paths` lists at least
 * every one that is not an article's EPUB, cover or Open Graph image (those come with their
 * article), for the build, which enumerates every resource.
 */
export interface BuiltFiles {
  type(path: string): string | undefined;
  paths(): Iterable<string>;
}

/** A record object as BuiltFiles (own keys only: "/constructor" is not a file). */
export function builtFilesOf(manifest: AssetManifest): BuiltFiles {
  return { type: (path) => (Object.hasOwn(manifest, path) ? manifest[path]!.type : undefined), paths: () => Object.keys(manifest) };
}

/** /articles/<slug> and what is under it: the page, .json, .epub, its notes, cards and figures. */
const articlePath = /^\/articles\/([a-z0-9]+(?:-[a-z0-9]+)*)(\.json|\.epub|\/annotations\.jsonld|\/cover\.png|\/og\.png|\/figures\/[^/]+)?$/;

/**
 * The site-wide documents besides the feeds (renderRss, renderAtom, renderJsonFeed), each drawn
 * from the one value it is given and nothing else (what the resource's `inputs` name: from-value.ts).
 */
const drawSite = {
  schema: (v: { id: string; schema: unknown }) => JSON.stringify({ $id: v.id, ...(v.schema as object) }),
  robots: (v: Pick<Listing, "site">) => renderRobots(v),
};

export function resourceMap(catalog: Catalog, assets: AssetManifest | BuiltFiles, schema: unknown, load: Loaders, options: MapOptions = {}): Map<string, Resource> {
  const { site, articles } = catalog;
  const built = isBuiltFiles(assets) ? assets : builtFilesOf(assets);
  const feed = { site, articles: catalog.feedArticles };
  const map = new ResourceMap();
  /** A resource drawn from one value alone, which its inputs name (from-value.ts). */
  const text = <V>(path: string, kind: Kind, type: string, value: () => V, draw: (v: V) => string) => map.set(path, fromValue(kind, type, path, value, draw, load));

  text(paths.rss, "feed", contentTypes.rss, () => feed, renderRss);
  text(paths.atom, "feed", contentTypes.atom, () => feed, renderAtom);
  text(paths.jsonFeed, "feed", contentTypes.jsonFeed, () => feed, renderJsonFeed);
  text(paths.schema, "data", contentTypes.schema, () => ({ id: `${site.url}${paths.schema}`, schema }), drawSite.schema);
  text(paths.robots, "crawler", contentTypes.text, () => ({ site }), drawSite.robots);
  // A constant, as cheap to draw as to key: drawn every build, so declares nothing.
  map.set(paths.favicon, { kind: "icon", type: contentTypes.svg, path: paths.favicon, render: renderFavicon });
  for (const resource of searchResources(catalog, load.file, options.searchSchema)) map.set(resource.path, resource);

  // The index, /articles.json, OPDS and the sitemap a page at a time, and the tags (list-resources.ts).
  addLists(map, catalog, load, options);
  for (const collection of catalog.collections ?? []) addCollection(map, collection, built, load);

  // Each article's resources are made on its first request, all at once (10,000 articles would
  // otherwise make 60,000 entries at start-up); figures too, by their path.
  let bySlug: Map<string, ArticleMeta> | undefined;
  const metaOf = (slug: string) => (bySlug ??= new Map(articles.map((a) => [a.slug, a]))).get(slug);
  map.resolveWith({
    resolve(path) {
      const m = articlePath.exec(path);
      const meta = m && metaOf(m[1]!);
      if (!meta) return undefined;
      if (m[2]?.startsWith("/figures/")) return figure(path, built, load);
      const own = articleResources(catalog, meta, built, load);
      for (const [p, resource] of own) map.set(p, resource);
      return own.get(path);
    },
    *paths() {
      for (const { slug } of articles) {
        yield* [paths.article(slug), paths.articleJson(slug), paths.annotations(slug), paths.epub(slug), paths.cover(slug), paths.ogImage(slug)];
      }
      for (const path of built.paths()) if (figurePath.test(path)) yield path;
    },
  });
  return map;
}

function isBuiltFiles(assets: AssetManifest | BuiltFiles): assets is BuiltFiles {
  return typeof assets.type === "function" && typeof assets.paths === "function";
}

/** A figure's web-sized image (src/build/figures.ts): named by its bytes' hash, so cached as immutable. */
function figure(path: string, built: BuiltFiles, load: Loaders): Resource | undefined {
  const type = figurePath.test(path) ? built.type(path) : undefined;
  return type === undefined ? undefined : { kind: "figure", type, path, file: { path, load: () => load.file(path) } };
}

/**
 * A collection's EPUB, as an article's: a download with byte ranges, when the build made it.
 * Keyed by the decoded path (as `decide` looks it up); its download name is ASCII
 * ("tag-china.2.epub"), a tag slug in another script percent-encoded, since a header holds bytes.
 */
function addCollection(map: Map<string, Resource>, collection: CollectionInfo, files: BuiltFiles, loaders: Loaders): void {
  const path = decodeURI(collection.path);
  const type = files.type(path);
  if (type === undefined) return;
  const download = `${collection.kind}-${collection.path.slice(collection.path.lastIndexOf("/") + 1)}`;
  map.set(path, { kind: "file", type, path, file: { path, download, load: () => loaders.file(path) } });
}

/** An article's resources, by path: its page (negotiating its JSON), JSON, notes and built files. */
function articleResources(catalog: Catalog, meta: ArticleMeta, built: BuiltFiles, loaders: Loaders): Map<string, Resource> {
  const map = new Map<string, Resource>();
  const { site } = catalog;
  const { slug } = meta;
  const load = () => loaders.article(slug);
  const jsonPath = paths.articleJson(slug);
  const json: Resource = { kind: "data", type: contentTypes.json, path: jsonPath, slug, render: async () => renderArticleJson(site, await load()) };
  // The page negotiates: its JSON variant is the same document (same bytes, same ETag) with Vary: Accept.
  const page: Resource = { kind: "html", type: contentTypes.html, path: paths.article(slug), slug, render: async () => renderArticlePage(site, await load()), vary: "Accept" };
  page.json = { ...json, vary: "Accept" };
  map.set(page.path, page);
  map.set(jsonPath, json);
  const annotations = paths.annotations(slug);
  map.set(annotations, { kind: "data", type: contentTypes.jsonld, path: annotations, slug, render: async () => renderAnnotationsJsonLd(site, await load()) });
  const files: [string, string | undefined][] = [
    [paths.epub(slug), `${slug}.epub`],
    [paths.cover(slug), undefined],
    [paths.ogImage(slug), undefined],
  ];
  for (const [path, download] of files) {
    const type = built.type(path);
    if (type !== undefined) map.set(path, { kind: "file", type, path, file: { path, ...(download ? { download } : {}), load: () => loaders.file(path) } });
  }
  return map;
}
