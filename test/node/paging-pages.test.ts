/** Pages of a list with stable URLs, and the sitemap split into files. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listPageSize, pageCount, pageOf, pagePath, pages, parsePagePath, planSitemap, sitemapProtocolLimit, sitemapUrlsPerFile } from "../../src/model/paging.ts";

describe("pagePath", () => {
  it.each([
    ["/", 2, "/page/2"],
    ["/tags/china", 3, "/tags/china/page/3"],
    ["/articles.json", 2, "/articles/page/2.json"],
    ["/tags/china.json", 2, "/tags/china/page/2.json"],
    ["/tags/china/feed.xml", 4, "/tags/china/feed/page/4.xml"],
    ["/opds.xml", 2, "/opds/page/2.xml"],
    ["/tags/china", 1, "/tags/china"],
  ])("%s, page %i → %s", (first, n, path) => {
    expect(pagePath(first, n)).toBe(path);
  });

  it("parses back what it writes, for every page after the first", () => {
    for (const first of ["/", "/tags/china", "/articles.json", "/tags/china/feed.xml", "/opds.xml"])
      for (const n of [2, 3, 10, 12345]) expect(parsePagePath(pagePath(first, n))).toEqual({ first, number: n });
  });

  it("gives every page one address: no /page/1, no leading zeros, nothing else", () => {
    for (const p of ["/page/1", "/page/01", "/page/0", "/page/-2", "/page/2/", "/page/2.json", "/tags/x/page/", "/tags/x/pages/2", "/page/2x", "/articles/page/1.json"]) expect(parsePagePath(p)).toBeUndefined();
  });
});

describe("pageOf", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);

  it("splits newest first into bounded pages linked by prev and next", () => {
    const all = pages(items, "/tags/x", 10);
    expect(all.map((p) => p.items.length)).toEqual([10, 10, 3]);
    expect(all.map((p) => [p.path, p.prev, p.next])).toEqual([
      ["/tags/x", undefined, "/tags/x/page/2"],
      ["/tags/x/page/2", "/tags/x", "/tags/x/page/3"],
      ["/tags/x/page/3", "/tags/x/page/2", undefined],
    ]);
    expect(all.every((p) => p.count === 3 && p.total === 23)).toBe(true);
  });

  it("has no page 0, no page past the last, and one empty page for an empty list", () => {
    expect(pageOf(items, "/", 0, 10)).toBeUndefined();
    expect(pageOf(items, "/", 4, 10)).toBeUndefined();
    expect(pageOf(items, "/", 1.5, 10)).toBeUndefined();
    expect(pageOf([], "/", 1)).toMatchObject({ number: 1, count: 1, items: [], path: "/" });
    expect(() => pageOf(items, "/", 1, 0)).toThrow(RangeError);
  });

  it("reaches every item exactly once by following next, for any length and size", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 1, max: 60 }), (length, size) => {
        const list = Array.from({ length }, (_, i) => i);
        const seen: number[] = [];
        let page = pageOf(list, "/", 1, size);
        let path = "/";
        while (page) {
          expect(page.path).toBe(path);
          expect(page.items.length).toBeLessThanOrEqual(size);
          seen.push(...page.items);
          if (!page.next) break;
          const next = parsePagePath(page.next)!;
          path = page.next;
          page = pageOf(list, next.first, next.number, size);
        }
        expect(seen).toEqual(list);
        expect(pageCount(length, size)).toBe(Math.max(1, Math.ceil(length / size)));
      }),
    );
  });

  it("uses the default page size", () => {
    expect(pageOf(Array.from({ length: listPageSize + 1 }, (_, i) => i), "/", 1)!.items).toHaveLength(listPageSize);
  });
});

describe("planSitemap", () => {
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://folio.test/articles/a${i}`);

  it("stays one urlset while the URLs fit one file", () => {
    expect(planSitemap(urls(3))).toEqual({ kind: "urlset", files: [{ path: "/sitemap.xml", urls: urls(3) }] });
    expect(planSitemap(urls(sitemapUrlsPerFile)).kind).toBe("urlset");
  });

  it("becomes an index of files of at most the bound, in order, losing nothing", () => {
    const plan = planSitemap(urls(sitemapUrlsPerFile * 2 + 1));
    expect(plan.kind).toBe("index");
    expect(plan.files.map((f) => [f.path, f.urls.length])).toEqual([
      ["/sitemaps/1.xml", sitemapUrlsPerFile],
      ["/sitemaps/2.xml", sitemapUrlsPerFile],
      ["/sitemaps/3.xml", 1],
    ]);
    expect(plan.files.flatMap((f) => f.urls)).toEqual(urls(sitemapUrlsPerFile * 2 + 1));
  });

  it("never allows more than the protocol's 50,000 URLs per file", () => {
    expect(() => planSitemap(urls(1), sitemapProtocolLimit + 1)).toThrow(RangeError);
    expect(() => planSitemap(urls(1), 0)).toThrow(RangeError);
  });
});
