/**
 * The conformance checks (scripts/conformance/) can fail: each is fed a good output, which must
 * give no problem, and a deliberately broken one, whose problem must say what is wrong.
 * Runs the real tools: Debian's python3-feedparser and EPUBCheck.
 */
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { axeProblems, directionProblems, keyboardProblems, pageLogProblems, readingProblems, type KeyboardWalk } from "../../scripts/conformance/browser.ts";
import { formatResult, runCheck, summaryLine } from "../../scripts/conformance/check.ts";
import { constantWorkerSource } from "../../scripts/conformance/constant-worker.ts";
import { contentTypeProblems, routeHeaderProblems } from "../../scripts/conformance/content-types.ts";
import { epubcheckProblems } from "../../scripts/conformance/epubcheck.ts";
import { feedItemProblems, readFeedItems } from "../../scripts/conformance/feed-items.ts";
import { npmFeedParserProblems } from "../../scripts/conformance/feed-parser-npm.ts";
import { hostileDomProblems, fixtureIngredientProblems, type DomSnapshot } from "../../scripts/conformance/hostile-content.ts";
import { jsonFeedProblems } from "../../scripts/conformance/json-feed.ts";
import type { ArticleJson, Live } from "../../scripts/conformance/live.ts";
import { memoryProblems, parseWrk, warmedUp, wrkProblems, luaScript, loadMix } from "../../scripts/conformance/load.ts";
import { rawCaseProblems, rawCases } from "../../scripts/conformance/odd-methods.ts";
import { acquisitionResponseProblems, collectionListProblems, missingAcquisitionProblems, readOpds, subsection } from "../../scripts/conformance/opds.ts";
import { matchRun, readerViewProblems } from "../../scripts/conformance/reader-view.ts";
import { searchPageProblems, type SearchDom } from "../../scripts/conformance/search.ts";
import { relativeUrlProblems } from "../../scripts/conformance/text.ts";
import { anchoringProblems } from "../../scripts/conformance/w3c-anchoring.ts";
import { xmlFeedProblems } from "../../scripts/conformance/xml-feeds.ts";
import { wellFormedProblems } from "../../scripts/conformance/xml-well-formed.ts";

// ---- a small, valid set of outputs for one article ----

const URL_A = "https://example.org/articles/a";
const article = {
  slug: "a",
  url: URL_A,
  title: "A & B",
  dek: "The dek.",
  blocks: [
    { type: "paragraph", content: { text: "Hello & world.", offset: 0, marks: [], notes: [{ id: "n", number: 1, start: 0, end: 5 }] } },
    { type: "list", ordered: false, items: [{ text: "An item.", offset: 16, marks: [], notes: [] }] },
  ],
  annotations: [{ id: "n", number: 1, kind: "context", body: [{ text: "A note's text.", offset: 0, marks: [], notes: [] }] }],
} as unknown as ArticleJson;
const articles = new Map([["a", article]]);

const content = (extra = "") => `<p>Hello<sup><a href="${URL_A}#note-1">1</a></sup> &amp; world.${extra}</p><ul><li>An item.</li></ul>`;
const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const rss = (o: { title?: string; link?: string; content?: string } = {}) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Site</title><link>https://example.org/</link><description>A site.</description>
<atom:link href="https://example.org/feed.xml" rel="self" type="application/rss+xml"/>
<item><title>${o.title ?? "A &amp; B"}</title><link>${o.link ?? URL_A}</link><guid isPermaLink="true">${URL_A}</guid>
<pubDate>Sat, 28 Nov 2026 00:00:00 GMT</pubDate><description>The dek.</description>
<content:encoded>${xmlEscape(o.content ?? content())}</content:encoded></item>
</channel></rss>
`;

const atom = (o: { id?: string; content?: string } = {}) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://example.org/atom.xml</id><title>Site</title>
<updated>2026-11-28T00:00:00Z</updated><author><name>Site</name></author>
<link rel="self" type="application/atom+xml" href="https://example.org/atom.xml"/>
<entry><title type="text">A &amp; B</title><id>${o.id ?? URL_A}</id><link rel="alternate" type="text/html" href="${URL_A}"/>
<published>2026-11-28T00:00:00Z</published><updated>2026-11-28T00:00:00Z</updated>
<content type="html">${xmlEscape(o.content ?? content())}</content></entry>
</feed>
`;

const jsonFeed = (drop: string[] = []) => {
  const feed: Record<string, unknown> = {
    version: "https://jsonfeed.org/version/1.1",
    title: "Site",
    home_page_url: "https://example.org/",
    feed_url: "https://example.org/feed.json",
    items: [{ id: URL_A, url: URL_A, title: "A & B", content_html: content(), date_published: "2026-11-28T00:00:00Z", attachments: [{ url: `${URL_A}.epub`, mime_type: "application/epub+zip" }] }],
  };
  for (const key of drop) delete feed[key];
  return JSON.stringify(feed);
};

