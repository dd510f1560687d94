/**
 * The lists Folio serves a page at a time, and everything per tag, as entries of the one
 * resource map (resources.ts):
 *
 *   /  /page/<n>                           the index (HTML; a client preferring JSON gets the JSON twin)
 *   /articles.json  /articles/page/<n>.json  the index as JSON, with `prev`/`next`
 *   /opds.xml  /opds/page/<n>.xml          the OPDS root, an acquisition feed in pages (RFC 5005 links)
 *   /opds/tags.xml  /opds/tags/page/<n>.xml  OPDS navigation feed by tag
 *   /tags  /tags/page/<n>                  every tag with its number of articles
 *   /tags/<slug>  …/page/<n>               a tag's articles (HTML; JSON twin /tags/<slug>.json, paged)
 *   /tags/<slug>/feed.xml, atom.xml, feed.json   the tag's newest `feedItems` articles, in full
 *   /tags/<slug>/opds.xml  …/opds/page/<n>.xml   the tag's OPDS acquisition feed
 *   /collections  …/page/<n>               the collection EPUBs (HTML; JSON twin /collections.json, paged)
 *   /opds/collections.xml  /opds/collections/page/<n>.xml   the collections' OPDS acquisition feed
 *   /sitemap.xml  /sitemaps/<n>.xml        one urlset, or an index of files of at most 5,000 URLs
 *   /schema/articles.json                  JSON Schema of the list JSON
 *   /schema/collections.json               JSON Schema of /collections.json
 *
 * Start-up adds only the first pages of the site's lists. Later pages and everything under
 * /tags/ are made by a resolver the map asks on a miss (resource-map.ts), from the tags the
 * build worked out (catalog.tags), taken up the first time a tag or the sitemap is asked for:
 * at 10,000 articles the map costs the same to build as without lists. Paths here are percent-decoded, as the routing
 * decision looks them up (route.ts); links in the documents are percent-encoded (urls.ts).
 */
import { collectionsByTag, listedCollections, volumeArticles } from "../collections/listing.ts";
import type { ArticleMeta, Catalog, ListedCollection, Site } from "../model/document.ts";
import { lastChanged } from "../model/order.ts";
import { pageCount, pageOf, pagePath, pageSizeOf, parsePagePath, planSitemap, sitemapUrlsPerFile, type Page, type SitemapPlan } from "../model/paging.ts";
import { tagsOf, type Tag } from "../model/tags.ts";
import { renderSitemapIndex, renderUrlset, sitemapUrls, type SitemapUrl } from "../render/crawlers.ts";
import { renderAtom } from "../render/feeds/atom.ts";
import type { FeedHead } from "../render/feeds/items.ts";
import { renderJsonFeed } from "../render/feeds/json-feed.ts";
import { renderOpds, type OpdsList } from "../render/feeds/opds.ts";
import { renderOpdsCollections } from "../render/feeds/opds-collections.ts";
import { renderOpdsTags } from "../render/feeds/opds-navigation.ts";
import { renderRss } from "../render/feeds/rss.ts";
import { renderCollectionsPage } from "../render/html/collections-page.ts";
import { renderIndexPage } from "../render/html/index-page.ts";
import { renderTagPage, renderTagsPage } from "../render/html/tag-page.ts";
import { renderCollectionsJson } from "../render/json/collections.ts";
import { renderIndexJson, renderListJson, type ListHead } from "../render/json/index.ts";
import { contentTypes, paths } from "../render/urls.ts";
import { fromValue, once } from "./from-value.ts";
import type { Kind } from "./policy.ts";
import type { ResourceMap } from "./resource-map.ts";
import type { Loaders, Resource } from "./resources.ts";

export interface ListOptions {
  /** JSON Schema of the list JSON (dist/list.schema.json), served at /schema/articles.json. */
  listSchema?: unknown;
  /** JSON Schema of /collections.json (dist/collections.schema.json), served at /schema/collections.json. */
  collectionsSchema?: unknown;
  /** URLs per sitemap file (tests make it small). */
  sitemapUrlsPerFile?: number;
}

/** A list served a page at a time from its first page's path (decoded). */
interface List {
  count(): number;
  make(n: number, path: string): Resource;
}

/** The decoded form of a percent-encoded path from urls.ts (the key the routing decision looks up). */
const key = (path: string) => decodeURIComponent(path);

