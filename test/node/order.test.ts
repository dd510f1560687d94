/**
 * The one order of articles (src/model/order.ts), and that the index page, the feeds, OPDS and
 * the sitemap all list articles in it, ties included, whatever order they are given in.
 */
import { describe, expect, it } from "vitest";
import type { Article, Corpus } from "../../src/model/document.ts";
import { lastChanged, newestFirst, sortNewestFirst } from "../../src/model/order.ts";
import { renderSitemap } from "../../src/render/crawlers.ts";
import { renderAtom } from "../../src/render/feeds/atom.ts";
import { feedItem } from "../../src/render/feeds/items.ts";
import { renderJsonFeed } from "../../src/render/feeds/json-feed.ts";
import { renderOpds } from "../../src/render/feeds/opds.ts";
import { renderRss } from "../../src/render/feeds/rss.ts";
import { renderIndexPage } from "../../src/render/html/index-page.ts";

function article(slug: string, published: string, updated = published): Article {
  return {
    slug,
    title: `Title ${slug}`,
    dek: `Dek ${slug}.`,
    language: "en",
    source: { publisher: "P", url: `https://example.org/${slug}`, date: "2025" },
    published,
    updated,
    tags: [],
    wordCount: 2,
    noteCount: 0,
    blocks: [{ type: "paragraph", content: { text: `Text ${slug}.`, offset: 0, marks: [], notes: [] } }],
    annotations: [],
  };
}

// Two published at the same instant (written in two forms), one later, one earlier; "Zeta" sorts
// before "alpha" by code unit but after it by localeCompare, so a locale-aware tie-break shows.
const same = "2026-05-01T00:00:00.000Z";
const articles = [
  article("b-tie", same),
  article("early", "2026-01-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"),
  article("a-tie", "2026-05-01T02:00:00+02:00"),
  article("late", "2026-06-01T00:00:00.000Z"),
];
const expected = ["late", "a-tie", "b-tie", "early"];

describe("newest first", () => {
  it("orders by published instant, then by slug in code-unit order", () => {
    expect(sortNewestFirst(articles).map((a) => a.slug)).toEqual(expected);
    expect([...articles].reverse().sort(newestFirst).map((a) => a.slug)).toEqual(expected);
    const zeta = { slug: "Zeta", published: same };
    const alpha = { slug: "alpha", published: same };
    expect(sortNewestFirst([alpha, zeta]).map((a) => a.slug)).toEqual(["Zeta", "alpha"]);
  });

  it("leaves its input as it was", () => {
    const input = [...articles];
    sortNewestFirst(input);
    expect(input).toEqual(articles);
  });

  it("says when a list last changed: its latest published or updated instant", () => {
    expect(lastChanged(articles)).toBe("2026-12-01T00:00:00.000Z");
    expect(lastChanged([])).toBeUndefined();
  });

  it("is the order of the index page, every feed, OPDS and the sitemap", () => {
    const corpus: Corpus = {
      site: { title: "T", description: "D", url: "https://folio.test", language: "en", publisher: { name: "P" }, feedItems: 10, rights: "R" },
      articles,
    };
    const order = (text: string, at: (slug: string) => string) => {
      for (const slug of expected) expect(text).toContain(at(slug));
      return [...articles.map((a) => a.slug)].sort((a, b) => text.indexOf(at(a)) - text.indexOf(at(b)));
    };
    const link = (slug: string) => `/articles/${slug}<`;
    expect(order(renderIndexPage(corpus), (s) => `href="/articles/${s}"`)).toEqual(expected);
    for (const feed of [renderRss(corpus), renderAtom(corpus), renderOpds(corpus), renderSitemap(corpus)]) expect(order(feed, link)).toEqual(expected);
    expect(order(renderJsonFeed(corpus), (s) => `"id": "https://folio.test/articles/${s}"`)).toEqual(expected);
  });
});

describe("feed items", () => {
  it("are made once per article and site, whichever feed asks first", () => {
    const site = { title: "T", description: "D", url: "https://folio.test", language: "en", publisher: { name: "P" }, feedItems: 10, rights: "R" };
    const a = articles[0]!;
    expect(feedItem(site, a)).toBe(feedItem(site, a));
    expect(feedItem({ ...site, url: "https://other.test" }, a).url).toBe("https://other.test/articles/b-tie");
  });
});