const opds = (link = `<link rel="http://opds-spec.org/acquisition" type="application/epub+zip" href="${URL_A}.epub"/>`) => `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://example.org/opds.xml</id><title>Site</title><updated>2026-11-28T00:00:00Z</updated>
<entry><title type="text">A &amp; B</title><id>${URL_A}</id><updated>2026-11-28T00:00:00Z</updated>${link}</entry></feed>`;

describe("routes: Content-Type", () => {
  it("accepts the type the URL contract names, with a charset and any spacing", () => {
    expect(contentTypeProblems("GET /feed.xml", "application/rss+xml; charset=utf-8", "application/rss+xml")).toEqual([]);
    expect(contentTypeProblems("GET /opds.xml", "application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8", "application/atom+xml;profile=opds-catalog;kind=acquisition")).toEqual([]);
  });

  it("names a wrong content type", () => {
    expect(contentTypeProblems("GET /feed.xml", "text/xml; charset=utf-8", "application/rss+xml")).toEqual(['GET /feed.xml: Content-Type is "text/xml; charset=utf-8", expected application/rss+xml']);
    expect(contentTypeProblems("GET /feed.json", null, "application/feed+json")).toEqual(["GET /feed.json: no Content-Type header (expected application/feed+json)"]);
  });

  it("names a missing parameter and a wrong charset", () => {
    expect(contentTypeProblems("GET /opds.xml", "application/atom+xml", "application/atom+xml;profile=opds-catalog;kind=acquisition")).toEqual([
      'GET /opds.xml: Content-Type "application/atom+xml" lacks profile=opds-catalog (expected application/atom+xml;profile=opds-catalog;kind=acquisition)',
      'GET /opds.xml: Content-Type "application/atom+xml" lacks kind=acquisition (expected application/atom+xml;profile=opds-catalog;kind=acquisition)',
    ]);
    expect(contentTypeProblems("GET /", "text/html; charset=iso-8859-1", "text/html")).toEqual(["GET /: Content-Type charset is iso-8859-1, expected utf-8"]);
  });

  it("names missing CORS, CSP, Vary and disposition headers", () => {
    const none = new Headers({ ETag: '"x"', "Cache-Control": "max-age=1" });
    expect(routeHeaderProblems("GET /feed.json", { kind: "data" }, none)).toEqual(["GET /feed.json: feeds and JSON must send Access-Control-Allow-Origin: * (got none)"]);
    expect(routeHeaderProblems("GET /", { kind: "html" }, none)).toEqual(["GET /: HTML without a Content-Security-Policy header"]);
    expect(routeHeaderProblems("GET /a.epub", { kind: "file" }, none)).toEqual(["GET /a.epub: the EPUB must be sent with Content-Disposition: attachment (got none)"]);
    expect(routeHeaderProblems("GET /a", { kind: "data", accept: "application/json" }, new Headers({ ETag: 'W/"x"', "Access-Control-Allow-Origin": "*" }))).toEqual([
      "GET /a: a negotiated response must send Vary: Accept (got none)",
      'GET /a: no strong ETag (got W/"x")',
      "GET /a: no Cache-Control header",
    ]);
  });
});

describe("feeds: RSS and Atom", () => {
  it("find nothing wrong with good feeds, through both parsers", async () => {
    expect(await xmlFeedProblems("/feed.xml", rss(), "application/rss+xml; charset=utf-8", articles, 1)).toEqual([]);
    expect(await xmlFeedProblems("/atom.xml", atom(), "application/atom+xml; charset=utf-8", articles, 1)).toEqual([]);
  });

  it("name an unescaped & in the feed, as the XML validator and python feedparser see it", async () => {
    const problems = await xmlFeedProblems("/feed.xml", rss({ title: "A & B" }), "application/rss+xml", articles, 1);
    expect(problems[0]).toMatch(/^\/feed\.xml is not well-formed XML: line 5, column \d+: .*'&'.* \(an unescaped & — write &amp;\)/);
    expect(problems.some((p) => /^\/feed\.xml: python feedparser says bozo=1: .*not well-formed/.test(p))).toBe(true);
  });

  it("name a broken tag", () => {
    expect(wellFormedProblems("/atom.xml", "<feed><entry></feed>")[0]).toMatch(/^\/atom\.xml is not well-formed XML: line 1, column \d+: .*closing tag/);
  });

  it("name a relative URL inside content", async () => {
    const problems = await xmlFeedProblems("/feed.xml", rss({ content: content(' <a href="/articles/b">more</a> <img src="cover.png" alt="">') }), "application/rss+xml", articles);
    expect(problems).toEqual([
      '/feed.xml item 1 ("A & B"): relative URL in content: href="/articles/b" (must be an absolute http(s) URL)',
      '/feed.xml item 1 ("A & B"): relative URL in content: src="cover.png" (must be an absolute http(s) URL)',
    ]);
    expect(relativeUrlProblems("x", `<a href='//cdn.example/x'>`)).toEqual(['x: relative URL in content: href="//cdn.example/x" (must be an absolute http(s) URL)']);
  });

  it("name a relative link, a changed id, a missing date and truncated text", () => {
    const items = readFeedItems(rss({ link: "/articles/a", content: "<p>Hello</p>" })).items;
    expect(feedItemProblems("/feed.xml", "rss", items, articles)).toEqual(['/feed.xml item 1 ("A & B"): link "/articles/a" is not an absolute http(s) URL']);
    const atomItems = readFeedItems(atom({ id: "urn:uuid:1234", content: "<p>Hello</p>" })).items;
    expect(feedItemProblems("/atom.xml", "atom", [{ ...atomItems[0]!, date: "yesterday" }], articles)).toEqual([
      `/atom.xml item 1 ("A & B"): id "urn:uuid:1234" is not the article's canonical URL ${URL_A} (the id must never change)`,
      '/atom.xml item 1 ("A & B"): date "yesterday" is not an RFC 3339 date-time',
      '/atom.xml item 1 ("A & B"): content is not the full text: "Hello & world." is missing',
    ]);
  });

  it("name what the npm parser cannot read", () => {
    expect(npmFeedParserProblems("/feed.xml", "<html><body>not a feed</body></html>")[0]).toMatch(/^\/feed\.xml: @rowanmanning\/feed-parser cannot read it: /);
  });
});

