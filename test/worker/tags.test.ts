/**
 * Tags: a page per tag (paged like the index), linked from each article with rel="tag" and
 * listed at /tags; RSS, Atom and JSON Feed per tag, linked from the tag page's head; OPDS
 * navigation by tag from the root, and an acquisition feed per tag. The test build: "test
 * fixture" tags three articles (two pages of two), "<b>escaping</b>" makes the slug b-escaping-b.
 */
import { describe, expect, it } from "vitest";
import { expectListHttpRules, get, SEED } from "./helpers.ts";

const local = (url: string) => new URL(url).pathname;
const BASE = "https://folio.example.com";

describe("tag pages", () => {
  it("list a tag's articles newest first over pages linked by rel=next/prev", async () => {
    const first = await get("/tags/test-fixture");
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await first.text();
    expect(html).toContain("<h1>Tagged “test fixture”</h1>");
    expect(html).toContain(`<link rel="next" href="${BASE}/tags/test-fixture/page/2">`);
    expect(html).toContain('<a rel="next" href="/tags/test-fixture/page/2">');
    const second = await (await get("/tags/test-fixture/page/2")).text();
    expect(second).toContain(`<link rel="prev" href="${BASE}/tags/test-fixture">`);
    expect(second).not.toContain('rel="next"');
    const slugs = [html, second].flatMap((h) => [...h.slice(h.indexOf("<main")).matchAll(/<h2[^>]*><a href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1]));
    expect(slugs).toEqual(["fixture-harbour-lights-return", "fixture-tea-house-glossary", "fixture-escaping-stress-test"]);
    expect((await get("/tags/test-fixture/page/3")).status).toBe(404);
    expect((await get("/tags/test-fixture/page/1")).status).toBe(404);
  });

  it("link the tag's feeds from the head (rel=alternate), each answering with its type", async () => {
    const html = await (await get("/tags/test-fixture")).text();
    const feeds: [string, string][] = [
      ["/tags/test-fixture/feed.xml", "application/rss+xml; charset=utf-8"],
      ["/tags/test-fixture/atom.xml", "application/atom+xml; charset=utf-8"],
      ["/tags/test-fixture/feed.json", "application/feed+json; charset=utf-8"],
      ["/tags/test-fixture/opds.xml", "application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8"],
    ];
    for (const [path, type] of feeds) {
      expect(html).toMatch(new RegExp(`<link rel="alternate" type="[^"]+" href="${BASE}${path}"`));
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      await res.arrayBuffer();
    }
  });

  it("have a JSON twin, paged, that the page negotiates to", async () => {
    const json = await (await get("/tags/test-fixture.json")).json<{ tag: string; total: number; next?: string; articles: { slug: string }[] }>();
    expect(json).toMatchObject({ tag: "test fixture", total: 3, next: `${BASE}/tags/test-fixture/page/2.json` });
    expect(json.articles).toHaveLength(2);
    const negotiated = await get("/tags/test-fixture/page/2", { headers: { Accept: "application/json" } });
    expect(negotiated.headers.get("Vary")).toBe("Accept");
    expect(await negotiated.text()).toBe(await (await get("/tags/test-fixture/page/2.json")).text());
  });

  it("answer 404 for a tag no article has, a spelling that is not the slug, and feeds that have no pages", async () => {
    for (const path of ["/tags/nothing", "/tags/Test-Fixture", "/tags/test%20fixture", "/tags/test-fixture/feed/page/2.xml", "/tags/test-fixture/other.xml", "/tags/", "/tags/test-fixture/page/2.xml", "/tags/%FF", "/tags/test-fixture.json/page/2"]) {
      const res = await get(path);
      expect([301, 404], path).toContain(res.status);
      if (res.status === 301) expect(res.headers.get("Location")).toBe("/tags");
      await res.arrayBuffer();
    }
  });

  it("escape the tag as written, and reach a tag whose slug differs from it", async () => {
    const html = await (await get("/tags/b-escaping-b")).text();
    expect(html).toContain("Tagged “&lt;b&gt;escaping&lt;/b&gt;”");
    expect(html).not.toContain("<b>escaping</b>");
  });
});

