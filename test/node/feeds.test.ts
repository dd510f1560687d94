/**
 * The feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1, OPDS 1.2) over a hand-made corpus with fixed dates
 * and hostile text, then RSS over the real seed. Snapshots pin the whole output; the assertions
 * say what must hold whatever the snapshot.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/build/content-files.ts";
import type { Annotation, Article, Corpus, Mark, NoteSpan, TextRun } from "../../src/model/document.ts";
import { renderAtom } from "../../src/render/feeds/atom.ts";
import { renderAttribution, renderFeedContent, summaryText } from "../../src/render/feeds/content.ts";
import { rfc3339, rfc822 } from "../../src/render/feeds/dates.ts";
import { humanDate as partialDateInWords } from "../../src/render/dates.ts";
import { renderJsonFeed, type JsonFeed } from "../../src/render/feeds/json-feed.ts";
import { opdsAcquisitionType, renderOpds } from "../../src/render/feeds/opds.ts";
import { renderRss } from "../../src/render/feeds/rss.ts";

const base = "https://folio.test";

/** Everything that breaks naive XML and HTML: markup, CDATA end, a pre-escaped entity, a control character, emoji, right-to-left text. */
const hostile = `Tom & Jerry <script>alert("x")</script> ]]> &amp; \u0001bell 🦊 שלום עולם 'q'`;
/** What any output can say of it: XML 1.0 cannot hold U+0001, so it is dropped everywhere. */
const hostileOut = hostile.replace("\u0001", "");

function run(text: string, notes: NoteSpan[] = [], marks: Mark[] = [], offset = 0): TextRun {
  return { text, offset, marks, notes };
}

function note(number: number, id: string, over: Partial<Annotation> = {}): Annotation {
  return {
    id,
    number,
    kind: "context",
    anchor: { exact: "x" },
    position: { start: 0, end: 1 },
    markdown: "A note.",
    body: [run("A note.")],
    sources: [{ title: "A source", url: "https://example.org/source" }],
    ...over,
  };
}

function article(over: Partial<Article> & Pick<Article, "slug" | "published" | "updated">): Article {
  return {
    title: `Title of ${over.slug}`,
    dek: `Dek of ${over.slug}.`,
    language: "en",
    source: { publisher: "Example Press", url: `https://example.org/${over.slug}`, date: "2025" },
    tags: [],
    blocks: [{ type: "paragraph", content: run(`Body of ${over.slug}.`) }],
    annotations: [],
    wordCount: 3,
    ...over,
    noteCount: over.annotations?.length ?? 0,
  };
}

const bodyText = `Plain ${hostile} with a note here inside a link, and a link.`;
const at = (s: string) => bodyText.indexOf(s);

/** The newest article: hostile text everywhere it can go, every block type, two notes. */
const hostileArticle = article({
  slug: "hostile",
  published: "2026-11-28T00:00:00.000Z",
  updated: "2026-12-01T10:30:00.000Z",
  title: hostile,
  dek: hostile,
  tags: [hostile, "news"],
  source: { publisher: hostile, url: "https://example.org/a?x=1&y=<2>", date: "2025-02-24" },
  blocks: [
    {
      type: "paragraph",
      content: run(
        bodyText,
        [{ id: "first", number: 1, start: at("a note here"), end: at("a note here") + "a note here".length }],
        [
          { type: "em", start: 0, end: 5 },
          // The note's phrase lies inside this link: its reference must follow the link, not nest in it.
          { type: "link", start: at("with a note here"), end: at(", and"), href: "https://example.org/about?a=1&b=2" },
          { type: "link", start: bodyText.lastIndexOf("a link"), end: bodyText.lastIndexOf("."), href: "mailto:ed@example.org" },
        ],
      ),
    },
    { type: "heading", level: 3, content: run("A heading", [{ id: "second", number: 2, start: 2, end: 9 }]) },
    { type: "quote", paragraphs: [run("Quoted one."), run("Quoted <two>.\nA hard line break before this.")] },
    { type: "list", ordered: true, start: 3, items: [run("First & only")] },
    { type: "list", ordered: false, items: [run("Bullet")] },
  ],
  annotations: [
    note(2, "second", { kind: "term", body: [run(`Term: ${hostile}`)], sources: [{ title: hostile, url: "https://example.org/?q=<a>&r=\"b\"" }] }),
    note(1, "first", {
      kind: "translation",
      body: [run("First paragraph of the note.", [], [{ type: "link", start: 0, end: 5, href: "https://example.org/x?y=1&z=2" }]), run("Second paragraph.")],
      original: { lang: "he", text: "שלום & <עולם>" },
      sources: [
        { title: "Source one", url: "https://example.org/1" },
        { title: "Source two", url: "https://example.org/2" },
      ],
    }),
  ],
});