describe("feeds: JSON Feed 1.1", () => {
  it("finds nothing wrong with a good feed", () => {
    expect(jsonFeedProblems("/feed.json", jsonFeed(), articles)).toEqual([]);
  });

  it("names a feed with fewer items than the site's settings give", () => {
    expect(jsonFeedProblems("/feed.json", jsonFeed(), articles, 2)).toEqual(["/feed.json: 1 items, expected 2"]);
  });

  it("names a missing version and a missing title", () => {
    expect(jsonFeedProblems("/feed.json", jsonFeed(["version", "title"]), articles)).toEqual(['/feed.json: required field "version" is missing', '/feed.json: required field "title" is missing']);
  });

  it("names a wrong version, an item without id or content, and text that is not JSON", () => {
    const feed = JSON.parse(jsonFeed()) as { version: string; items: Record<string, unknown>[] };
    feed.version = "https://jsonfeed.org/version/1";
    delete feed.items[0]!["id"];
    delete feed.items[0]!["content_html"];
    expect(jsonFeedProblems("/feed.json", JSON.stringify(feed), articles)).toEqual([
      '/feed.json: "version" is "https://jsonfeed.org/version/1", expected "https://jsonfeed.org/version/1.1"',
      '/feed.json items[0] ("A & B"): required field "id" is missing',
      '/feed.json items[0] ("A & B"): needs content_html or content_text (one is required)',
    ]);
    expect(jsonFeedProblems("/feed.json", "{ items: [] }")[0]).toMatch(/^\/feed\.json is not JSON: /);
  });
});

