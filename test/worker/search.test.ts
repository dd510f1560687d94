import { Validator } from "@cfworker/json-schema";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { get, ORIGIN } from "./helpers.ts";

const HARBOUR = "fixture-harbour-lights-return";

/** The hrefs of the result list's article links, in order. */
const resultSlugs = (html: string) => [...html.matchAll(/<li>\n<h2[^>]*><a href="\/articles\/([^"]+)">/g)].map((m) => m[1]);

describe("search: HTML", () => {
  it("ranks the article about a word first, marks the word, and links every result", async () => {
    const res = await get("/search?q=harbour");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    const slugs = resultSlugs(html);
    expect(slugs[0]).toBe(HARBOUR);
    expect(html).toContain(`<mark>Harbour</mark> Lights Return`);
    expect(html).toMatch(/<p class="small" lang="en" dir="auto">[^<]*<mark>harbour<\/mark>/i);
    expect(html).toMatch(/article(s)? match(es)? “<bdi>harbour<\/bdi>”/);
  });

  it("answers every word of a query before any of them", async () => {
    const both = resultSlugs(await (await get("/search?q=harbour+lamps")).text());
    expect(both[0]).toBe(HARBOUR);
    const none = await (await get("/search?q=zzzqqqxx")).text();
    expect(resultSlugs(none)).toEqual([]);
    expect(none).toContain("No article matches “<bdi>zzzqqqxx</bdi>”");
  });

  it("shows the form with no results for an empty query", async () => {
    for (const path of ["/search", "/search?q=", "/search?q=%20%20", "/search?page=3"]) {
      const html = await (await get(path)).text();
      expect(html, path).toContain(`<form role="search" aria-label="Search" method="get" action="/search">`);
      expect(resultSlugs(html), path).toEqual([]);
      expect(html, path).toContain("Type one or more words");
    }
  });

  it("links the previous page from a page past the last, in the head and visibly", async () => {
    const html = await (await get("/search?q=fixture&page=2")).text();
    expect(html).toContain(`<link rel="prev" href="/search?q=fixture">`);
    expect(html).toContain(`<a rel="prev" href="/search?q=fixture">`);
    expect(html).toContain("past the last one");
    expect(html).not.toContain(`rel="next"`);
  });

  it("sends a CSP that lets the form submit to this origin, and no CORS on the page", async () => {
    const res = await get("/search?q=harbour");
    expect(res.headers.get("Content-Security-Policy")).toContain("form-action 'self'");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=60, stale-while-revalidate=600");
    expect(res.headers.get("Vary")).toBe("Accept");
    expect(res.headers.get("Last-Modified")).toBeNull();
  });
});

