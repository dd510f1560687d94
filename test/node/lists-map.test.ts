/**
 * The lists and tags in the resource map, in Node over a synthetic catalog: what start-up adds
 * (only the first pages), what the resolver makes on a miss (later pages, tags, sitemap files),
 * that every page and tag resource is enumerated for the build's validators, and the sitemap
 * index beyond its bound (made small here).
 */
import { describe, expect, it } from "vitest";
import type { ArticleMeta, Catalog } from "../../src/model/document.ts";
import { allResources, ResourceMap } from "../../src/worker/resource-map.ts";
import { resourceMap, type Resource } from "../../src/worker/resources.ts";

function catalog(n: number, pageSize = 3): Catalog {
  const articles: ArticleMeta[] = Array.from({ length: n }, (_, i) => ({
    slug: `a${String(i).padStart(5, "0")}`,
    title: `Article ${i}`,
    dek: `Dek ${i}`,
    language: "en",
    source: { publisher: "P", url: `https://example.org/${i}`, date: "2025" },
    published: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString(),
    updated: new Date(Date.UTC(2026, 0, 1) - i * 86_400_000).toISOString(),
    tags: [i % 2 ? "Odd" : "Even", ...(i % 5 === 0 ? ["Côte d’Ivoire"] : [])],
    wordCount: 100,
    noteCount: 0,
  }));
  return { site: { title: "T", description: "D", url: "https://folio.test", language: "en", publisher: { name: "P" }, feedItems: 2, pageSize, rights: "R" }, articles, feedArticles: [] };
}

const loaders = (c: Catalog) => ({
  article: async (slug: string) => ({ ...c.articles.find((a) => a.slug === slug)!, blocks: [], annotations: [] }),
  file: async () => new Uint8Array(),
});

const render = async (r: Resource | undefined) => String(await r!.render!());

describe("lists in the resource map", () => {
  it("lists only the first pages at start-up and resolves later pages and tags on a miss, once", () => {
    const c = catalog(10);
    const map = resourceMap(c, {}, {}, loaders(c)) as ResourceMap;
    const listed = [...map.keys()];
    expect(listed).toContain("/");
    expect(listed.some((p) => p.includes("/page/") || p.startsWith("/tags/"))).toBe(false);
    const page = map.get("/page/4");
    expect(page).toBeDefined();
    expect(map.get("/page/4")).toBe(page); // the same object: prepare.ts caches by it
    expect(map.get("/page/5")).toBeUndefined(); // 10 articles, 3 a page
    expect(map.get("/page/1")).toBeUndefined();
    expect(map.get("/tags/odd/page/2")?.type).toBe("text/html; charset=utf-8");
    expect(map.get("/tags/cote-d-ivoire/opds.xml")?.kind).toBe("feed");
    expect(map.get("/tags/nothing")).toBeUndefined();
    // Misses are not kept: hostile paths cannot grow the map.
    const size = map.size;
    for (let i = 0; i < 100; i++) map.get(`/tags/x${i}`);
    expect(map.size).toBe(size);
  });

  it("enumerates every page and tag resource for the build, each once", () => {
    const c = catalog(10);
    const paths = [...allResources(resourceMap(c, {}, {}, loaders(c)))].map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of ["/page/2", "/page/4", "/articles/page/4.json", "/opds/page/4.xml", "/tags", "/tags/even", "/tags/even/page/2", "/tags/even.json", "/tags/even/page/2.json", "/tags/even/feed.xml", "/tags/even/atom.xml", "/tags/even/feed.json", "/tags/even/opds.xml", "/tags/even/opds/page/2.xml", "/opds/tags.xml", "/tags/cote-d-ivoire"])
      expect(paths, p).toContain(p);
    expect(paths).not.toContain("/tags/even/feed/page/2.xml");
  });

  it("makes the sitemap an index of /sitemaps/<n>.xml beyond the bound per file, losing no URL", async () => {
    const c = catalog(10);
    const small = resourceMap(c, {}, {}, loaders(c), { sitemapUrlsPerFile: 4 });
    const index = await render(small.get("/sitemap.xml"));
    expect(index).toContain("<sitemapindex");
    // 1 home + 10 articles + /tags + /collections + 3 tags = 16 URLs → 4 files.
    const files = [...index.matchAll(/<loc>https:\/\/folio\.test(\/sitemaps\/\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
    expect(files).toEqual(["/sitemaps/1.xml", "/sitemaps/2.xml", "/sitemaps/3.xml", "/sitemaps/4.xml"]);
    const urls: string[] = [];
    for (const f of files) {
      const xml = await render(small.get(f));
      expect(xml).toContain("<urlset");
      const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      expect(locs.length).toBeLessThanOrEqual(4);
      urls.push(...locs);
    }
    expect(small.get("/sitemaps/5.xml")).toBeUndefined();
    expect(small.get("/sitemaps/0.xml")).toBeUndefined();
    const whole = await render(resourceMap(c, {}, {}, loaders(c)).get("/sitemap.xml"));
    expect(whole).toContain("<urlset");
    expect(urls).toEqual([...whole.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    expect(urls).toContain("https://folio.test/tags/cote-d-ivoire");
    expect(resourceMap(c, {}, {}, loaders(c)).get("/sitemaps/1.xml")).toBeUndefined(); // one file: no index
  });

  it("lists every page of /collections in the sitemap, dated by the newest article, across the index's files", async () => {
    const c = catalog(10);
    // Seven books, three a page: /collections has three pages.
    c.collections = Array.from({ length: 7 }, (_, i) => {
      const key = `2025-${String(i + 1).padStart(2, "0")}`;
      return { path: `/collections/months/${key}.epub`, kind: "month" as const, key, name: key, title: key, volume: 1, volumes: 1, count: 1, updated: "2025-12-01T00:00:00.000Z", bytes: 1000 };
    });
    const small = resourceMap(c, {}, {}, loaders(c), { sitemapUrlsPerFile: 4 });
    const index = await render(small.get("/sitemap.xml"));
    const files = [...index.matchAll(/<loc>https:\/\/folio\.test(\/sitemaps\/\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
    expect(files.length).toBe(5); // 1 + 10 + /tags + 3 pages of /collections + 3 tags = 18 URLs
    const xml = (await Promise.all(files.map((f) => render(small.get(f))))).join("");
    for (const path of ["/collections", "/collections/page/2", "/collections/page/3"]) expect(xml, path).toContain(`<url><loc>https://folio.test${path}</loc><lastmod>2026-01-01T00:00:00.000Z</lastmod></url>`);
    expect(xml).not.toContain("/collections/page/4");
    expect(small.get("/collections/page/3")?.type).toBe("text/html; charset=utf-8");
  });

  it("pages a tag's OPDS feed and serves its RSS from the full articles", async () => {
    const c = catalog(10);
    const map = resourceMap(c, {}, {}, loaders(c));
    const opds = await render(map.get("/tags/even/opds/page/2.xml"));
    expect(opds).toContain('<link rel="previous" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="https://folio.test/tags/even/opds.xml"/>');
    const rss = await render(map.get("/tags/even/feed.xml"));
    expect([...rss.matchAll(/<guid isPermaLink="true">https:\/\/folio\.test\/articles\/(a\d+)<\/guid>/g)].map((m) => m[1])).toEqual(["a00000", "a00002"]);
  });
});
