/**
 * The collection EPUBs as the site lists them: /opds/collections.xml (an OPDS acquisition feed,
 * one entry per volume, linked from the root, the navigation feed by tag and each tag's feed),
 * /collections (HTML, linked from the index and every tag's page, listed in the sitemap) with its
 * JSON twin, described by /schema/collections.json, and each tag's page linking its own book.
 * The test build pages lists two items at a time, so every list here has pages.
 */
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import catalogJson from "../../dist/catalog.json";
import type { Catalog } from "../../src/model/document.ts";
import { expectListHttpRules, get } from "./helpers.ts";

const catalog = catalogJson as unknown as Catalog;
const books = catalog.collections!;
const BASE = "https://folio.example.com";
const local = (url: string) => new URL(url).pathname;
const opdsType = "application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8";

/** Every page of a list, following rel="next" (feeds: <link rel="next" href>; JSON: `next`). */
async function feedPages(first: string): Promise<string[]> {
  const pages: string[] = [];
  for (let path: string | undefined = first; path && pages.length < 100; ) {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get("Content-Type"), path).toBe(opdsType);
    const xml = await res.text();
    pages.push(xml);
    const head = xml.slice(0, xml.indexOf("<entry>") === -1 ? undefined : xml.indexOf("<entry>"));
    const next = /<link rel="next" type="[^"]+" href="([^"]+)"\/>/.exec(head)?.[1];
    path = next ? local(next) : undefined;
  }
  return pages;
}

const entries = (xml: string) => [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);

describe("the collections' OPDS feed", () => {
  it("is linked from the root as a subsection of kind=acquisition, and from the navigation feed by tag", async () => {
    const root = await (await get("/opds.xml")).text();
    expect(root).toContain(`<link rel="subsection" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="${BASE}/opds/collections.xml" title="Collections: every tag and every month as one EPUB"/>`);
    const nav = await (await get("/opds/tags.xml")).text();
    expect(nav).toContain(`<link rel="related" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="${BASE}/opds/collections.xml"`);
  });

  it("lists every volume once over its pages, months newest first then tags, each with a working acquisition link and its length", async () => {
    const pages = await feedPages("/opds/collections.xml");
    expect(pages.length).toBe(Math.ceil(books.length / 2));
    const all = pages.flatMap(entries);
    const hrefs = all.map((e) => local(/<link rel="http:\/\/opds-spec\.org\/acquisition" type="application\/epub\+zip" href="([^"]+)"/.exec(e)![1]!));
    expect([...hrefs].sort()).toEqual(books.map((b) => b.path).sort());
    const kinds = hrefs.map((h) => (h.startsWith("/collections/months/") ? "month" : "tag"));
    expect(kinds).toEqual([...kinds].sort((a, b) => (a === b ? 0 : a === "month" ? -1 : 1)));
    const months = hrefs.filter((h) => h.startsWith("/collections/months/"));
    expect(months).toEqual([...months].sort().reverse());
    for (const [i, e] of all.entries()) {
      const book = books.find((b) => b.path === hrefs[i])!;
      expect(e).toContain(`<title type="text">${book.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</title>`);
      expect(e).toContain(`<updated>${book.updated.replace(".000Z", "Z")}</updated>`);
      expect(e).toContain(`length="${book.bytes}"`);
      const res = await get(book.path);
      expect(res.status, book.path).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/epub+zip");
      expect((await res.arrayBuffer()).byteLength).toBe(book.bytes);
    }
  });

  it("says in each summary how many articles a book holds and which", async () => {
    const all = (await feedPages("/opds/collections.xml")).flatMap(entries);
    const fixture = all.find((e) => e.includes("/collections/tags/test-fixture.epub"))!;
    // The three "test fixture" articles, oldest first.
    expect(fixture).toContain(`<summary type="text">3 articles tagged test fixture, oldest first, from “Test fixture: &lt;script&gt;alert(1)&lt;/script&gt;`);
    expect(fixture).toContain(`(12 September 2026) to “Test fixture: Harbour Lights Return to the Old Port” (20 November 2026).</summary>`);
    const china = all.find((e) => e.includes("/collections/tags/china.epub"))!;
    expect(china).toMatch(/<summary type="text">One article tagged China: “[^”]+” \(28 November 2026\)\.<\/summary>/);
  });

  it("links each tag's book from the tag's own acquisition feed", async () => {
    const feed = await (await get("/tags/test-fixture/opds.xml")).text();
    const book = books.find((b) => b.path === "/collections/tags/test-fixture.epub")!;
    expect(feed).toContain(`<link rel="related" type="application/epub+zip" href="${BASE}/collections/tags/test-fixture.epub" length="${book.bytes}"`);
  });
});