describe("search: every language the articles carry", () => {
  const ZH = "fixture-zh-harbour-nets";
  const RU = "fixture-ru-lighthouse-keeper";
  const AR = "fixture-ar-harbour-lighthouse";
  /** The JSON results of `q`: each result's slug, and the marked words of its snippet. */
  async function found(q: string): Promise<{ slugs: string[]; marked: Map<string, string[]> }> {
    const body = await (await get(`/search.json?q=${encodeURIComponent(q)}`)).json<any>();
    const marked = new Map<string, string[]>(body.results.map((r: any) => [r.slug, r.snippet.marks.map(([s, e]: [number, number]) => r.snippet.text.slice(s, e))]));
    return { slugs: body.results.map((r: any) => r.slug), marked };
  }

  it("finds each article by a word from the middle of a sentence, and marks it in the snippet", async () => {
    // "天还没亮，渔民们已经在港口修补渔网。": no spaces around the word.
    const zh = await found("渔网");
    expect(zh.slugs).toEqual([ZH]);
    expect(zh.marked.get(ZH)).toContain("渔网");
    const ru = await found("зажигает");
    expect(ru.slugs).toEqual([RU]);
    expect(ru.marked.get(RU)).toEqual(["зажигает"]);
    const ar = await found("الصيادون");
    expect(ar.slugs).toEqual([AR]);
    expect(ar.marked.get(AR)).toEqual(["الصيادون"]);
  });

  it("finds each by its notes' original wording, in the original's language", async () => {
    expect((await found("網を繕う")).slugs).toEqual([ZH]);
    expect((await found("logbook")).slugs).toEqual([RU]);
    expect((await found("carnet")).slugs).toEqual([AR]);
    // The seed's notes quote the Chinese and Russian originals.
    expect((await found("搬不走")).slugs).toContain(ZH);
    expect((await found("搬不走")).slugs.length).toBe(2);
    expect((await found("стабилизирующим")).slugs).toHaveLength(1);
    expect((await found("邻居")).slugs.length).toBe(2);
  });

  it("matches a run of Chinese only where its characters are adjacent and in order, and mixes it with other words", async () => {
    expect((await found("修补渔网")).slugs).toEqual([ZH]);
    expect((await found("渔网修补")).slugs).toEqual([]);
    // The seed quotes Xi's "搬不走的好邻居"; the Chinese fixture has the phrase but not "Xi".
    const mixed = await found("Xi 搬不走");
    expect(mixed.slugs).toEqual(["in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart"]);
    expect(mixed.marked.get("in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart")).toContain("Xi");
    // Alone, the phrase is what the snippet shows and marks, from the note's original.
    expect((await found("搬不走")).marked.get("in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart")).toContain("搬不走");
  });

  it("finds a source's title", async () => {
    expect((await found("示例")).slugs).toEqual([ZH]);
    expect((await found("смотрителя")).slugs).toEqual([RU]);
  });

  it("marks each result's title and snippet with its language and direction", async () => {
    const html = await (await get(`/search?q=${encodeURIComponent("الصيادون")}`)).text();
    expect(html).toContain(`<h2 lang="ar" dir="rtl"><a href="/articles/${AR}">`);
    expect(html).toContain(`<p class="small" lang="ar" dir="auto">`);
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
  });
});

