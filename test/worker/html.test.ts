import { describe, expect, it } from "vitest";
import { allArticles, get, SEED } from "./helpers.ts";

const html = async (path: string) => (await get(path)).text();

describe("the article page", () => {
  it("is a semantic article with headline, dek, attribution and edition date", async () => {
    const page = await html(`/articles/${SEED}`);
    expect(page).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(page).toContain('<article lang="en" dir="ltr">');
    expect(page).toContain("<h1>In Phone Call, Putin, Xi Emphasize That China and Russia &#39;Cannot Be Moved Apart&#39;</h1>");
    expect(page).toContain('<p class="dek">The two leaders discussed at length');
    expect(page).toContain(
      'Originally published by The Diplomat in <time datetime="2025-02">February 2025</time>: <a href="https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/">https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/</a>.',
    );
    expect(page).toMatch(/Annotated edition by <a href="[^"]+">Folio<\/a>, <time datetime="\d{4}-\d\d-\d\d">/);
    expect(page).not.toMatch(/>By /); // no byline: none is known
  });

  it("marks every annotation with a numbered reference and a popover that reads without JavaScript", async () => {
    const page = await html(`/articles/${SEED}`);
    const data = await (await get(`/articles/${SEED}.json`)).json<{ annotations: { number: number; anchor: { exact: string } }[] }>();
    expect(data.annotations.length).toBeGreaterThanOrEqual(8);
    for (const a of data.annotations) {
      expect(page).toContain(`popovertarget="pop-${a.number}"`);
      expect(page).toContain(`<aside class="pop" id="pop-${a.number}" popover role="note"`);
      expect(page).toContain(`<li id="note-${a.number}">`);
      expect(page).toContain(`<a href="#noteref-${a.number}"`);
      expect(page).toContain(`<sup id="noteref-${a.number}" lang="en" dir="ltr">`);
    }
    expect(page).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  });

  it("keeps each paragraph's text to the article's words and the reference numbers", async () => {
    const page = await html(`/articles/${SEED}`);
    type Run = { text: string; notes: unknown[] };
    const data = await (await get(`/articles/${SEED}.json`)).json<{ blocks: { type: string; content?: Run }[] }>();
    const text = (markup: string) =>
      markup
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&");
    const body = page.slice(page.indexOf("</div>\n") + 7, page.indexOf('<section class="notes"'));
    // The popovers are asides between the blocks; each paragraph block is its own line.
    expect(body).toMatch(/<\/p>\n<aside class="pop"/);
    const blocks = body.replace(/\n<aside class="pop"[^>]*>.*?<\/aside>/gs, "");
    const paragraphs = [...blocks.matchAll(/(?<=^|\n)<p>(.*?)<\/p>(?=\n|$)/gs)].map((m) => m[1]!);
    const runs = data.blocks.flatMap((b) => (b.type === "paragraph" ? [b.content!] : []));
    expect(runs.filter((r) => r.notes.length > 0).length).toBeGreaterThan(0);
    expect(paragraphs).toHaveLength(runs.length);
    for (const [i, r] of runs.entries()) {
      expect(paragraphs[i]).not.toMatch(/<aside| popover[ >]|class="kind"/);
      expect(text(paragraphs[i]!.replace(/<sup[^>]*>.*?<\/sup>/g, ""))).toBe(r.text);
      expect(text(paragraphs[i]!).replace(/\d+/g, "")).toBe(r.text.replace(/\d+/g, ""));
    }
  });

  it("tags foreign-language quotations in notes with lang", async () => {
    const page = await html(`/articles/${SEED}`);
    expect(page).toMatch(/<blockquote class="orig" lang="zh" dir="ltr"><p>[^<]*搬不走的好邻居/);
    expect(page).toMatch(/<blockquote class="orig" lang="ru" dir="ltr">/);
  });

  it("shows each note's kind and sources as links", async () => {
    const page = await html(`/articles/${SEED}`);
    const notes = page.slice(page.indexOf('<section class="notes"'));
    expect(notes).toContain('<span class="kind" lang="en" dir="ltr">Translation:</span>');
    expect(notes).toContain('<span class="kind" lang="en" dir="ltr">Fact check:</span>');
    expect(notes).toMatch(/Sources?: <a href="https?:\/\/[^"]+" rel="external" dir="auto">/);
  });

  it("has canonical, Open Graph, Twitter card, feed autodiscovery and an EPUB link", async () => {
    const page = await html(`/articles/${SEED}`);
    expect(page).toMatch(new RegExp(`<link rel="canonical" href="https?://[^"]+/articles/${SEED}">`));
    for (const p of ["og:title", "og:description", "og:url", "og:image", "og:type"]) expect(page).toContain(`<meta property="${p}"`);
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    for (const t of ["application/rss+xml", "application/atom+xml", "application/feed+json"]) expect(page).toContain(`<link rel="alternate" type="${t}"`);
    expect(page).toContain(`<a href="/articles/${SEED}.epub" download>EPUB</a>`);
  });

  it("describes itself as a schema.org NewsArticle based on the original", async () => {
    const page = await html(`/articles/${SEED}`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!);
    expect(ld["@type"]).toBe("NewsArticle");
    expect(ld.isBasedOn.url).toBe("https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/");
    expect(ld.isBasedOn.datePublished).toBe("2025-02");
    expect(ld.author).toBeUndefined();
  });

  it("keeps literal markup in the text as text", async () => {
    const page = await html("/articles/fixture-escaping-stress-test");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});

describe("the index page", () => {
  it("lists every article, newest first, over its pages, and links the OPDS catalog", async () => {
    const index = await allArticles();
    expect(index.length).toBeGreaterThanOrEqual(4);
    let text = "";
    for (let path: string | undefined = "/"; path; ) {
      const page = await html(path);
      text += page;
      path = /<link rel="next" href="https:\/\/[^/"]+([^"]*)">/.exec(page)?.[1];
    }
    const positions = index.map((a) => text.indexOf(`href="/articles/${a.slug}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const dates = index.map((a) => a.published);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await html("/")).toContain('<link rel="alternate" type="application/atom+xml;profile=opds-catalog;kind=acquisition"');
  });
});