/** In the middle: a known author, a right-to-left language, a date known to the month. */
const authoredArticle = article({
  slug: "authored",
  published: "2026-10-01T09:00:00.000Z",
  updated: "2026-10-02T00:00:00.000Z",
  title: "مرحبا بالعالم",
  language: "ar",
  author: "Jane Doe",
  source: { publisher: "Example Press", url: "https://example.org/authored", date: "2025-02" },
  tags: ["world"],
});

/** The oldest, left out of RSS/Atom/JSON by feedItems = 2 but listed in OPDS; updated after the others. */
const oldArticle = article({ slug: "old", published: "2026-09-01T00:00:00.000Z", updated: "2027-01-01T00:00:00.000Z" });

/** Deliberately out of order: the renderers must sort. */
const corpus: Corpus = {
  site: {
    title: `Folio ${hostile}`,
    description: `About ${hostile}`,
    url: base,
    language: "en",
    publisher: { name: "Folio Publishing", url: "https://folio.test/about" },
    feedItems: 2,
    rights: "Rights reserved & shared.",
  },
  articles: [oldArticle, hostileArticle, authoredArticle],
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true, // decodes the numeric reference &#39; as well as the XML entities
  // Repeatable elements are always lists; RSS's <link> is text, Atom's a repeatable element.
  isArray: (name, jpath) => ["item", "entry", "category", "author"].includes(name) || (name === "link" && /(^|\.)(feed|entry)\.link$/.test(String(jpath))),
});

/** trimValues is off so text round-trips exactly; drop the indentation it keeps between elements. */
function withoutIndentation(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIndentation);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Node);
  const elementOnly = entries.some(([k]) => k !== "#text" && !k.startsWith("@_"));
  return Object.fromEntries(entries.filter(([k, v]) => !(k === "#text" && elementOnly && typeof v === "string" && v.trim() === "")).map(([k, v]) => [k, withoutIndentation(v)]));
}

type Node = Record<string, unknown>;
function parseXml(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return withoutIndentation(parser.parse(xml)) as Node;
}

/** The text of an element that may carry attributes. */
const textOf = (n: unknown): string => (typeof n === "string" ? n : String((n as Node)["#text"] ?? ""));

const rfc822Pattern = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;
const rfc3339Pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every href and src in an HTML fragment must be absolute (http(s) or mailto:). */
function expectAbsoluteLinks(html: string) {
  expect(html).not.toMatch(/(href|src)="\//);
  const urls = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) expect(url).toMatch(/^(https?:\/\/|mailto:)/);
}

/** The feed content is well-formed XHTML too, and carries the hostile text only as text. */
function expectSafeContent(html: string) {
  expect(XMLValidator.validate(`<div>${html}</div>`)).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toContain("\u0001");
  expect(html).not.toMatch(/javascript:/i);
  expectAbsoluteLinks(html);
}

const url = (slug: string) => `${base}/articles/${slug}`;