const feedKinds = [
  ["feed.xml", contentTypes.rss, "rss"],
  ["atom.xml", contentTypes.atom, "atom"],
  ["feed.json", contentTypes.jsonFeed, "jsonFeed"],
] as const;

type Paged<T> = { site: Site; page: Page<T> };

/**
 * How each list is drawn from the one value it is made from (from-value.ts): every function here
 * reads its argument and nothing else, so the value's fingerprint (the resource's `inputs`) names
 * all that its bytes are made of. A renderer that takes a whole listing is given the page's own
 * articles: it reads `articles` only to make a default page, and is always given its page.
 */
const draw = {
  indexJson: (v: Paged<ArticleMeta>) => renderIndexJson({ site: v.site, articles: v.page.items }, v.page),
  indexPage: (v: Paged<ArticleMeta>) => renderIndexPage({ site: v.site, articles: v.page.items }, v.page),
  opds: (v: { site: Site; list: OpdsList }) => renderOpds({ site: v.site, articles: v.list.page.items }, v.list),
  collectionsJson: (v: Paged<ListedCollection>) => renderCollectionsJson(v.site, v.page),
  collectionsPage: (v: Paged<ListedCollection>) => renderCollectionsPage(v.site, v.page),
  /** `articles[i]`: the articles of the page's i-th volume, oldest first. */
  opdsCollections: (v: Paged<ListedCollection> & { articles: ArticleMeta[][] }) => renderOpdsCollections(v, v.page, (c) => v.articles[v.page.items.indexOf(c)] ?? []),
  tagsPage: (v: Paged<Tag<ArticleMeta>> & { total: number }) => renderTagsPage(v.site, v.page, v.total),
  opdsTags: (v: Paged<Tag<ArticleMeta>>) => renderOpdsTags(v, v.page),
  listJson: (v: Paged<ArticleMeta> & { head: ListHead }) => renderListJson(v.site, v.head, v.page),
  tagPage: (v: Paged<ArticleMeta> & { tag: Pick<Tag<unknown>, "slug" | "name">; books: ListedCollection[] }) => renderTagPage(v.site, v.tag, v.page, v.books),
  urlset: (v: { site: Site; urls: SitemapUrl[] }) => renderUrlset(v.site, v.urls),
  /** /sitemap.xml: the one urlset, or the index of the files the URLs are cut into. */
  sitemap: (v: { site: Site; plan: SitemapPlan<SitemapUrl> }) => (v.plan.kind === "urlset" ? renderUrlset(v.site, v.plan.files[0]!.urls) : renderSitemapIndex(v.site, v.plan.files)),
  schema: (v: { id: string; schema: unknown }) => JSON.stringify({ $id: v.id, ...(v.schema as object) }),
};

/** A tag's RSS, Atom or JSON Feed: its newest `feedItems` articles (`slugs`), read in full with `load`. */
interface TagFeed {
  site: Site;
  format: "rss" | "atom" | "jsonFeed";
  head: FeedHead;
  slugs: string[];
}

async function drawTagFeed(v: TagFeed, load: Loaders): Promise<string> {
  const corpus = { site: v.site, articles: await Promise.all(v.slugs.map((slug) => load.article(slug))) };
  return v.format === "rss" ? renderRss(corpus, v.head) : v.format === "atom" ? renderAtom(corpus, v.head) : renderJsonFeed(corpus, v.head);
}