describe("search: JSON", () => {
  it("gives the same results as JSON at /search.json and to a client asking for JSON, valid against /schema/search.json", async () => {
    const schema = await (await get("/schema/search.json")).json<object>();
    const validator = new Validator(schema as never, "2020-12", false);
    const direct = await get("/search.json?q=harbour");
    expect(direct.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(direct.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await direct.json<any>();
    expect(validator.validate(body).errors).toEqual([]);
    expect(body.results[0].slug).toBe(HARBOUR);
    expect(body.total).toBe(body.results.length);
    const title = body.results[0].title;
    expect(title.marks.map(([s, e]: [number, number]) => title.text.slice(s, e))).toEqual(["Harbour"]);
    expect(body.url).toBe(`${body.url.split("/search")[0]}/search.json?q=harbour`);

    const negotiated = await get("/search?q=harbour", { headers: { Accept: "application/json" } });
    expect(negotiated.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(negotiated.headers.get("Vary")).toBe("Accept");
    expect(await negotiated.json()).toEqual(body);
  });

  it("the schema can fail: a result without its snippet is refused", async () => {
    const schema = await (await get("/schema/search.json")).json<object>();
    const body = await (await get("/search.json?q=harbour")).json<any>();
    const { snippet: _s, ...bare } = body.results[0];
    expect(new Validator(schema as never, "2020-12", false).validate({ ...body, results: [bare] }).valid).toBe(false);
  });

  it("links the previous page, as an absolute URL", async () => {
    const body = await (await get("/search.json?q=fixture&page=2")).json<any>();
    expect(body.page).toBe(2);
    expect(body.results).toEqual([]);
    expect(body.prev).toMatch(/\/search\.json\?q=fixture$/);
    expect(body.next).toBeUndefined();
  });
});

describe("search: HTTP", () => {
  it("answers If-None-Match with 304 when the results are the same, 200 when another query", async () => {
    const first = await get("/search?q=harbour");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await get("/search?q=harbour", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Vary")).toBe("Accept");
    expect(await again.text()).toBe("");
    const other = await get("/search?q=lamps", { headers: { "If-None-Match": etag } });
    expect(other.status).toBe(200);
    // The JSON has its own ETag.
    const json = await get("/search?q=harbour", { headers: { Accept: "application/json", "If-None-Match": etag } });
    expect(json.status).toBe(200);
    expect(json.headers.get("ETag")).not.toBe(etag);
  });

  it("answers If-Match that does not match with 412", async () => {
    const res = await get("/search.json?q=harbour", { headers: { "If-Match": '"nope"' } });
    expect(res.status).toBe(412);
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const full = await get("/search?q=harbour");
    const head = await get("/search?q=harbour", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("ETag")).toBe(full.headers.get("ETag"));
    expect(head.headers.get("Content-Length")).toBe(String(new TextEncoder().encode(await full.text()).byteLength));
    expect(await head.text()).toBe("");
  });

  it("answers other methods with 405 and Allow, and the CORS preflight", async () => {
    for (const path of ["/search", "/search.json", "/search.opds", "/opensearch.xml"]) {
      const res = await exports.default.fetch(new Request(`${ORIGIN}${path}?q=x`, { method: "POST", body: "q=x" }));
      expect(res.status, path).toBe(405);
      expect(res.headers.get("Allow"), path).toBe("GET, HEAD, OPTIONS");
    }
    const pre = await exports.default.fetch(new Request(`${ORIGIN}/search.json`, { method: "OPTIONS", headers: { Origin: "https://elsewhere.test", "Access-Control-Request-Method": "GET" } }));
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });
});

describe("search: hostile queries get a clean page", () => {
  const queries: [string, string][] = [
    ["long", `q=${"harbour ".repeat(2000)}`],
    ["controls", "q=harb%00our%07%1B%7F%C2%85"],
    ["markup", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"],
    ["regex", "q=.*%2B%3F%5B(%5C%5E%24%7C%7B1%2C%7D"],
    ["right-to-left", "q=%D8%B3%D9%84%D8%A7%D9%85%20%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D%E2%80%AC"],
    ["invalid percent-encoding", "q=%zz%E0%A4%A%FF%"],
    ["lone surrogate encoded", "q=%ED%A0%80harbour"],
    ["repeated q", "q=harbour&q=%3Cb%3E"],
    ["page=abc", "q=harbour&page=abc"],
    ["page=0", "q=harbour&page=0"],
    ["page=-1", "q=harbour&page=-1"],
    ["page=99999", "q=harbour&page=99999"],
    ["page huge", `q=harbour&page=${"9".repeat(400)}`],
    ["no q, odd keys", "%=%&&=&q"],
    ["quotes and ampersands", "q=%22%27%26amp%3B%26%23x3C%3B"],
  ];
  for (const [name, qs] of queries) {
    it(name, async () => {
      for (const accept of ["text/html", "application/json"]) {
        const res = await get(`/search?${qs}`, { headers: { Accept: accept } });
        expect(res.status, accept).toBe(200);
        const body = await res.text();
        if (accept === "application/json") {
          const json = JSON.parse(body);
          expect(json.page).toBeGreaterThanOrEqual(1);
          expect(json.page).toBeLessThanOrEqual(1000);
          continue;
        }
        // Nothing the query brought in survives as markup; no bidi override reaches the page.
        expect(body).not.toMatch(/<script|<img|<b>/i);
        expect(body).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000\u0007\u001B]/);
        expect(body.length).toBeLessThan(64 * 1024);
        expect(body).toContain("</html>");
      }
    });
  }

  it("echoes markup in the query escaped", async () => {
    const html = await (await get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).text();
    expect(html).toContain(`value="&lt;script&gt;alert(1)&lt;/script&gt;"`);
  });

  it("keeps the first of repeated q parameters", async () => {
    const body = await (await get("/search.json?q=harbour&q=%3Cb%3E")).json<any>();
    expect(body.query).toBe("harbour");
  });
});

describe("OpenSearch", () => {
  it("serves the description with its media type, pointing at both result formats", async () => {
    const res = await get("/opensearch.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/opensearchdescription+xml; charset=utf-8");
    expect(res.headers.get("ETag")).toMatch(/^"/);
    const xml = await res.text();
    expect(xml).toContain(`<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">`);
    expect(xml).toMatch(/<Url type="text\/html" template="[^"]+\/search\?q=\{searchTerms\}&amp;page=\{startPage\?\}"\/>/);
    expect(xml).toMatch(/<Url type="application\/json" template="[^"]+\/search\.json\?q=\{searchTerms\}/);
    const again = await get("/opensearch.xml", { headers: { "If-None-Match": res.headers.get("ETag")! } });
    expect(again.status).toBe(304);
  });

  it("is linked from the head of every HTML page and from the OPDS root", async () => {
    const index = await (await get("/articles.json")).json<{ articles: { slug: string }[] }>();
    const pages = ["/", "/search", "/search?q=harbour", ...index.articles.map((a) => `/articles/${a.slug}`), "/no-such-page"];
    for (const path of pages) {
      const html = await (await get(path)).text();
      const head = html.slice(0, html.indexOf("</head>"));
      expect(head, path).toMatch(/<link rel="search" type="application\/opensearchdescription\+xml" href="[^"]+\/opensearch\.xml" title="Search [^"]+">/);
      expect(head.match(/rel="search"/g), path).toHaveLength(1);
    }
    const opds = await (await get("/opds.xml")).text();
    expect(opds).toMatch(/<link rel="search" type="application\/opensearchdescription\+xml" href="[^"]+\/opensearch\.xml"\/>/);
  });

  it("every page's header holds a search form that the CSP allows", async () => {
    const res = await get("/");
    expect(await res.text()).toContain(`<form role="search" aria-label="Site search" method="get" action="/search">`);
    expect(res.headers.get("Content-Security-Policy")).toContain("form-action 'self'");
  });
});

describe("search: OPDS", () => {
  it("answers an OPDS acquisition feed of the results, with OpenSearch counts and each EPUB", async () => {
    const res = await get("/search.opds?q=harbour");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const xml = await res.text();
    const json = await (await get("/search.json?q=harbour")).json<any>();
    expect(xml.match(/<entry>/g)).toHaveLength(json.results.length);
    expect(xml).toContain(`<opensearch:totalResults>${json.total}</opensearch:totalResults>`);
    expect(xml).toContain(`<opensearch:Query role="request" searchTerms="harbour" startPage="1"/>`);
    expect(xml).toMatch(new RegExp(`<link rel="http://opds-spec.org/acquisition" type="application/epub\\+zip" href="[^"]+/articles/${HARBOUR}\\.epub"/>`));
    expect(xml.indexOf(`/articles/${HARBOUR}.epub`)).toBeLessThan(xml.indexOf("</entry>"));
    expect(xml).toMatch(/<link rel="self" type="application\/atom\+xml;profile=opds-catalog;kind=acquisition" href="[^"]+\/search\.opds\?q=harbour"\/>/);
  });

  it("escapes a hostile query and links the previous page", async () => {
    const xml = await (await get("/search.opds?q=%3Ca%20b%3D%22c%22%3E%26&page=2")).text();
    expect(xml).toContain(`searchTerms="&lt;a b=&quot;c&quot;&gt;&amp;"`);
    expect(xml).not.toContain("<a b=");
    expect(xml).toMatch(/<link rel="previous" type="[^"]+" href="[^"]+\/search\.opds\?q=%3Ca%20b%3D%22c%22%3E%26"\/>/);
  });

  it("is in the OpenSearch description as an acquisition feed template", async () => {
    const xml = await (await get("/opensearch.xml")).text();
    expect(xml).toMatch(/<Url type="application\/atom\+xml;profile=opds-catalog;kind=acquisition" template="[^"]+\/search\.opds\?q=\{searchTerms\}&amp;page=\{startPage\?\}"\/>/);
  });
});