describe("dates", () => {
  it("writes RFC 822 with a four-digit year and a numeric zone, in UTC", () => {
    expect(rfc822("2026-11-28T00:00:00.000Z")).toBe("Sat, 28 Nov 2026 00:00:00 +0000");
    expect(rfc822("2026-03-01T01:30:05+02:00")).toBe("Sat, 28 Feb 2026 23:30:05 +0000");
    expect(rfc822("2024-02-29T23:59:59.000Z")).toBe("Thu, 29 Feb 2024 23:59:59 +0000");
  });
  it("writes RFC 3339 in UTC, keeping milliseconds only when there are some", () => {
    expect(rfc3339("2026-11-28T00:00:00.000Z")).toBe("2026-11-28T00:00:00Z");
    expect(rfc3339("2026-11-28T00:00:00.250Z")).toBe("2026-11-28T00:00:00.250Z");
    expect(rfc3339("2026-03-01T01:30:00+02:00")).toBe("2026-02-28T23:30:00Z");
  });
  it("says a partial date no more precisely than it is known", () => {
    expect(partialDateInWords("2025")).toBe("2025");
    expect(partialDateInWords("2025-02")).toBe("February 2025");
    expect(partialDateInWords("2025-02-04")).toBe("4 February 2025");
  });
  it("refuses a date that is not one", () => {
    expect(() => rfc822("yesterday")).toThrow(RangeError);
  });
});

describe("feed content", () => {
  const html = renderFeedContent(corpus.site, hostileArticle);

  it("is safe, well-formed and links only absolutely", () => {
    expectSafeContent(html);
  });

  it("puts a note's reference after the link its phrase lies in, never inside it", () => {
    expect(html).toContain(`<a href="https://example.org/about?a=1&amp;b=2">with <span>a note here</span> inside a link</a><sup><a href="${url("hostile")}#note-1">1</a></sup>, and <a href="mailto:ed@example.org">a link</a>.`);
    expect(html).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /s);
  });

  it("keeps an ordered list's start and a hard line break", () => {
    expect(html).toContain(`<ol start="3"><li>First &amp; only</li></ol>`);
    expect(html).toContain(`<p>Quoted &lt;two&gt;.<br/>\nA hard line break before this.</p>`);
  });

  it("has the dek, the attribution, every block, note references and endnotes in number order", () => {
    expect(html).toContain("<p><em>Tom &amp; Jerry &lt;script&gt;");
    expect(html).toContain(`<time datetime="2025-02-24">24 February 2025</time>`);
    expect(html).toContain(`<a href="https://example.org/a?x=1&amp;y=&lt;2&gt;">`);
    expect(html).toMatch(/<h3>.*<\/h3>/);
    expect(html).toContain("<blockquote><p>Quoted one.</p><p>Quoted &lt;two&gt;.");
    expect(html).toContain("<ul><li>Bullet</li></ul>");
    expect(html).toContain(`<sup><a href="${url("hostile")}#note-1">1</a></sup>`);
    expect(html).toContain(`<sup><a href="${url("hostile")}#note-2">2</a></sup>`);
    expect(html.indexOf(`<li value="1">`)).toBeLessThan(html.indexOf(`<li value="2">`));
    expect(html).toContain("<strong>Translation:</strong> <a href=\"https://example.org/x?y=1&amp;z=2\">First</a>");
    expect(html).toContain(`<blockquote lang="he" dir="rtl"><p>שלום &amp; &lt;עולם&gt;</p></blockquote>`);
    expect(html).toContain(`<a href="${url("hostile")}#noteref-1">`);
    expect(html).toContain("Sources: <a href=\"https://example.org/1\">Source one</a>; <a href=\"https://example.org/2\">Source two</a></p>");
  });

  it("names the author only when known", () => {
    expect(renderAttribution(corpus.site, authoredArticle)).toMatch(/^<p>By Jane Doe\. Originally published by Example Press in <time datetime="2025-02">February 2025<\/time>/);
    expect(renderAttribution(corpus.site, oldArticle)).toMatch(/^<p>Originally published by Example Press in <time datetime="2025">2025<\/time>/);
  });

  it("summarizes with the dek, or the opening cut at a word", () => {
    expect(summaryText(hostileArticle)).toBe(hostileOut);
    const long = article({ slug: "long", published: "2026-01-01T00:00:00.000Z", updated: "2026-01-01T00:00:00.000Z", dek: "", blocks: [{ type: "paragraph", content: run("word ".repeat(100)) }] });
    expect(summaryText(long, 20)).toBe("word word word word…");
  });
});