describe("feeds: OPDS", () => {
  it("reads the acquisition link of a good catalog", () => {
    expect(readOpds("/opds.xml", opds(), 1)).toEqual({ problems: [], acquisitions: [{ title: "A & B", href: `${URL_A}.epub` }] });
  });

  it("names an entry without an acquisition link", () => {
    const { problems } = readOpds("/opds.xml", opds(`<link rel="alternate" type="text/html" href="${URL_A}"/>`), 1);
    expect(problems).toEqual(['/opds.xml entry "A & B": no acquisition link (rel="http://opds-spec.org/acquisition" type="application/epub+zip"); its links: alternate (text/html)']);
  });

  it("names an article the catalog does not offer", () => {
    expect(missingAcquisitionProblems("/opds.xml", ["a", "b"], [{ title: "A", href: `${URL_A}.epub` }])).toEqual(["/opds.xml: the article b has no acquisition link to /articles/b.epub"]);
  });

  it("names a collection EPUB the collections' feed leaves out, lists twice, or makes up", () => {
    const at = (path: string) => ({ title: path, href: `https://folio.test${path}` });
    const built = ["/collections/tags/china.epub", "/collections/months/2026-11.epub"];
    expect(collectionListProblems("/opds/collections.xml", built, built.map(at))).toEqual([]);
    expect(collectionListProblems("/opds/collections.xml", built, [at(built[0]!), at(built[0]!), at("/collections/tags/x.2.epub")])).toEqual([
      "/opds/collections.xml: the collection EPUB /collections/months/2026-11.epub is not listed",
      "/opds/collections.xml: /collections/tags/china.epub is listed more than once",
      "/opds/collections.xml: /collections/tags/x.2.epub is listed, but the build made no such collection",
    ]);
  });

  it("finds the root's subsection of each kind, and none when the link is missing", () => {
    const root = (links: string) => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>x</id>${links}</feed>`;
    const nav = `<link rel="subsection" type="application/atom+xml;profile=opds-catalog;kind=navigation" href="https://folio.test/opds/tags.xml"/>`;
    const acq = `<link rel="subsection" type="application/atom+xml;profile=opds-catalog;kind=acquisition" href="https://folio.test/opds/collections.xml"/>`;
    expect(subsection(root(nav + acq), "acquisition")?.href).toBe("https://folio.test/opds/collections.xml");
    expect(subsection(root(nav + acq), "navigation")?.href).toBe("https://folio.test/opds/tags.xml");
    expect(subsection(root(nav), "acquisition")).toBeUndefined();
  });

  it("names an acquisition URL that is not an EPUB", () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(60).fill(0)]);
    expect(acquisitionResponseProblems(`${URL_A}.epub`, 200, "application/zip", zip)).toEqual([
      `acquisition link ${URL_A}.epub: Content-Type is "application/zip", expected application/epub+zip`,
      `acquisition link ${URL_A}.epub: the zip does not start with the stored "mimetype" entry "application/epub+zip"`,
    ]);
    expect(acquisitionResponseProblems(`${URL_A}.epub`, 404, "text/html", new Uint8Array())).toEqual([`acquisition link ${URL_A}.epub answered 404, expected 200`]);
  });
});

describe("EPUB: EPUBCheck", () => {
  const container = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`;
  const opf = (title = "<dc:title>A test book</dc:title>") => `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="en">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">urn:uuid:0b8f6c1e-2f4a-4d7b-9c3e-5a6b7c8d9e0f</dc:identifier>${title}<dc:language>en</dc:language><meta property="dcterms:modified">2026-11-28T00:00:00Z</meta></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/></spine></package>`;
  const xhtml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en" lang="en"><head><title>Test</title></head><body>${body}</body></html>`;

  async function epub(o: { mimetype?: boolean; opf?: string }): Promise<Uint8Array> {
    const zip = new JSZip();
    if (o.mimetype !== false) zip.file("mimetype", "application/epub+zip", { compression: "STORE" });
    zip.file("META-INF/container.xml", container);
    zip.file("EPUB/package.opf", o.opf ?? opf());
    zip.file("EPUB/nav.xhtml", xhtml(`<nav epub:type="toc" id="toc"><h1>Contents</h1><ol><li><a href="c1.xhtml">Chapter</a></li></ol></nav>`));
    zip.file("EPUB/c1.xhtml", xhtml("<h1>Chapter</h1><p>Text.</p>"));
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  }

  let results: { good: string[]; noMimetype: string[]; brokenOpf: string[] };
  beforeAll(async () => {
    const [good, noMimetype, brokenOpf] = await Promise.all([
      epub({}).then((b) => epubcheckProblems("/articles/good.epub", b)),
      epub({ mimetype: false }).then((b) => epubcheckProblems("/articles/no-mimetype.epub", b)),
      epub({ opf: opf("") }).then((b) => epubcheckProblems("/articles/broken-opf.epub", b)),
    ]);
    results = { good, noMimetype, brokenOpf };
  }, 180_000);

  it("passes a minimal valid EPUB 3", () => {
    expect(results.good).toEqual([]);
  });

  it("names a zip without its mimetype entry", () => {
    expect(results.noMimetype.some((p) => /^\/articles\/no-mimetype\.epub: ERROR\(PKG-006\): .*Mimetype file entry is missing/.test(p))).toBe(true);
  });

  it("names a package document without a title", () => {
    expect(results.brokenOpf.some((p) => /^\/articles\/broken-opf\.epub: ERROR\(RSC-005\): .*package\.opf.*dc:title/.test(p))).toBe(true);
  });
});

describe("browser: what Chromium saw", () => {
  const notes = [{ number: 1, text: "A note's text." }];

  it("names a block laid out against its script's direction, Arabic left to right or English right to left", () => {
    const good = [
      { text: "في كل مساء يشعل الحارس المنارة.", direction: "rtl" },
      { text: "«الحارس» يكتب", direction: "rtl" },
      { text: "Le gardien note le temps.", direction: "ltr" },
      { text: "1, 2, 3", direction: "ltr" },
    ];
    expect(directionProblems("/articles/a at 390px", good)).toEqual([]);
    expect(directionProblems("/articles/a at 390px", [{ text: "في كل مساء", direction: "ltr" }, { text: "Originally published by X", direction: "rtl" }])).toEqual([
      '/articles/a at 390px: "في كل مساء…" is laid out ltr, but its script runs rtl',
      '/articles/a at 390px: "Originally published by X…" is laid out rtl, but its script runs ltr',
    ]);
  });

  it("names axe violations, console errors, requests that leave the origin and dialogs", () => {
    expect(axeProblems("/ at 390px", [{ id: "color-contrast", impact: "serious", help: "Elements must meet minimum color contrast ratio thresholds", nodes: ["p.dek", "a.x"] }])).toEqual([
      "/ at 390px: axe color-contrast (serious): Elements must meet minimum color contrast ratio thresholds — at p.dek, a.x",
    ]);
    expect(pageLogProblems("/", "http://127.0.0.1:1", { consoleErrors: ["Refused to apply inline style"], offOrigin: ["https://fonts.example/f.woff2"], dialogs: ["alert: 1"] })).toEqual([
      "/: console error: Refused to apply inline style",
      "/: request leaves the origin http://127.0.0.1:1: https://fonts.example/f.woff2",
      "/: a script ran and opened a dialog (alert: 1)",
    ]);
  });

  it("names text and notes missing without JavaScript", () => {
    expect(readingProblems("/articles/a at 390px", "Hello & world. A note's text.", { texts: ["Hello & world."], notes })).toEqual([]);
    expect(readingProblems("/articles/a at 390px", "Hello", { texts: ["Hello & world."], notes })).toEqual([
      '/articles/a at 390px: without JavaScript the page does not show "Hello & world."',
      `/articles/a at 390px: without JavaScript note 1 is not shown ("A note's text.")`,
    ]);
  });

  it("names a note the keyboard cannot reach, open, read or close", () => {
    const good: KeyboardWalk = { width: 390, buttons: ["pop-1"], visits: [{ target: "pop-1", opened: true, text: "Context A note's text.", fits: true, closed: true }] };
    expect(keyboardProblems("/a at 390px", good, notes)).toEqual([]);
    expect(keyboardProblems("/a at 390px", { ...good, visits: [] }, notes)).toEqual(["/a at 390px: the note button for #pop-1 cannot be reached with Tab", `/a at 390px: note 1 cannot be read with the keyboard ("A note's text.")`]);
    expect(keyboardProblems("/a at 390px", { ...good, visits: [{ target: "pop-1", opened: true, text: "Other", fits: false, closed: false }] }, notes)).toEqual([
      '/a at 390px: the popover #pop-1 opened by the keyboard shows no note text (it shows "Other")',
      "/a at 390px: the popover #pop-1 does not fit in the 390px-wide viewport",
      "/a at 390px: Escape does not close the popover #pop-1",
      `/a at 390px: note 1 cannot be read with the keyboard ("A note's text.")`,
    ]);
    expect(keyboardProblems("/a", { width: 390, buttons: [], visits: [] }, notes)[0]).toBe("/a: the article has 1 notes but no note button (no element with popovertarget)");
  });
});

describe("reader view: Readability", () => {
  const p1 = "On February 24, the two leaders spoke by telephone for an hour, and each said afterwards that nothing could come between their countries, whatever happened elsewhere.";
  const p2 = "The readout quoted both men at length. It said the relationship was aimed at no third party, and that talks elsewhere would not change it, a point both ministries repeated the next day.";
  const p3 = "Observers noted that the call came on an anniversary, and that neither side mentioned it; the statements were long, careful and, in the view of most readers, entirely expected.";
  const noteBody = "The call took place on Monday, 24 February 2025, the third anniversary of the invasion.";
  const model = {
    slug: "a",
    blocks: [p1, p2, p3].map((text, i) => ({ type: "paragraph", content: { text, offset: 0, marks: [], notes: i === 0 ? [{ id: "n", number: 1, start: 0, end: 14 }] : [] } })),
    annotations: [{ id: "n", number: 1, kind: "context", anchor: { exact: "On February 24" }, position: { start: 0, end: 14 }, body: [{ text: noteBody, offset: 0, marks: [], notes: [] }] }],
  } as unknown as ArticleJson;
  const pop = `<span class="pop" id="pop-1" popover role="note"><span class="kind">Context</span> ${noteBody}</span>`;
  const ref = `<mark>On February 24</mark><sup><a href="#pop-1">1</a></sup>`;
  const page = (first: string, after = "") =>
    `<!doctype html><html lang="en"><head><title>Talks · Site</title></head><body><header><a href="/">Site</a></header><main><article><h1>Talks</h1>` +
    `<p>${first}</p><p>${p2}</p><p>${p3}</p>${after}</article></main></body></html>`;

  it("passes a page whose notes sit outside the paragraphs, with the note number after the phrase", () => {
    expect(readerViewProblems("/a", page(`${ref}${p1.slice(14)}`, `<aside>${pop}</aside>`), URL_A, model)).toEqual([]);
  });

  it("names a paragraph interrupted by its note's popover, and the note body inside the sentence", () => {
    const problems = readerViewProblems("/a", page(`${ref}${pop}${p1.slice(14)}`), URL_A, model);
    expect(problems).toEqual([
      '/a: in the reader view, paragraph 1 is not word for word: after "On February 24" the article reads ", the two leaders spoke by telephone for an hour, and each s…", the reader view reads "Context The call took place on Monday, 24 February 2025, the…"',
      `/a: note 1's body is inside paragraph 1 of the reader view: "On February 241Context" is followed by "The call took place on Monday, 24 February 2025, the third a…" (the note belongs outside the paragraph; its phrase is "On February 24")`,
    ]);
  });

  it("names a missing paragraph and a changed word", () => {
    const problems = readerViewProblems("/a", page(`${ref}${p1.slice(14).replace("telephone", "phone")}`, "").replace(`<p>${p3}</p>`, ""), URL_A, model);
    expect(problems).toEqual([
      '/a: in the reader view, paragraph 1 is not word for word: after "n February 24, the two leaders spoke by" the article reads "telephone for an hour, and each said afterwards that nothing…", the reader view reads "phone for an hour, and each said afterwards that nothing cou…"',
      `/a: the reader view lacks paragraph 3: "Observers noted that the call came on an anniversary, and that neither side ment…"`,
    ]);
  });

  it("allows only the note's own number after its phrase, and keeps words apart", () => {
    const run = { text: "On February 24, they spoke.", offset: 0, marks: [], notes: [{ id: "n", number: 1, start: 0, end: 14 }] };
    expect(matchRun(run, "On February 24 [1], they spoke.").ok).toBe(true);
    expect(matchRun(run, " On February 241, they\nspoke. ").ok).toBe(true);
    expect(matchRun(run, "On February 242, they spoke.")).toMatchObject({ ok: false, matched: 14 });
    expect(matchRun(run, "On February 24, theyspoke.")).toMatchObject({ ok: false, matched: 20 });
    expect(matchRun(run, "On February 24, they spoke. And more.")).toMatchObject({ ok: false, matched: 27 });
  });
});

describe("W3C annotations: anchoring on the served page", () => {
  const PAGE = "https://example.org/articles/a";
  // The body's textContent: "SiteHello world. Hello there, friend." ("Site" from the header).
  const html = (body = `<header>Site</header><main><p id="text">Hello world. Hello there, friend.</p></main>`) =>
    `<!doctype html><html><head><link rel="canonical" href="${PAGE}"></head><body>${body}</body></html>`;
  const collection = (selector: unknown, o: { homepage?: string; id?: string } = {}) => ({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id: `${PAGE}/annotations.jsonld`,
    type: "AnnotationCollection",
    total: 1,
    first: {
      id: `${PAGE}/annotations.jsonld#page-1`,
      type: "AnnotationPage",
      items: [{ id: o.id ?? `${PAGE}/annotations.jsonld#n`, type: "Annotation", creator: { type: "Organization", homepage: o.homepage ?? "https://example.org" }, target: { source: PAGE, selector } }],
    },
  });
  const quoteSel = (exact: string, prefix?: string, suffix?: string) => ({ type: "TextQuoteSelector", exact, ...(prefix === undefined ? {} : { prefix }), ...(suffix === undefined ? {} : { suffix }) });
  const pos = (start: number, end: number) => ({ type: "TextPositionSelector", start, end });
  const pages = (body?: string) => new Map([[PAGE, html(body)]]);

  it("passes selectors that match the body's text, or the text of the element they refine", () => {
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello", "world. ", " there"), pos(17, 22)]), pages(), 1)).toEqual([]);
    const scoped = { type: "FragmentSelector", value: "text", refinedBy: [quoteSel("Hello", "world. ", " there"), pos(13, 18)] };
    expect(anchoringProblems("/a.jsonld", collection([scoped]), pages(), 1)).toEqual([]);
  });

  it("names a position that points elsewhere than the quote", () => {
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello", "world. ", " there"), pos(13, 18)]), pages())).toEqual([
      '/a.jsonld #n: TextPositionSelector 13–18 selects "ld. H" in the page\'s text, not "Hello" (the quote is at 4, 17)',
    ]);
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello", "Site", " world"), pos(17, 22)]), pages())).toEqual([
      "/a.jsonld #n: TextPositionSelector starts at 17, but the quote is found at 4 of the page's text",
    ]);
  });

  it("names a quote found twice, and a context the page does not have (a note body inside the sentence)", () => {
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello"), pos(17, 22)]), pages())).toEqual([
      `/a.jsonld #n: prefix + exact + suffix "Hello" occurs 2 times in the page's text (at 4, 17), so the quote does not say which is meant`,
    ]);
    const interrupted = `<header>Site</header><main><p>Hello world. Hello<span popover>Note: a greeting.</span> there, friend.</p></main>`;
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello", "world. ", " there"), pos(17, 22)]), pages(interrupted))).toEqual([
      `/a.jsonld #n: prefix + exact + suffix "world. Hello there" is not in the page's text; "exact" occurs 2 time(s), and where the page's text agrees best with the prefix and suffix it reads "world. " ‖ "HelloNote: " (the suffix differs)`,
    ]);
  });

  it("names URLs that are not on the page's site", () => {
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello", "world. ", " there"), pos(17, 22)], { homepage: "https://folio.example.com", id: "https://elsewhere.example/n" }), pages())).toEqual([
      '/a.jsonld: annotation https://elsewhere.example/n: its id is "https://elsewhere.example/n", not on the page\'s site URL https://example.org',
      '/a.jsonld: annotation https://elsewhere.example/n: creator.homepage is "https://folio.example.com", expected the page\'s site URL https://example.org',
    ]);
  });

  it("counts the annotations against the notes", () => {
    expect(anchoringProblems("/a.jsonld", collection([quoteSel("Hello", "world. ", " there"), pos(17, 22)]), pages(), 2)).toEqual(["/a.jsonld: 1 annotations, expected one per note (2)"]);
  });
});

