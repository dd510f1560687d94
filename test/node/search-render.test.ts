/** The search page, its JSON, and the OpenSearch description, over real search results. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { markedHtml, renderSearchPage } from "../../src/render/html/search-page.ts";
import { thousands } from "../../src/render/numbers.ts";
import { renderSearchJson } from "../../src/render/json/search.ts";
import { renderOpenSearch } from "../../src/render/opensearch.ts";
import { buildSearchIndex } from "../../src/search/index-build.ts";
import { parseQuery, search } from "../../src/search/query.ts";
import { openSearchIndex } from "../../src/search/store.ts";
import { article, memoryFiles, site } from "./search-articles.ts";

const hostile = `Tom & Jerry <script>alert("x")</script> "quoted" 'single'`;
const articles = [
  ...Array.from({ length: 12 }, (_, i) => article(`harbour-${i + 1}`, { title: `Harbour report ${i + 1}`, published: `2026-01-${String(20 - i).padStart(2, "0")}T00:00:00.000Z`, paragraphs: [`The harbour was busy on day ${i + 1}.`] })),
  article("hostile", { title: `${hostile} harbour`, dek: hostile, paragraphs: [`${hostile} near the harbour.`], published: "2025-01-01T00:00:00.000Z" }),
];
const built = buildSearchIndex(articles);
const index = openSearchIndex(built.manifest, memoryFiles(built));
const results = (q: string, page = 1) => search(index, parseQuery(q), page);

describe("thousands", () => {
  it("writes counts as toLocaleString(\"en\") does", () => {
    for (const n of [0, 1, 12, 999, 1000, 9837, 10000, 123456, 1234567, 2 ** 31, Number.MAX_SAFE_INTEGER]) expect(thousands(n)).toBe(n.toLocaleString("en"));
  });
});

describe("markedHtml", () => {
  it("wraps marks in <mark> and escapes everything", () => {
    expect(markedHtml({ text: "a <b> & harbour", marks: [{ start: 8, end: 15 }] })).toBe("a &lt;b&gt; &amp; <mark>harbour</mark>");
  });

  it("skips marks out of order, overlapping, empty or out of range", () => {
    const text = "one two three";
    expect(markedHtml({ text, marks: [{ start: 4, end: 7 }, { start: 0, end: 3 }, { start: 5, end: 9 }, { start: 8, end: 8 }, { start: 8, end: 99 }] })).toBe("one <mark>two</mark> three");
  });
});

describe("renderSearchPage", () => {
  it("has a GET form with a search input named q, showing the query back escaped", async () => {
    const html = renderSearchPage(site, await results(hostile));
    expect(html).toContain(`<form role="search" aria-label="Search" method="get" action="/search">`);
    expect(html).toMatch(/<input type="search" id="q" name="q" value="Tom &amp; Jerry &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &quot;quoted&quot; &#39;single&#39;"/);
    expect(html).toContain(`<label for="q">`);
    expect(html).not.toContain("<script>");
  });

  it("lists ranked results with matched words in <mark>, and links pages with rel prev/next in the head and the body", async () => {
    const page1 = renderSearchPage(site, await results("harbour"));
    expect(page1).toContain(`<a href="/articles/harbour-1"><mark>Harbour</mark> report 1</a>`);
    expect(page1).toContain(`<link rel="next" href="/search?q=harbour&amp;page=2">`);
    expect(page1).toContain(`<a rel="next" href="/search?q=harbour&amp;page=2">`);
    expect(page1).not.toContain(`rel="prev"`);
    expect(page1).toContain("13 articles match “<bdi>harbour</bdi>”; results 1–10, page 1 of 2.");
    const page2 = renderSearchPage(site, await results("harbour", 2));
    expect(page2).toContain(`<link rel="prev" href="/search?q=harbour">`);
    expect(page2).toContain(`<ol class="list" start="11">`);
    expect(page2).not.toContain(`rel="next"`);
  });

  it("keeps hostile article text escaped inside the marks", async () => {
    const html = renderSearchPage(site, await results("jerry"));
    expect(html).toContain("Tom &amp; <mark>Jerry</mark> &lt;script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("says what to do for an empty query, and what happened for no match and a page past the end", async () => {
    expect(renderSearchPage(site, await results(""))).toContain("Type one or more words");
    expect(renderSearchPage(site, await results("zzzz"))).toContain("No article matches “<bdi>zzzz</bdi>”.");
    const past = renderSearchPage(site, await results("harbour", 7));
    expect(past).toContain("page 7 is past the last one (2)");
    expect(past).toContain(`<link rel="prev" href="/search?q=harbour&amp;page=2">`);
  });

  it("is not indexed by crawlers, and links the OpenSearch description", async () => {
    const html = renderSearchPage(site, await results("harbour"));
    expect(html).toContain(`<meta name="robots" content="noindex">`);
    expect(html).toContain(`<link rel="search" type="application/opensearchdescription+xml" href="https://folio.test/opensearch.xml" title="Search Folio Test Site">`);
    expect(html).toContain(`<link rel="canonical" href="https://folio.test/search?q=harbour">`);
  });

  it("percent-encodes the query in links", async () => {
    const html = renderSearchPage(site, await results("harbour & report", 1));
    expect(html).toContain(`href="/search?q=harbour%20%26%20report&amp;page=2"`);
  });
});

describe("renderSearchJson", () => {
  it("gives the same results as data, marks as [start, end] offsets, and absolute prev/next URLs", async () => {
    const json = JSON.parse(renderSearchJson(site, await results("harbour", 2)));
    expect(json).toMatchObject({ query: "harbour", page: 2, pageSize: 10, total: 13, pages: 2, url: "https://folio.test/search.json?q=harbour&page=2", prev: "https://folio.test/search.json?q=harbour" });
    expect(json.next).toBeUndefined();
    expect(json.results).toHaveLength(3);
    const r = json.results[0];
    expect(r).toMatchObject({ url: `https://folio.test/articles/${r.slug}`, json: `https://folio.test/articles/${r.slug}.json`, language: "en" });
    const [start, end] = r.title.marks[0];
    expect(r.title.text.slice(start, end)).toBe("Harbour");
    expect(typeof r.score).toBe("number");
  });

  it("carries hostile text as plain strings", async () => {
    const json = JSON.parse(renderSearchJson(site, await results("jerry")));
    expect(json.results[0].dek.text).toBe(hostile);
  });
});

describe("renderOpenSearch", () => {
  const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml).OpenSearchDescription;

  it("is a well-formed OpenSearch 1.1 description with templates for HTML and JSON", () => {
    const xml = renderOpenSearch(site);
    expect(XMLValidator.validate(xml)).toBe(true);
    const d = parse(xml);
    expect(d.xmlns).toBe("http://a9.com/-/spec/opensearch/1.1/");
    expect(d.ShortName).toBe("Folio Test Site");
    expect(d.InputEncoding).toBe("UTF-8");
    expect(d.Image["#text"]).toBe("https://folio.test/favicon.svg");
    expect(d.Url.map((u: { type: string; template: string; rel?: string }) => [u.type, u.template, u.rel])).toEqual([
      ["text/html", "https://folio.test/search?q={searchTerms}&page={startPage?}", undefined],
      ["application/json", "https://folio.test/search.json?q={searchTerms}&page={startPage?}", undefined],
      ["application/opensearchdescription+xml", "https://folio.test/opensearch.xml", "self"],
    ]);
  });

  it("adds an OPDS template when the worker serves OPDS search results", () => {
    const d = parse(renderOpenSearch(site, { opdsSearchPath: "/opds/search.xml" }));
    expect(d.Url.some((u: { type: string }) => u.type === "application/atom+xml;profile=opds-catalog;kind=acquisition")).toBe(true);
  });

  it("keeps ShortName to 16 characters and escapes the site's words", () => {
    const d = parse(renderOpenSearch({ ...site, title: `A <very> long & "quoted" site title`, description: "x".repeat(2000) }));
    expect(Array.from(d.ShortName as string).length).toBeLessThanOrEqual(16);
    expect(d.ShortName).toBe("A <very> long &");
    expect((d.Description as string).length).toBeLessThanOrEqual(1024);
  });
});
