/**
 * Language and direction on every surface, in workerd: the direction comes from the language
 * tag's script through workerd's Intl.Locale, the page is in the site's language, the article
 * in its own, and the site's words inside it in the site's.
 */
import { describe, expect, it } from "vitest";
import { direction } from "../../src/render/lang.ts";
import { get } from "./helpers.ts";

const AR = "fixture-ar-harbour-lighthouse";
const ZH = "fixture-zh-harbour-nets";

describe("direction from the language tag's script, in workerd", () => {
  it("is right to left for every language written in a right-to-left script, and only those", () => {
    for (const lang of ["ar", "ar-EG", "fa", "he", "ur", "yi", "dv", "ckb", "ps", "sd", "syr", "nqo", "ug", "az-Arab", "pa-Arab", "uz-Arab"]) expect(direction(lang), lang).toBe("rtl");
    for (const lang of ["en", "zh", "zh-Hant", "ru", "ja", "th", "az", "pa", "uz", "tr", "ar-Latn", "not a tag"]) expect(direction(lang), lang).toBe("ltr");
  });
});

describe("an Arabic article's page", () => {
  it("is in the site's language; the article, its title, dek, text and notes are in Arabic, right to left", async () => {
    const html = await (await get(`/articles/${AR}`)).text();
    expect(html).toContain(`<html lang="en" dir="ltr">`);
    expect(html).toContain(`<article lang="ar" dir="rtl">`);
    // The site's words inside the article: attribution, labels, links.
    expect(html).toContain(`<div class="meta" lang="en" dir="ltr">`);
    expect(html).toContain(`<h2 id="notes-heading" lang="en" dir="ltr">Notes</h2>`);
    expect(html).toMatch(/<span class="kind" lang="en" dir="ltr">[^<]+<\/span> يكتب الحارس/);
    // The note's original, in French, left to right inside the right-to-left article.
    expect(html).toContain(`<blockquote class="orig" lang="fr" dir="ltr"><p>Le gardien note le temps chaque soir dans son carnet.</p></blockquote>`);
  });

  it("lists its title and dek in Arabic, right to left, on the site's lists", async () => {
    const html = await (await get(`/tags/${"lighthouses"}`)).text();
    expect(html).toContain(`<h2 lang="ar" dir="rtl"><a href="/articles/${AR}">`);
    expect(html).toContain(`<html lang="en" dir="ltr">`);
  });

  it("keeps the language in the JSON, the feeds and the EPUB, whose documents carry dir", async () => {
    expect((await (await get(`/articles/${AR}.json`)).json<{ language: string }>()).language).toBe("ar");
    const opds = await (await get(`/tags/${"lighthouses"}/opds.xml`)).text();
    expect(opds).toContain("<dc:language>ar</dc:language>");
  });
});

describe("a Chinese article's page", () => {
  it("is left to right, in Chinese, its Japanese and English originals marked as such", async () => {
    const html = await (await get(`/articles/${ZH}`)).text();
    expect(html).toContain(`<article lang="zh" dir="ltr">`);
    expect(html).toContain(`<blockquote class="orig" lang="ja" dir="ltr">`);
    expect(html).toContain(`<blockquote class="orig" lang="en" dir="ltr">`);
  });
});