describe("/collections", () => {
  it("is linked from the index and lists every book over its pages, each a download link with its count and size", async () => {
    const index = await (await get("/")).text();
    expect(index).toContain(`<a href="/collections">every tag and month as one EPUB</a>`);
    const seen: string[] = [];
    for (let path: string | undefined = "/collections"; path; ) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("Vary")).toBe("Accept");
      const html = await res.text();
      for (const m of html.matchAll(/<a href="(\/collections\/(?:tags|months)\/[^"]+\.epub)" type="application\/epub\+zip" download>[^<]+<\/a> <span class="small">(One article|\d+ articles) · EPUB, ([\d.]+ (?:KB|MB))/g)) seen.push(m[1]!);
      const next = /<link rel="next" href="([^"]+)">/.exec(html)?.[1];
      path = next ? local(next) : undefined;
    }
    expect([...seen].sort()).toEqual(books.map((b) => b.path).sort());
  });

  it("has a JSON twin, negotiated and at /collections.json, paged with next", async () => {
    const negotiated = await get("/collections", { headers: { Accept: "application/json" } });
    expect(negotiated.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const direct = await get("/collections.json");
    const first = (await direct.json()) as { total: number; pages: number; next?: string; collections: { epub: string; bytes: number; articles: number }[] };
    expect(await negotiated.json()).toEqual(first);
    expect(first.total).toBe(books.length);
    const all = [...first.collections];
    for (let next = first.next; next; ) {
      const page = (await (await get(local(next))).json()) as typeof first;
      all.push(...page.collections);
      next = page.next;
    }
    expect(all.map((c) => local(c.epub)).sort()).toEqual(books.map((b) => b.path).sort());
    for (const c of all) expect(c.bytes).toBe(books.find((b) => b.path === local(c.epub))!.bytes);
  });

  it("validates, every page of it, against /schema/collections.json, which its $schema names", async () => {
    const res = await get("/schema/collections.json");
    expect(res.headers.get("Content-Type")).toBe("application/schema+json; charset=utf-8");
    const schema = await res.json<{ $id: string }>();
    expect(schema.$id).toBe(`${BASE}/schema/collections.json`);
    const validator = new Validator(schema as never, "2020-12", false);
    let pages = 0;
    for (let path: string | undefined = "/collections.json"; path; pages++) {
      const body: { $schema: string; next?: string } = await (await get(path)).json();
      expect(body.$schema, path).toBe(schema.$id);
      const result = validator.validate(body);
      expect(result.errors, path).toEqual([]);
      expect(result.valid).toBe(true);
      path = body.next ? local(body.next) : undefined;
    }
    expect(pages).toBe(Math.ceil(books.length / 2));
  });

  it("the schema can fail: a month book with a tag's page, a tag book without one, or a stray field is refused", async () => {
    const validator = new Validator((await (await get("/schema/collections.json")).json()) as never, "2020-12", false);
    const body = await (await get("/collections.json")).json<{ collections: Record<string, unknown>[] }>();
    expect(validator.validate(body).valid).toBe(true);
    const month = body.collections.find((c) => c.kind === "month")!;
    const tag = (await (await get(`/collections/page/${Math.ceil(books.length / 2)}.json`)).json<typeof body>()).collections.find((c) => c.kind === "tag")!;
    expect(month && tag).toBeTruthy();
    const { html: _, ...bare } = tag;
    for (const bad of [{ ...month, html: tag.html }, bare, { ...month, extra: 1 }, { ...month, key: "2026-13" }, { ...tag, bytes: "1 MB" }])
      expect(validator.validate({ ...body, collections: [bad] }).valid, JSON.stringify(bad)).toBe(false);
  });
});

describe("the sitemap", () => {
  it("lists every page of /collections, dated by the newest article", async () => {
    const xml = await (await get("/sitemap.xml")).text();
    const newest = catalog.articles.flatMap((a) => [a.published, a.updated]).sort().at(-1)!;
    const pages = Math.ceil(books.length / 2);
    for (let n = 1; n <= pages; n++) {
      const path = n === 1 ? "/collections" : `/collections/page/${n}`;
      expect(xml, path).toContain(`<url><loc>${BASE}${path}</loc><lastmod>${newest}</lastmod></url>`);
    }
    expect(xml).not.toContain(`${BASE}/collections/page/${pages + 1}<`);
  });
});

describe("a tag's page", () => {
  it("links the tag as one EPUB, with its size", async () => {
    const html = await (await get("/tags/test-fixture")).text();
    const book = books.find((b) => b.path === "/collections/tags/test-fixture.epub")!;
    expect(html).toContain(`This tag as one EPUB: <a href="/collections/tags/test-fixture.epub" type="application/epub+zip" download>test fixture — articles tagged test fixture, 2026</a> (3 articles · EPUB, ${Math.round(book.bytes! / 1000)} KB)`);
    // Later pages link it too.
    expect(await (await get("/tags/test-fixture/page/2")).text()).toContain(`href="/collections/tags/test-fixture.epub"`);
  });

  it("links /collections, on every tag's every page", async () => {
    for (const tag of catalog.tags!) {
      const pages = Math.ceil(tag.articles.length / 2);
      for (let n = 1; n <= pages; n++) {
        const path = n === 1 ? `/tags/${encodeURIComponent(tag.slug)}` : `/tags/${encodeURIComponent(tag.slug)}/page/${n}`;
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(await res.text(), path).toContain(`<a href="/collections">every book</a>`);
      }
    }
  });
});

describe("the collections' routes keep the HTTP rules", () => {
  it("HEAD, 304, 405 with Allow, OPTIONS, CORS on data and feeds but not on pages", async () => {
    const routes: [string, boolean][] = [
      ["/collections", false],
      ["/collections/page/2", false],
      ["/collections.json", true],
      ["/collections/page/2.json", true],
      ["/opds/collections.xml", true],
      ["/opds/collections/page/2.xml", true],
      ["/schema/collections.json", true],
    ];
    for (const [path, cors] of routes) await expectListHttpRules(path, cors);
    for (const path of ["/collections/page/1", "/collections/page/99", "/opds/collections/page/99.xml"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});