describe("an article's tags", () => {
  it("are links with rel=tag on its page, and names with URLs in its JSON", async () => {
    const html = await (await get(`/articles/${SEED}`)).text();
    for (const [name, slug] of [["China", "china"], ["Russia", "russia"], ["diplomacy", "diplomacy"]]) expect(html).toContain(`<a rel="tag" href="/tags/${slug}">${name}</a>`);
    const json = await (await get(`/articles/${SEED}.json`)).json<{ tagLinks: { name: string; url: string }[] }>();
    expect(json.tagLinks).toEqual([
      { name: "China", url: `${BASE}/tags/china` },
      { name: "Russia", url: `${BASE}/tags/russia` },
      { name: "diplomacy", url: `${BASE}/tags/diplomacy` },
    ]);
    for (const { url } of json.tagLinks) expect((await get(local(url))).status).toBe(200);
  });
});

describe("/tags", () => {
  it("lists every tag with its number of articles, over pages", async () => {
    const names: string[] = [];
    for (let path: string | undefined = "/tags"; path; ) {
      const html: string = await (await get(path)).text();
      names.push(...[...html.matchAll(/<li><a href="\/tags\/([^"]+)">[^<]*<\/a> <span class="small">(\d+) articles?<\/span>/g)].map((m) => `${m[1]} ${m[2]}`));
      const next: string | undefined = /<link rel="next" href="([^"]+)">/.exec(html)?.[1];
      path = next && local(next);
    }
    expect(names).toEqual(["b-escaping-b 1", "china 1", "diplomacy 1", "harbours 1", "lighthouses 2", "russia 1", "test-fixture 3", "towns 1"]);
  });

  it("makes spellings that differ only in case one tag, shown as the newest article spells it when as many articles use each", async () => {
    // The Russian fixture (newer) writes "Lighthouses", the Arabic one "lighthouses".
    const html = await (await get("/tags/lighthouses")).text();
    expect(html).toContain("<h1>Tagged “Lighthouses”</h1>");
    const json = await (await get("/tags/lighthouses.json")).json<{ tag: string; total: number }>();
    expect(json).toMatchObject({ tag: "Lighthouses", total: 2 });
    for (const slug of ["fixture-ru-lighthouse-keeper", "fixture-ar-harbour-lighthouse"]) {
      const page = await (await get(`/articles/${slug}`)).text();
      expect(page, slug).toContain(`<a rel="tag" href="/tags/lighthouses">Lighthouses</a>`);
    }
  });

  it("lists the tag's own feeds in the head before the site's, so a feed reader given the tag page subscribes to the tag", async () => {
    const html = await (await get("/tags/lighthouses")).text();
    const alternates = [...html.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)"/g)].map((m) => m[2]!.replace(BASE, ""));
    expect(alternates.slice(0, 4)).toEqual(["/tags/lighthouses/feed.xml", "/tags/lighthouses/atom.xml", "/tags/lighthouses/feed.json", "/tags/lighthouses/opds.xml"]);
    expect(alternates.indexOf("/feed.xml")).toBeGreaterThan(3);
  });
});

describe("tag feeds", () => {
  it("RSS, Atom and JSON Feed list the tag's newest articles (feedItems), with their own self links", async () => {
    const rss = await (await get("/tags/test-fixture/feed.xml")).text();
    expect(rss).toContain(`<atom:link href="${BASE}/tags/test-fixture/feed.xml" rel="self" type="application/rss+xml"/>`);
    expect(rss).toContain("<title>test fixture · Folio</title>");
    expect([...rss.matchAll(/<guid isPermaLink="true">([^<]+)<\/guid>/g)].map((m) => m[1])).toEqual([`${BASE}/articles/fixture-harbour-lights-return`, `${BASE}/articles/fixture-tea-house-glossary`]);
    const atom = await (await get("/tags/test-fixture/atom.xml")).text();
    expect(atom).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/tags/test-fixture/atom.xml"/>`);
    expect(atom).toContain(`<link rel="alternate" type="text/html" href="${BASE}/tags/test-fixture"/>`);
    expect(atom.match(/<entry>/g)).toHaveLength(2);
    const feed = await (await get("/tags/test-fixture/feed.json")).json<{ feed_url: string; home_page_url: string; items: { id: string; content_html: string }[] }>();
    expect(feed.feed_url).toBe(`${BASE}/tags/test-fixture/feed.json`);
    expect(feed.home_page_url).toBe(`${BASE}/tags/test-fixture`);
    expect(feed.items.map((i) => i.id)).toEqual([`${BASE}/articles/fixture-harbour-lights-return`, `${BASE}/articles/fixture-tea-house-glossary`]);
    // The older article is not bundled in full: its text is read from the static assets.
    expect(feed.items[1]!.content_html).toContain("tea house");
  });
});

