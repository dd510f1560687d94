/**
 * Lists in pages (the test build has two articles a page, five articles in all): the index, /articles.json and the
 * OPDS root, linked by rel="next"/"prev" in every format; following next reaches every article
 * once; the first page keeps its URL, /page/1 and pages past the end are no address.
 */
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { get } from "./helpers.ts";

const local = (url: string) => new URL(url).pathname;
const slugsIn = (text: string) => [...text.matchAll(/href="\/articles\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
const headLink = (html: string, rel: string) => new RegExp(`<link rel="${rel}" href="([^"]+)">`).exec(html)?.[1];
const atomLink = (xml: string, rel: string) => new RegExp(`<link rel="${rel}" type="[^"]+" href="([^"]+)"[^>]*/>`).exec(xml)?.[1];

interface ListJson {
  page: number;
  pages: number;
  total: number;
  next?: string;
  prev?: string;
  self: string;
  url: string;
  articles: { slug: string }[];
}

async function model(): Promise<string[]> {
  const slugs: string[] = [];
  for (let path: string | undefined = "/articles.json"; path; ) {
    const page: ListJson = await (await get(path)).json<ListJson>();
    slugs.push(...page.articles.map((a) => a.slug));
    path = page.next && local(page.next);
  }
  return slugs;
}

describe("the index in pages", () => {
  it("keeps the first page at / and links each page to the next and the previous, in the head and visibly", async () => {
    const all = await model();
    expect(all.length).toBe(8);
    const seen: string[] = [];
    let path: string | undefined = "/";
    let previous: string | undefined;
    const visited: string[] = [];
    while (path) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      const html = await res.text();
      visited.push(path);
      const main = html.slice(html.indexOf("<main"));
      seen.push(...slugsIn(main).filter((s, i, a) => a.indexOf(s) === i));
      expect(html).toContain(`<link rel="canonical" href="https://folio.example.com${path}">`);
      const prev = headLink(html, "prev");
      expect(prev && local(prev)).toBe(previous);
      if (previous) expect(html).toContain(`<a rel="prev" href="${previous}">`);
      const next = headLink(html, "next");
      if (next) expect(html).toContain(`<a rel="next" href="${local(next)}">`);
      previous = path;
      path = next && local(next);
    }
    expect(visited).toEqual(["/", "/page/2", "/page/3", "/page/4"]);
    expect(seen).toEqual(all);
  });

  it("has no /page/1, no page past the end, no page 0 and no leading zeros", async () => {
    for (const path of ["/page/1", "/page/5", "/page/0", "/page/02", "/articles/page/1.json", "/articles/page/5.json", "/opds/page/1.xml", "/opds/page/9.xml", "/page/99999999999"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });

  it("negotiates: a client preferring JSON gets the page's JSON twin, with Vary: Accept", async () => {
    for (const [html, json] of [["/", "/articles.json"], ["/page/2", "/articles/page/2.json"]] as const) {
      const res = await get(html, { headers: { Accept: "application/json" } });
      expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("Vary")).toBe("Accept");
      expect(await res.text()).toBe(await (await get(json)).text());
    }
  });
});

describe("/articles.json in pages", () => {
  it("carries next and prev URLs, page numbers and the total, and validates against /schema/articles.json", async () => {
    const schema = await (await get("/schema/articles.json")).json<object>();
    const validator = new Validator(schema as never, "2020-12", false);
    const first = await (await get("/articles.json")).json<ListJson>();
    expect(first).toMatchObject({ page: 1, pages: 4, total: 8, self: "https://folio.example.com/articles.json", url: "https://folio.example.com/" });
    expect(first.prev).toBeUndefined();
    expect(first.next).toBe("https://folio.example.com/articles/page/2.json");
    const second = await (await get("/articles/page/2.json")).json<ListJson>();
    expect(second).toMatchObject({ page: 2, prev: "https://folio.example.com/articles.json", url: "https://folio.example.com/page/2" });
    expect(second.next).toBe("https://folio.example.com/articles/page/3.json");
    const third = await (await get("/articles/page/3.json")).json<ListJson>();
    expect(third).toMatchObject({ page: 3, prev: "https://folio.example.com/articles/page/2.json", url: "https://folio.example.com/page/3" });
    expect(third.next).toBe("https://folio.example.com/articles/page/4.json");
    const fourth = await (await get("/articles/page/4.json")).json<ListJson>();
    expect(fourth).toMatchObject({ page: 4, prev: "https://folio.example.com/articles/page/3.json", url: "https://folio.example.com/page/4" });
    expect(fourth.next).toBeUndefined();
    for (const page of [first, second, third, fourth]) expect(validator.validate(page).errors).toEqual([]);
    expect(validator.validate({ ...second, next: "not a url" }).valid).toBe(false);
    expect(validator.validate({ ...second, page: 0 }).valid).toBe(false);
  });

  it("sends CORS and a strong ETag on later pages too, and 304 to a matching If-None-Match", async () => {
    const res = await get("/articles/page/2.json");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const etag = res.headers.get("ETag")!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(res.headers.get("Last-Modified")).toMatch(/GMT$/);
    expect((await get("/articles/page/2.json", { headers: { "If-None-Match": etag } })).status).toBe(304);
  });
});

describe("the OPDS root in pages (RFC 5005)", () => {
  it("links first, next, previous and last; every EPUB is reached by following next", async () => {
    const first = await (await get("/opds.xml")).text();
    expect(atomLink(first, "first")).toBe("https://folio.example.com/opds.xml");
    expect(atomLink(first, "next")).toBe("https://folio.example.com/opds/page/2.xml");
    expect(atomLink(first, "last")).toBe("https://folio.example.com/opds/page/4.xml");
    expect(atomLink(first, "previous")).toBeUndefined();
    expect(atomLink(first, "subsection")).toBe("https://folio.example.com/opds/tags.xml");
    const res = await get("/opds/page/2.xml");
    expect(res.headers.get("Content-Type")).toBe("application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8");
    const second = await res.text();
    expect(atomLink(second, "self")).toBe("https://folio.example.com/opds/page/2.xml");
    expect(atomLink(second, "start")).toBe("https://folio.example.com/opds.xml");
    expect(atomLink(second, "previous")).toBe("https://folio.example.com/opds.xml");
    expect(atomLink(second, "next")).toBe("https://folio.example.com/opds/page/3.xml");
    const third = await (await get("/opds/page/3.xml")).text();
    expect(atomLink(third, "previous")).toBe("https://folio.example.com/opds/page/2.xml");
    expect(atomLink(third, "next")).toBe("https://folio.example.com/opds/page/4.xml");
    const fourth = await (await get("/opds/page/4.xml")).text();
    expect(atomLink(fourth, "next")).toBeUndefined();
    const epubs = [first, second, third, fourth].flatMap((xml) => [...xml.matchAll(/href="https:\/\/folio\.example\.com\/articles\/([a-z0-9-]+)\.epub"/g)].map((m) => m[1]));
    expect(epubs).toEqual(await model());
  });
});

describe("new routes keep the HTTP rules", () => {
  const routes = ["/page/2", "/articles/page/2.json", "/opds/page/2.xml", "/schema/articles.json", "/sitemap.xml"];

  it("answer HEAD with the GET's headers and no body, 304 to their ETag, 405 with Allow to other methods", async () => {
    for (const path of routes) {
      const full = await get(path);
      expect(full.status, path).toBe(200);
      await full.arrayBuffer();
      const head = await get(path, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.headers.get("ETag")).toBe(full.headers.get("ETag"));
      expect(head.headers.get("Content-Length")).toBe(full.headers.get("Content-Length"));
      expect(await head.text()).toBe("");
      expect((await get(path, { headers: { "If-None-Match": full.headers.get("ETag")! } })).status).toBe(304);
      const post = await get(path, { method: "POST" });
      expect(post.status, path).toBe(405);
      expect(post.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
      await post.arrayBuffer();
    }
  });

  it("redirect a trailing slash to the page's one address", async () => {
    const res = await get("/page/2/");
    expect(res.status).toBe(301);
    expect(res.headers.get("Location")).toBe("/page/2");
  });
});