export function addLists(map: ResourceMap, catalog: Catalog, load: Loaders, options: ListOptions = {}): void {
  const { site } = catalog;
  const size = pageSizeOf(site);
  // The catalog lists its articles in the one order, newest first (src/model/order.ts).
  const { articles } = catalog;
  // The tags as the build worked them out, or (a catalog made by hand) worked out here, once.
  const tags = once(() => {
    const list: Tag<ArticleMeta>[] = catalog.tags ? catalog.tags.map((t) => ({ slug: t.slug, name: t.name, articles: t.articles.map((i) => articles[i]!) })) : tagsOf(articles);
    return { list, bySlug: new Map(list.map((t) => [t.slug, t])) };
  });
  // The collection EPUBs the build made, in the order their lists show them, and each tag's own.
  const books = once(() => {
    const list = listedCollections(catalog.collections);
    return { list, byTag: collectionsByTag(list) };
  });
  const booksArticles = once(() => volumeArticles(articles, books().list, tags().list));
  const page = <T>(items: readonly T[], first: string, n: number): Page<T> => pageOf(items, first, n, size)!;
  /** An HTML page whose JSON twin answers a client that prefers JSON. */
  const negotiated = (html: Resource, json: Resource): Resource => ({ ...html, vary: "Accept", json: { ...json, vary: "Accept" } });
  /** A resource drawn by `draw` from the value `value` makes (from-value.ts). */
  const drawn = <V>(kind: Kind, type: string, path: string, value: () => V, draw: (v: V) => string) => fromValue(kind, type, path, value, draw, load);

  const siteLists = new Map<string, List>();
  const indexJson: List = {
    count: () => pageCount(articles.length, size),
    make: (n, path) => drawn("data", contentTypes.json, path, () => ({ site, page: page(articles, paths.index, n) }), draw.indexJson),
  };
  siteLists.set(paths.index, indexJson);
  siteLists.set(paths.home, {
    count: indexJson.count,
    make: (n, path) => negotiated(drawn("html", contentTypes.html, path, () => ({ site, page: page(articles, paths.home, n) }), draw.indexPage), indexJson.make(n, pagePath(paths.index, n))),
  });
  siteLists.set(paths.opds, {
    count: indexJson.count,
    make: (n, path) => drawn("feed", contentTypes.opds, path, () => ({ site, list: { first: paths.opds, page: page(articles, paths.opds, n) } }), draw.opds),
  });
  const collectionsJson: List = {
    count: () => pageCount(books().list.length, size),
    make: (n, path) => drawn("data", contentTypes.json, path, () => ({ site, page: page(books().list, paths.collectionsJson, n) }), draw.collectionsJson),
  };
  siteLists.set(paths.collectionsJson, collectionsJson);
  siteLists.set(paths.collections, {
    count: collectionsJson.count,
    make: (n, path) => negotiated(drawn("html", contentTypes.html, path, () => ({ site, page: page(books().list, paths.collections, n) }), draw.collectionsPage), collectionsJson.make(n, pagePath(paths.collectionsJson, n))),
  });
  siteLists.set(paths.opdsCollections, {
    count: collectionsJson.count,
    make: (n, path) =>
      drawn(
        "feed",
        contentTypes.opds,
        path,
        () => {
          const shown = page(books().list, paths.opdsCollections, n);
          return { site, page: shown, articles: shown.items.map((c) => [...(booksArticles().get(c.path) ?? [])]) };
        },
        draw.opdsCollections,
      ),
  });
  siteLists.set(paths.tags, {
    count: () => pageCount(tags().list.length, size),
    make: (n, path) => drawn("html", contentTypes.html, path, () => ({ site, page: page(tags().list, paths.tags, n), total: tags().list.length }), draw.tagsPage),
  });
  siteLists.set(paths.opdsTags, {
    count: () => pageCount(tags().list.length, size),
    make: (n, path) => drawn("feed", contentTypes.opdsNavigation, path, () => ({ site, page: page(tags().list, paths.opdsTags, n) }), draw.opdsTags),
  });

  /** A tag's lists and feeds, by the (decoded) path of their first page. */
  const tagList = (slug: string, rest: string): List | undefined => {
    const tag = tags().bySlug.get(slug);
    if (!tag) return undefined;
    const count = () => pageCount(tag.articles.length, size);
    const title = `${tag.name} · ${site.title}`;
    const json: List = {
      count,
      make: (n, path) =>
        drawn(
          "data",
          contentTypes.json,
          path,
          () => ({ site, head: { title, description: `Articles of ${site.title} tagged ${tag.name}.`, html: pagePath(paths.tag(slug), n), tag: tag.name }, page: page(tag.articles, paths.tagJson(slug), n) }),
          draw.listJson,
        ),
    };
    const own = () => [...(books().byTag.get(slug) ?? [])];
    if (rest === "")
      return {
        count,
        make: (n, path) =>
          negotiated(
            drawn("html", contentTypes.html, path, () => ({ site, tag: { slug: tag.slug, name: tag.name }, page: page(tag.articles, paths.tag(slug), n), books: own() }), draw.tagPage),
            json.make(n, key(pagePath(paths.tagJson(slug), n))),
          ),
      };
    if (rest === ".json") return json;
    if (rest === "/opds.xml")
      return {
        count,
        make: (n, path) =>
          drawn(
            "feed",
            contentTypes.opds,
            path,
            () => ({ site, list: { first: paths.tagOpds(slug), page: page(tag.articles, paths.tagOpds(slug), n), title, alternate: paths.tag(slug), up: paths.opdsTags, books: own() } }),
            draw.opds,
          ),
      };
    const feed = feedKinds.find(([name]) => rest === `/${name}`);
    if (!feed) return undefined;
    const [, type, format] = feed;
    const head: FeedHead = { path: paths[format === "rss" ? "tagRss" : format === "atom" ? "tagAtom" : "tagJsonFeed"](tag.slug), home: paths.tag(tag.slug), title };
    const value = (): TagFeed => ({ site, format, head, slugs: tag.articles.slice(0, Math.max(0, site.feedItems)).map((a) => a.slug) });
    return { count: () => 1, make: (_n, path) => fromValue("feed", type, path, value, (v) => drawTagFeed(v, load), load, (v) => v.slugs) };
  };

  const listAt = (first: string): List | undefined => {
    const site = siteLists.get(first);
    if (site) return site;
    const m = /^\/tags\/([^/.]+)(\.json|\/opds\.xml|\/feed\.xml|\/atom\.xml|\/feed\.json)?$/.exec(first);
    return m ? tagList(m[1]!, m[2] ?? "") : undefined;
  };

  // The sitemap: the home page, the articles, the tag index, the pages of /collections (so
  // crawlers find the books) and each tag's page.
  const sitemap = once(() => {
    const newest = lastChanged(articles);
    const dated = (path: string): SitemapUrl => ({ path, ...(newest ? { lastmod: newest } : {}) });
    const books = Array.from({ length: collectionsJson.count() }, (_, i) => dated(pagePath(paths.collections, i + 1)));
    const more: SitemapUrl[] = [dated(paths.tags), ...books, ...tags().list.map((t) => ({ path: paths.tag(t.slug), lastmod: lastChanged(t.articles)! }))];
    return planSitemap(sitemapUrls(catalog, more), options.sitemapUrlsPerFile ?? sitemapUrlsPerFile);
  });
  const sitemapFile = (path: string): Resource | undefined => {
    const m = /^\/sitemaps\/([1-9][0-9]{0,8})\.xml$/.exec(path);
    if (!m) return undefined;
    const plan = sitemap();
    const file = plan.kind === "index" ? plan.files[Number(m[1]) - 1] : undefined;
    return file && drawn("crawler", contentTypes.xml, path, () => ({ site, urls: file.urls }), draw.urlset);
  };

  // Start-up: the first page of each of the site's lists, and the files beside them.
  for (const [first, list] of siteLists) map.set(first, list.make(1, first));
  map.set(paths.sitemap, drawn("crawler", contentTypes.xml, paths.sitemap, () => ({ site, plan: sitemap() }), draw.sitemap));
  const schemaAt = (path: string, schema: unknown) => {
    if (schema) map.set(path, drawn("data", contentTypes.schema, path, () => ({ id: `${site.url}${path}`, schema }), draw.schema));
  };
  schemaAt(paths.indexSchema, options.listSchema);
  schemaAt(paths.collectionsSchema, options.collectionsSchema);

  map.resolveWith({
    resolve(path) {
      const later = parsePagePath(path);
      const first = later ? later.first : path;
      const n = later?.number ?? 1;
      // One address per page: "/tags/x.json/page/2" parses, but page 2 of /tags/x.json is "/tags/x/page/2.json".
      const list = pagePath(first, n) === path ? listAt(first) : undefined;
      if (list && n <= list.count()) return list.make(n, path);
      return sitemapFile(path);
    },
    *paths() {
      const firsts = [...siteLists.keys()];
      for (const tag of tags().list)
        for (const rest of ["", ".json", "/opds.xml", ...feedKinds.map(([name]) => `/${name}`)]) firsts.push(`/tags/${tag.slug}${rest}`);
      for (const first of firsts) {
        const list = listAt(first)!;
        for (let n = 1; n <= list.count(); n++) yield pagePath(first, n);
      }
      const plan = sitemap();
      if (plan.kind === "index") for (const file of plan.files) yield file.path;
    },
  });
}