describe("RSS 2.0", () => {
  const xml = renderRss(corpus);
  const channel = (parseXml(xml)["rss"] as Node)["channel"] as Node;
  const items = channel["item"] as Node[];

  it("matches the snapshot", () => {
    expect(xml).toMatchSnapshot();
  });

  it("lists the newest feedItems items, newest first", () => {
    expect(items.map((i) => i["link"])).toEqual([url("hostile"), url("authored")]);
    const dates = items.map((i) => Date.parse(i["pubDate"] as string));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("has a permanent guid: the canonical URL, whatever else changes", () => {
    for (const i of items) expect(i["guid"]).toEqual({ "#text": i["link"], "@_isPermaLink": "true" });
    const edited: Corpus = { ...corpus, articles: corpus.articles.map((a) => ({ ...a, title: "Edited", updated: "2026-12-24T00:00:00.000Z", blocks: [] })) };
    const again = ((parseXml(renderRss(edited))["rss"] as Node)["channel"] as Node)["item"] as Node[];
    expect(again.map((i) => i["guid"])).toEqual(items.map((i) => i["guid"]));
  });

  it("writes RFC 822 dates with a numeric zone, and lastBuildDate from the items' content", () => {
    for (const i of items) expect(i["pubDate"]).toMatch(rfc822Pattern);
    expect(channel["lastBuildDate"]).toBe("Tue, 01 Dec 2026 10:30:00 +0000");
    expect(xml).not.toMatch(/GMT|UT\b/);
  });

  it("has the channel metadata and the self link", () => {
    expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>`)).toBe(true);
    expect(channel["language"]).toBe("en");
    expect(channel["link"]).toBe(`${base}/`);
    expect(channel["atom:link"]).toEqual({ "@_href": `${base}/feed.xml`, "@_rel": "self", "@_type": "application/rss+xml" });
    expect(channel["generator"]).toBe("Folio");
  });

  it("round-trips hostile text and carries full, safe content", () => {
    expect(channel["title"]).toBe(`Folio ${hostileOut}`);
    const first = items[0]!;
    expect(first["title"]).toBe(hostileOut);
    expect(first["description"]).toBe(hostileOut);
    expect(first["category"]).toEqual([hostileOut, "news"]);
    const content = first["content:encoded"] as string;
    expect(content).toBe(renderFeedContent(corpus.site, hostileArticle));
    expectSafeContent(content);
    expect(xml).not.toContain("<![CDATA[");
  });

  it("names an author only when known", () => {
    expect(items[0]!["dc:creator"]).toBeUndefined();
    expect(items[1]!["dc:creator"]).toBe("Jane Doe");
  });
});

describe("Atom 1.0", () => {
  const xml = renderAtom(corpus);
  const feed = parseXml(xml)["feed"] as Node;
  const entries = feed["entry"] as Node[];

  it("matches the snapshot", () => {
    expect(xml).toMatchSnapshot();
  });

  it("has the feed metadata", () => {
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed["id"]).toBe(`${base}/atom.xml`);
    expect(textOf(feed["title"])).toBe(`Folio ${hostileOut}`);
    expect(textOf(feed["subtitle"])).toBe(`About ${hostileOut}`);
    expect(feed["updated"]).toBe("2026-12-01T10:30:00Z");
    expect(feed["link"]).toEqual([
      { "@_rel": "self", "@_type": "application/atom+xml", "@_href": `${base}/atom.xml` },
      { "@_rel": "alternate", "@_type": "text/html", "@_href": `${base}/` },
    ]);
    expect(feed["author"]).toEqual([{ name: "Folio Publishing", uri: "https://folio.test/about" }]);
  });

  it("lists the same items, newest first, with stable ids and RFC 3339 dates", () => {
    expect(entries.map((e) => e["id"])).toEqual([url("hostile"), url("authored")]);
    for (const e of entries) {
      expect(e["published"]).toMatch(rfc3339Pattern);
      expect(e["updated"]).toMatch(rfc3339Pattern);
    }
  });

  it("links the page and the EPUB, and marks the language where it differs", () => {
    expect(entries[1]!["link"]).toEqual([
      { "@_rel": "alternate", "@_type": "text/html", "@_href": url("authored") },
      { "@_rel": "enclosure", "@_type": "application/epub+zip", "@_href": `${url("authored")}.epub`, "@_title": "مرحبا بالعالم (EPUB)" },
    ]);
    expect(entries[0]!["@_xml:lang"]).toBeUndefined();
    expect(entries[1]!["@_xml:lang"]).toBe("ar");
  });

  it("names the author when known and otherwise leaves the feed's publisher to stand", () => {
    expect(entries[0]!["author"]).toBeUndefined();
    expect(entries[1]!["author"]).toEqual([{ name: "Jane Doe" }]);
  });

  it("round-trips hostile text and carries full, safe content", () => {
    const first = entries[0]!;
    expect(textOf(first["title"])).toBe(hostileOut);
    expect(textOf(first["summary"])).toBe(hostileOut);
    expect(first["category"]).toEqual([{ "@_term": hostileOut }, { "@_term": "news" }]);
    expect((first["content"] as Node)["@_type"]).toBe("html");
    const content = textOf(first["content"]);
    expect(content).toBe(renderFeedContent(corpus.site, hostileArticle));
    expectSafeContent(content);
  });
});

describe("JSON Feed 1.1", () => {
  const text = renderJsonFeed(corpus);
  const feed = JSON.parse(text) as JsonFeed;

  it("matches the snapshot", () => {
    expect(text).toMatchSnapshot();
  });

  it("has the required and recommended top-level fields", () => {
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title).toBe(`Folio ${hostileOut}`);
    expect(feed.home_page_url).toBe(`${base}/`);
    expect(feed.feed_url).toBe(`${base}/feed.json`);
    expect(feed.language).toBe("en");
    expect(feed.authors).toEqual([{ name: "Folio Publishing", url: "https://folio.test/about" }]);
  });

  it("lists the same items, newest first, each with an id and content", () => {
    expect(feed.items.map((i) => i.id)).toEqual([url("hostile"), url("authored")]);
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(item.content_html.length).toBeGreaterThan(0);
      expect(item.date_published).toMatch(rfc3339Pattern);
      expect(item.attachments).toEqual([{ url: `${item.url}.epub`, mime_type: "application/epub+zip", title: `${item.title} (EPUB)` }]);
      expectSafeContent(item.content_html);
    }
  });

  it("gives item authors only when known", () => {
    expect(feed.items[0]!.authors).toBeUndefined();
    expect(feed.items[1]!.authors).toEqual([{ name: "Jane Doe" }]);
    expect(feed.items[1]!.language).toBe("ar");
  });

  it("says the same hostile text as the XML feeds", () => {
    expect(feed.items[0]!.title).toBe(hostileOut);
    expect(feed.items[0]!.summary).toBe(hostileOut);
    expect(feed.items[0]!.tags).toEqual([hostileOut, "news"]);
  });
});

describe("OPDS 1.2", () => {
  const xml = renderOpds(corpus);
  const feed = parseXml(xml)["feed"] as Node;
  const entries = feed["entry"] as Node[];
  const links = (e: Node) => e["link"] as Node[];
  const rel = (e: Node, r: string) => links(e).find((l) => l["@_rel"] === r);

  it("matches the snapshot", () => {
    expect(xml).toMatchSnapshot();
  });

  it("is an acquisition feed: namespaces, self and start links", () => {
    expect(feed["@_xmlns:opds"]).toBe("http://opds-spec.org/2010/catalog");
    expect(feed["@_xmlns:dc"]).toBe("http://purl.org/dc/elements/1.1/");
    expect(feed["@_xmlns:dcterms"]).toBe("http://purl.org/dc/terms/");
    expect(opdsAcquisitionType).toBe("application/atom+xml;profile=opds-catalog;kind=acquisition");
    expect(rel(feed, "self")).toEqual({ "@_rel": "self", "@_type": opdsAcquisitionType, "@_href": `${base}/opds.xml` });
    expect(rel(feed, "start")?.["@_type"]).toBe(opdsAcquisitionType);
    expect(rel(feed, "alternate")?.["@_href"]).toBe(`${base}/`);
    // Every article's updated counts here, the old one's too.
    expect(feed["updated"]).toBe("2027-01-01T00:00:00Z");
  });

  it("lists every article, newest first, ignoring feedItems", () => {
    expect(entries.map((e) => e["id"])).toEqual([url("hostile"), url("authored"), url("old")]);
  });

  it("links each EPUB for acquisition, the cover, the thumbnail and the page", () => {
    for (const e of entries) {
      const slug = (e["id"] as string).split("/").pop()!;
      expect(rel(e, "http://opds-spec.org/acquisition")).toEqual({ "@_rel": "http://opds-spec.org/acquisition", "@_type": "application/epub+zip", "@_href": `${base}/articles/${slug}.epub` });
      expect(rel(e, "http://opds-spec.org/image")?.["@_href"]).toBe(`${base}/articles/${slug}/cover.png`);
      expect(rel(e, "http://opds-spec.org/image/thumbnail")?.["@_type"]).toBe("image/png");
      expect(rel(e, "alternate")).toEqual({ "@_rel": "alternate", "@_type": "text/html", "@_href": url(slug) });
      expect(e["dc:publisher"]).toBe("Folio Publishing");
      expect(e["dcterms:issued"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("names the author when known, otherwise the publisher", () => {
    expect(entries.map((e) => ((e["author"] as Node[])[0] as Node)["name"])).toEqual(["Folio Publishing", "Jane Doe", "Folio Publishing"]);
    expect(entries[1]!["dc:language"]).toBe("ar");
  });

  it("round-trips hostile text", () => {
    expect(textOf(entries[0]!["title"])).toBe(hostileOut);
    expect(textOf(entries[0]!["summary"])).toBe(hostileOut);
    expectSafeContent(textOf(entries[0]!["content"]));
  });
});

describe("the seed", () => {
  const seed = loadCorpus({ contentDir: "content" });
  const slug = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";

  it("has its 14 notes as endnotes in the RSS, each cited in the text and linked back", () => {
    const xml = renderRss(seed);
    const items = ((parseXml(xml)["rss"] as Node)["channel"] as Node)["item"] as Node[];
    const item = items.find((i) => i["guid"] && textOf(i["guid"]) === `https://folio.example.com/articles/${slug}`);
    expect(item).toBeDefined();
    const content = item!["content:encoded"] as string;
    expectSafeContent(content);
    const endnotes = content.slice(content.indexOf("<h2>Notes</h2>"));
    expect(endnotes.match(/<li value="\d+">/g)).toHaveLength(14);
    for (let n = 1; n <= 14; n++) {
      expect(content).toContain(`<sup><a href="https://folio.example.com/articles/${slug}#note-${n}">${n}</a></sup>`);
      expect(endnotes).toContain(`<li value="${n}">`);
      expect(endnotes).toContain(`href="https://folio.example.com/articles/${slug}#noteref-${n}"`);
    }
    expect(endnotes).toContain(`lang="zh"`);
    expect(content).toContain("https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/");
    expect(content).toContain(`<time datetime="2025-02">February 2025</time>`);
  });
});