describe("hostile content", () => {
  const dom: DomSnapshot = { scripts: [{ type: "application/ld+json", text: '{"headline":"A & B"}' }], handlers: [], scriptUrls: [], embedded: 0, h1: "A & B", title: "A & B · Site", description: "The dek." };

  it("passes a DOM with only JSON-LD and the text as written", () => {
    expect(hostileDomProblems("/a", dom, article)).toEqual([]);
  });

  it("names a script element, an event handler, a javascript: URL and a changed headline", () => {
    const bad: DomSnapshot = { ...dom, scripts: [...dom.scripts, { type: "", text: "alert(1)" }], handlers: ["img onerror"], scriptUrls: ["javascript:alert(1)"], h1: "A  B" };
    expect(hostileDomProblems("/a", bad, article)).toEqual([
      '/a: a <script> element is in the DOM: "alert(1)"',
      "/a: an event-handler attribute is in the DOM: img onerror",
      '/a: a javascript: URL is in the DOM: "javascript:alert(1)"',
      '/a: the headline reads "A  B", expected "A & B"',
    ]);
  });

  it("names the hostile ingredients a fixture lacks", () => {
    expect(fixtureIngredientProblems("Just <script> and ]]> here.")).toEqual([
      "test/fixtures/articles/fixture-escaping-stress-test lacks &amp;",
      "test/fixtures/articles/fixture-escaping-stress-test lacks straight and curly quotes",
      "test/fixtures/articles/fixture-escaping-stress-test lacks control characters",
      "test/fixtures/articles/fixture-escaping-stress-test lacks emoji",
      "test/fixtures/articles/fixture-escaping-stress-test lacks right-to-left text",
      "test/fixtures/articles/fixture-escaping-stress-test lacks a very long paragraph (5,000 characters or more)",
    ]);
  });
});

