/**
 * Scripts written without spaces (Chinese, Japanese, Thai…): split into characters and pairs at
 * build time and at query time, a query's run found only where its characters are adjacent and
 * in order, and marked in snippets; every word a reader sees is searchable (notes' originals,
 * sources' titles, figures, tables).
 */
import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/document.ts";
import { buildSearchIndex } from "../../src/search/index-build.ts";
import { parseQuery, search } from "../../src/search/query.ts";
import { searchableTexts } from "../../src/search/searchable.ts";
import { openSearchIndex } from "../../src/search/store.ts";
import { indexTerms, queryUnits, runUnits, tokensAt } from "../../src/search/terms.ts";
import { article, memoryFiles } from "./search-articles.ts";

const withOriginal = (a: Article, lang: string, text: string, source = "A source"): Article => ({
  ...a,
  annotations: a.annotations.map((n) => ({ ...n, original: { lang, text }, sources: [{ title: source, url: "https://example.org/s" }] })),
});

const articles: Article[] = [
  article("harbour-zh", { title: "港口的早晨", language: "zh", paragraphs: ["天还没亮，渔民们已经在港口修补渔网。"], notes: ["A note in English about the harbour."] }),
  withOriginal(article("summit", { title: "Xi and Putin meet", paragraphs: ["The two leaders called each other good neighbours."], notes: ["Xi's words, as Xinhua gave them."] }), "zh", "中俄是搬不走的好邻居", "新华社的报道"),
  article("tokyo", { title: "東京タワーの夜", language: "ja", paragraphs: ["東京タワーは夜になると明るく光ります。"] }),
  article("bangkok", { title: "ตลาดน้ำ", language: "th", paragraphs: ["ตลาดน้ำเปิดตั้งแต่เช้ามืด"] }),
  // The same characters as the first article's phrase, but never adjacent in that order.
  article("apart", { language: "zh", paragraphs: ["渔网在这里。修补工作明天开始。"] }),
];
const built = buildSearchIndex(articles, { shardBytes: 300, bucketBytes: 200 });
const index = openSearchIndex(built.manifest, memoryFiles(built));
const slugs = async (q: string) => (await search(index, parseQuery(q))).hits.map((h) => h.slug);

describe("splitting", () => {
  it("cuts words where they pass between a script written without spaces and another", () => {
    expect(tokensAt("COVID-19疫情 Xi搬不走").map((t) => [t.text, t.unspaced])).toEqual([
      ["COVID", false],
      ["19", false],
      ["疫情", true],
      ["Xi", false],
      ["搬不走", true],
    ]);
    expect(tokensAt("Kraków Россия مرحبا").every((t) => !t.unspaced)).toBe(true);
    // Hangul is written with spaces: a word, not a run.
    expect(tokensAt("서울 항구").map((t) => t.unspaced)).toEqual([false, false]);
  });

  it("indexes characters and pairs, and looks a run up by pairs that cover it", () => {
    expect(runUnits("搬不走")).toEqual(["搬", "不", "走", "搬不", "不走"]);
    expect(queryUnits("搬")).toEqual(["搬"]);
    expect(queryUnits("邻居")).toEqual(["邻居"]);
    expect(queryUnits("搬不走")).toEqual(["搬不", "不走"]);
    expect(queryUnits("修补渔网")).toEqual(["修补", "渔网"]);
    expect(indexTerms("Xi 邻居")).toEqual(["xi", "邻", "居", "邻居"]);
    // Astral Han characters stay whole.
    expect(runUnits("𠀀𠀁")).toEqual(["𠀀", "𠀁", "𠀀𠀁"]);
  });

  it("parses a mixed query into words and runs", () => {
    expect(parseQuery("Xi 搬不走")).toEqual({ text: "Xi 搬不走", terms: ["xi"], phrases: ["搬不走"] });
  });
});

describe("search in scripts written without spaces", () => {
  it("finds a word from the middle of a sentence", async () => {
    expect(await slugs("渔网")).toEqual(expect.arrayContaining(["harbour-zh", "apart"]));
    expect(await slugs("タワー")).toEqual(["tokyo"]);
    expect(await slugs("น้ำ")).toEqual(["bangkok"]);
    expect(await slugs("港")).toEqual(["harbour-zh"]);
  });

  it("matches a run only where its characters are adjacent and in order", async () => {
    expect(await slugs("修补渔网")).toEqual(["harbour-zh"]);
    expect(await slugs("渔网修补")).toEqual([]);
    expect((await search(index, parseQuery("修补渔网"))).total).toBe(1);
  });

  it("finds a note's original wording and a source's title, alone and with another word", async () => {
    expect(await slugs("搬不走")).toEqual(["summit"]);
    expect(await slugs("好邻居")).toEqual(["summit"]);
    expect(await slugs("新华社")).toEqual(["summit"]);
    expect(await slugs("Xi 搬不走")).toEqual(["summit"]);
  });

  it("marks the run in the snippet and the title", async () => {
    const page = await search(index, parseQuery("修补渔网"));
    const hit = page.hits[0]!;
    expect(hit.snippet.marks.map((m) => hit.snippet.text.slice(m.start, m.end))).toEqual(["修补渔网"]);
    const summit = (await search(index, parseQuery("Xi 搬不走"))).hits[0]!;
    expect(summit.title.marks.map((m) => summit.title.text.slice(m.start, m.end))).toEqual(["Xi"]);
    expect(summit.snippet.marks.map((m) => summit.snippet.text.slice(m.start, m.end))).toContain("搬不走");
    const title = (await search(index, parseQuery("早晨"))).hits[0]!.title;
    expect(title.marks).toEqual([{ start: 3, end: 5 }]);
  });
});

describe("searchable texts", () => {
  it("hold figures' alt text, caption and credit, and table cells", () => {
    const a: Article = {
      ...article("figures"),
      blocks: [
        { type: "figure", file: "f.jpg", alt: "Boats along the wall", caption: "The wall at dawn", credit: "Jane Doe", width: 1, height: 1, mediaType: "image/jpeg", variants: [] },
        { type: "table", align: [null], head: [{ text: "Day", offset: 0, marks: [], notes: [] }], rows: [[{ text: "Monday", offset: 5, marks: [], notes: [] }]] },
      ],
    };
    const t = searchableTexts(a).text;
    for (const w of ["Boats", "dawn", "Jane", "Day", "Monday"]) expect(t).toContain(w);
  });
});