describe("OPDS by tag", () => {
  it("the root links a navigation feed whose entries lead to each tag's acquisition feed", async () => {
    const root = await (await get("/opds.xml")).text();
    expect(root).toContain(`<link rel="subsection" type="application/atom+xml;profile=opds-catalog;kind=navigation" href="${BASE}/opds/tags.xml" title="By tag"/>`);
    const res = await get("/opds/tags.xml");
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; profile=opds-catalog; kind=navigation; charset=utf-8");
    const nav = await res.text();
    expect(nav).toContain(`<link rel="start" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="${BASE}/opds.xml"/>`);
    const subsections: string[] = [];
    for (let xml: string | undefined = nav; xml; ) {
      subsections.push(...[...xml.matchAll(/<link rel="subsection" type="application\/atom\+xml;profile=opds-catalog;kind=acquisition" href="([^"]+)"/g)].map((m) => local(m[1]!)));
      const next: string | undefined = /<link rel="next" type="[^"]+" href="([^"]+)"\/>/.exec(xml)?.[1];
      xml = next ? await (await get(local(next))).text() : undefined;
    }
    expect(subsections).toEqual(["b-escaping-b", "china", "diplomacy", "harbours", "lighthouses", "russia", "test-fixture", "towns"].map((s) => `/tags/${s}/opds.xml`));
    const tagFeed = await (await get("/tags/test-fixture/opds.xml")).text();
    expect(tagFeed).toContain(`<link rel="up" type="application/atom+xml;profile=opds-catalog;kind=navigation" href="${BASE}/opds/tags.xml"/>`);
    expect(tagFeed).toContain(`<link rel="next" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="${BASE}/tags/test-fixture/opds/page/2.xml"/>`);
    const epubs = [tagFeed, await (await get("/tags/test-fixture/opds/page/2.xml")).text()].flatMap((x) => [...x.matchAll(/rel="http:\/\/opds-spec\.org\/acquisition" type="application\/epub\+zip" href="[^"]+\/articles\/([a-z0-9-]+)\.epub"/g)].map((m) => m[1]));
    expect(epubs).toEqual(["fixture-harbour-lights-return", "fixture-tea-house-glossary", "fixture-escaping-stress-test"]);
  });
});

describe("tag routes keep the HTTP rules", () => {
  it("HEAD, 304, 405 with Allow, OPTIONS, CORS on data and feeds but not on pages", async () => {
    const routes: [string, boolean][] = [
      ["/tags", false],
      ["/tags/test-fixture", false],
      ["/tags/test-fixture/page/2", false],
      ["/tags/test-fixture.json", true],
      ["/tags/test-fixture/feed.xml", true],
      ["/tags/test-fixture/atom.xml", true],
      ["/tags/test-fixture/feed.json", true],
      ["/tags/test-fixture/opds.xml", true],
      ["/opds/tags.xml", true],
    ];
    for (const [path, cors] of routes) await expectListHttpRules(path, cors);
  });

  it("a tag whose slug is not ASCII is reached at its percent-encoded path", async () => {
    // No fixture has one; the path still decodes and misses cleanly.
    const res = await get("/tags/%D1%80%D0%BE%D1%81%D1%81%D0%B8%D1%8F");
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });
});