describe("odd methods over raw HTTP", () => {
  const [brew] = rawCases("127.0.0.1:1", "a");
  const badPath = rawCases("127.0.0.1:1", "a").find((c) => c.request.startsWith("GET /%zz"))!;

  it("accepts 405, 404 and workerd's own 501 for an unrecognised method", () => {
    expect(rawCaseProblems(brew!, "HTTP/1.1 405 Method Not Allowed\r\n\r\n")).toEqual([]);
    expect(rawCaseProblems(brew!, "HTTP/1.1 501 Not Implemented\r\nContent-Length: 35\r\n\r\nERROR: Unrecognized request method.")).toEqual([]);
  });

  it("names a 5xx and a dropped connection", () => {
    expect(rawCaseProblems(brew!, "HTTP/1.1 500 Internal Server Error\r\n\r\noops")).toEqual(['BREW / HTTP/1.1: status 500, expected 405 or 404 ("oops")']);
    expect(rawCaseProblems(brew!, "HTTP/1.1 501 Not Implemented\r\n\r\nsomething else")).toEqual(['BREW / HTTP/1.1: status 501, expected 405 or 404 ("something else")']);
    expect(rawCaseProblems(badPath, "")).toEqual(["GET /%zz HTTP/1.1: no HTTP response (the connection closed without one); expected a status below 500"]);
  });
});

describe("load", () => {
  it("serves Folio's captured answers from a constant worker, the most specific request first", () => {
    const request = (path: string, headers?: Record<string, string>) => ({ path, status: 200 as const, ...(headers ? { headers } : {}) });
    const source = constantWorkerSource([
      { request: request("/a"), status: 200, headers: [["content-type", "text/html"]], body: new Uint8Array([60]) },
      { request: { ...request("/a", { "If-None-Match": '"x"' }), status: 304 }, status: 304, headers: [["etag", '"x"']], body: new Uint8Array() },
    ]);
    expect(source).toContain('import r0 from "./r0.bin";');
    expect(source).not.toContain("r1.bin");
    expect(source.indexOf('[["if-none-match","\\"x\\""]]')).toBeGreaterThan(0);
    expect(source.indexOf("if-none-match")).toBeLessThan(source.indexOf('["/a", [], r0'));
  });

  const wrk = `Running 10s test @ http://127.0.0.1:8787/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.31ms    5.52ms 120.00ms   90.00%
  Latency Distribution
     50%   11.50ms
     75%   14.00ms
     90%   18.00ms
     99%  104.20ms
  52000 requests in 10.00s, 1.20GB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 17
Requests/sec:   5200.00
Transfer/sec:    123.00MB
`;

  it("reads wrk's figures", () => {
    const r = parseWrk(wrk);
    expect(r).toEqual({
      requests: 52000,
      requestsPerSecond: 5200,
      latencyMs: { p50: 11.5, p75: 14, p90: 18, p99: 104.2 },
      socketErrors: { connect: 0, read: 3, write: 0, timeout: 2 },
      badResponses: 17,
    });
    expect(parseWrk("     50%  850.00us\n     99%    1.20s\n").latencyMs).toMatchObject({ p50: 0.85, p99: 1200 });
  });

  it("names socket errors and non-2xx/3xx responses", () => {
    expect(wrkProblems(parseWrk(wrk))).toEqual([
      "socket errors under load: connect 0, read 3, write 0, timeout 2",
      `17 responses were not 2xx or 3xx under load (wrk's "Non-2xx or 3xx responses")`,
    ]);
    expect(wrkProblems(parseWrk(wrk.replace(/ {2}Socket errors.*\n {2}Non-2xx.*\n/, "")))).toEqual([]);
  });

  it("names memory that grows where the constant worker's does not, and accepts growth both show", () => {
    const MiB = 1024;
    const flat = [300, 302, 299, 305, 301, 303, 300, 304].map((m) => m * MiB);
    const growing = [300, 320, 340, 360, 380, 400, 420, 440].map((m) => m * MiB);
    expect(memoryProblems(flat, flat)).toEqual([]);
    expect(memoryProblems(growing, flat)).toEqual([
      "workerd's memory grew under load by more than the constant worker's: Folio's median RSS 310.0 MiB in the first quarter, 430.0 MiB in the last (+120.0 MiB); " +
        "the constant worker's 301.0 MiB → 302.0 MiB (+1.0 MiB); allowed +32.5 MiB (its growth + 16 MiB + 5%)",
    ]);
    // wrangler dev's own growth, shown by the constant worker under the same load, is not Folio's.
    expect(memoryProblems(growing, growing.map((m) => m + 50 * MiB))).toEqual([]);
    expect(memoryProblems(growing, [300 * MiB])[0]).toBe("too few memory samples of workerd (Folio 8, constant worker 1; at least 4 each needed)");
    expect(warmedUp([200, 300, 400, 500, 600, 650, 660, 662, 661, 663].map((m) => m * MiB))).toBe(false);
    expect(warmedUp([650, 660, 662, 661, 663, 660, 664, 662, 661, 663].map((m) => m * MiB))).toBe(true);
  });

  it("writes a Lua script that cycles through every request, validators included", () => {
    const lua = luaScript(loadMix(["a"], { feed: '"f"', page: '"p"' }));
    expect(lua).toContain('{ "/feed.xml", { ["If-None-Match"] = "\\"f\\"" } },');
    expect(lua).toContain('{ "/articles/a.epub", { ["Range"] = "bytes=0-1023" } },');
    expect(lua).toMatch(/function request\(\)/);
  });
});

describe("the runner's report", () => {
  it("fails, not skips, a check whose checker is missing", async () => {
    let ran = false;
    const check = { name: "load", missingTool: () => "wrk is not installed (apt install wrk)", run: async () => ((ran = true), []) };
    expect(await runCheck(check, {} as Live)).toEqual(["a checker CI installs is missing, so nothing was checked: wrk is not installed (apt install wrk)"]);
    expect(ran).toBe(false);
    expect(await runCheck({ ...check, missingTool: () => undefined }, {} as Live)).toEqual([]);
    expect(ran).toBe(true);
  });

  it("prints PASS, or FAIL with every problem, and the summary CI reads", () => {
    expect(formatResult("feeds", [])).toBe("PASS feeds");
    expect(formatResult("feeds", ["a is wrong", "b is wrong"])).toBe("FAIL feeds: 2 problems: a is wrong\n    - a is wrong\n    - b is wrong");
    expect(summaryLine(9, 2)).toBe("9 passed, 2 failed");
  });
});

describe("search pages", () => {
  const clean: SearchDom = { scripts: 0, handlers: [], echoed: "<b>x</b>", h1: "Search", text: "Search\nNo article matches “<b>x</b>”." };
  it("passes a clean page", () => expect(searchPageProblems("/search", clean, "<b>x</b>")).toEqual([]));
  it("fails a page where the query became markup, kept a bidi override, or was not cut", () => {
    expect(searchPageProblems("/search", { ...clean, scripts: 1, handlers: ["img onerror"] }).join("\n")).toMatch(/1 script elements[\s\S]*img onerror/);
    expect(searchPageProblems("/search", { ...clean, echoed: "x" }, "<b>x</b>")[0]).toContain("is echoed as");
    expect(searchPageProblems("/search", { ...clean, echoed: "a\u202Eb" })[0]).toContain("control or bidi character");
    expect(searchPageProblems("/search", { ...clean, text: "a\u2067b" })[0]).toContain("bidi embedding");
    expect(searchPageProblems("/search", { ...clean, echoed: "x".repeat(201) })[0]).toContain("201 characters");
    expect(searchPageProblems("/search", { ...clean, echoed: null })[0]).toContain("no search form");
  });
});
