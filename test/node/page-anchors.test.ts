/**
 * The annotation collection's selectors anchor on the article page they name: held against the
 * page's DOM as jsdom builds it and as the conformance check reads it (Hypothesis's way: the
 * quote with its prefix and suffix found exactly once, the position selecting the quote), on
 * every article of the content and the fixtures, and on an article made to trip the markers
 * (phrases next to each other, inside and across links and emphasis, in a heading, a list and a
 * quote, across a hard line break).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHtml } from "../../scripts/conformance/dom.ts";
import { anchoringProblems, collectionItems, rootTexts } from "../../scripts/conformance/w3c-anchoring.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import type { Article, Corpus, Site } from "../../src/model/document.ts";
import { renderArticlePage } from "../../src/render/html/article.ts";
import { renderAnnotationsJsonLd } from "../../src/render/json/annotations.ts";
import { markPhrases, pageText } from "../../src/render/page-anchors.ts";
import { absolute, noteRefId, paths } from "../../src/render/urls.ts";

type Json = Record<string, any>;

const site = `title: Folio Anchors
description: A site for the anchoring tests.
url: https://anchors.test
language: en
publisher:
  name: Anchors Press
  url: https://press.example.org
rights: The notes are Folio Anchors'.
`;

const article = `---
title: "Anchors & Phrases"
dek: "One article whose notes sit where markers could slip."
language: en
source:
  publisher: The Test Courier
  url: https://example.org/courier
  date: "2024-05-06"
published: "2026-01-02"
updated: "2026-01-09"
---

## The harbour [office and its quay](https://example.org/office)

Adjacent phrases sit side by side here, and the *quick brown* fox jumps.

First line of the address,  
second line of the address.

- one item
- two items

> A quoted phrase, said twice: a quoted phrase.
`;

const note = (id: string, exact: string, extra = "") => `- id: ${id}
  kind: context
  anchor:
    exact: ${JSON.stringify(exact)}${extra}
  body: |
    A note on ${id}.
  sources:
    - title: "Fixture source"
      url: https://example.org/${id}
`;

const annotations = [
  note("quay", "and its quay"), // inside a link, ending with it: its number goes after the link
  note("harbour", "harbour office"), // across the link's start
  note("adjacent", "Adjacent phrases"),
  note("side", " sit side by side"), // starts where the previous phrase ends
  note("quick", "quick brown fox"), // across the end of an emphasis
  note("item", "one item"), // a list item: no newline before the next one on the page
  note("two", "two"),
  note("quoted", "a quoted phrase", `\n    prefix: "twice: "`), // the same words earlier in the quote
].join("\n");

/** A built corpus of the one article above. */
function crafted(markdown = article, notes = annotations): Corpus {
  const dir = mkdtempSync(join(tmpdir(), "folio-anchors-"));
  try {
    writeFileSync(join(dir, "site.yaml"), site);
    mkdirSync(join(dir, "articles", "anchors"), { recursive: true });
    writeFileSync(join(dir, "articles", "anchors", "article.md"), markdown);
    writeFileSync(join(dir, "articles", "anchors", "annotations.yaml"), notes);
    return loadCorpus({ contentDir: dir, root: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The problems the conformance check finds with the article's collection against its page. */
function problems(siteOf: Site, a: Article): string[] {
  const collection = JSON.parse(renderAnnotationsJsonLd(siteOf, a)) as Json;
  const page = absolute(siteOf.url, paths.article(a.slug));
  return anchoringProblems(a.slug, collection, new Map([[page, renderArticlePage(siteOf, a)]]), a.annotations.length);
}

/** Each annotation's quote and position, with the page's text as jsdom reads it. */
function selectors(siteOf: Site, a: Article) {
  const collection = JSON.parse(renderAnnotationsJsonLd(siteOf, a)) as Json;
  const document = parseHtml(renderArticlePage(siteOf, a), absolute(siteOf.url, paths.article(a.slug)));
  const { raw, rendered } = rootTexts(document.body!);
  /** Where note n's reference starts in the body's text (a DOM Range from the body's start to it). */
  const refAt = (n: number): number => {
    const dom = document as unknown as { createRange(): { setStart(node: unknown, offset: number): void; setEndBefore(node: unknown): void; toString(): string } };
    const range = dom.createRange();
    range.setStart(document.body, 0);
    range.setEndBefore(document.getElementById(noteRefId(n)));
    return range.toString().length;
  };
  const items = collectionItems(collection).map((item) => {
    const [quote, position] = (item["target"] as Json).selector as Json[];
    return { id: String(item["id"]).split("#")[1]!, ...quote!, start: position!["start"] as number, end: position!["end"] as number } as Json;
  });
  return { collection, raw, rendered, items, refAt };
}

describe("W3C anchors on the page they name", () => {
  it("anchor every note of the content and the fixtures on its page", () => {
    const corpus = loadCorpus({ contentDir: "content", articleDirs: ["content/articles", "test/fixtures/articles"] });
    expect(corpus.articles.reduce((n, a) => n + a.annotations.length, 0)).toBeGreaterThan(20);
    for (const a of corpus.articles) {
      expect(problems(corpus.site, a), a.slug).toEqual([]);
      // Notes do not overlap, so each quote is the editor's phrase, with no note number inside.
      const { raw, items, refAt } = selectors(corpus.site, a);
      for (const [i, item] of items.entries()) {
        expect(item["exact"], item["id"]).toBe(a.annotations[i]!.anchor.exact);
        // Its number follows it on the page, in the same block (after the rest of a link around it).
        const ref = refAt(a.annotations[i]!.number);
        expect(ref, item["id"]).toBeGreaterThanOrEqual(item["end"]);
        expect(raw.slice(item["end"], ref), item["id"]).not.toContain("\n");
      }
    }
  });

  it("select on the page the words the editor anchored, with the note numbers after them", () => {
    const corpus = crafted();
    const a = corpus.articles[0]!;
    expect(problems(corpus.site, a)).toEqual([]);
    const { raw, items, refAt } = selectors(corpus.site, a);
    for (const item of items) {
      const editor = a.annotations.find((n) => n.id === item["id"])!;
      expect(raw.slice(item["start"], item["end"]), item["id"]).toBe(editor.anchor.exact);
      expect(item["exact"], item["id"]).toBe(editor.anchor.exact);
      // On the page, a phrase's number follows it at once (the link around "quay" ends with it).
      expect(refAt(editor.number), item["id"]).toBe(item["end"]);
    }
    const byId = new Map(items.map((i) => [i["id"], i]));
    // List items have no whitespace between them on the page: the context runs on.
    expect(byId.get("item")!["suffix"]).toMatch(/^6two7/);
    expect(byId.get("adjacent")!["suffix"]).toMatch(/^3 sit side by side4/);
  });

  it("quote a phrase across a hard line break as Hypothesis does, the <br> a space", () => {
    const corpus = crafted(article, note("address", "address,\nsecond line"));
    const a = corpus.articles[0]!;
    const { raw, rendered, items } = selectors(corpus.site, a);
    const [item] = items;
    expect(item!["exact"]).toBe("address, \nsecond line");
    expect(raw.slice(item!["start"], item!["end"])).toBe("address,\nsecond line");
    const context = item!["prefix"] + item!["exact"] + item!["suffix"];
    expect(rendered.indexOf(context)).toBeGreaterThan(-1);
    expect(rendered.indexOf(context, rendered.indexOf(context) + 1)).toBe(-1);
  });

  it("take more context where 32 characters do not tell the phrase apart", () => {
    // The first paragraph reads on the page as the second does with its note number.
    const sentence = "The lamps came back on along the quay after the winter, one by one and street by street, until the whole harbour was lit again.";
    const markdown = article.replace("> A quoted", `First. ${sentence.replace("one by one", "one by one1")}\n\nSecond. ${sentence}\n\n> A quoted`);
    const corpus = crafted(markdown, note("lamps", "one by one", `\n    prefix: "Second. The lamps came back on along the quay after the winter, "`));
    const a = corpus.articles[0]!;
    expect(problems(corpus.site, a)).toEqual([]);
    const [item] = selectors(corpus.site, a).items;
    expect((item!["prefix"] as string).length + (item!["suffix"] as string).length).toBeGreaterThan(64);
  });

  it("name the site as the creator, at the page's site URL", () => {
    const corpus = crafted();
    const { collection } = selectors(corpus.site, corpus.articles[0]!);
    for (const item of collectionItems(collection)) expect(item["creator"]).toEqual({ type: "Organization", name: "Folio Anchors", homepage: "https://anchors.test" });
  });

  it("leave the page's text as it is: the markers come out without a trace, however notes nest", () => {
    const corpus = crafted();
    const base = corpus.articles[0]!;
    // Notes the content refuses (nested, ending together, starting together) still render: the markers must not move their numbers.
    const run = { text: "alpha beta gamma delta", offset: 0, marks: [{ type: "em" as const, start: 6, end: 16 }], notes: [
      { id: "outer", number: 1, start: 0, end: 16 },
      { id: "inner", number: 2, start: 6, end: 16 },
      { id: "first", number: 3, start: 0, end: 5 },
      { id: "next", number: 4, start: 16, end: 22 },
    ] };
    const nested: Article = {
      ...base,
      blocks: [{ type: "paragraph", content: run }],
      annotations: run.notes.map((n) => ({ ...base.annotations[0]!, id: n.id, number: n.number, position: { start: n.start, end: n.end } })),
    };
    const marked = markPhrases(run);
    expect(marked.text.replace(/[\uFDD0\uFDD2][0-9]+\uFDD1/g, "")).toBe(run.text);
    for (const a of [base, nested]) {
      const { raw, rendered } = pageText(corpus.site, a);
      const dom = rootTexts(parseHtml(renderArticlePage(corpus.site, a), "https://anchors.test/").body!);
      expect(raw.text).toBe(dom.raw);
      expect(rendered.text).toBe(dom.rendered);
    }
    const { raw } = pageText(corpus.site, nested);
    const at = (n: number) => raw.text.slice(raw.starts.get(n), raw.ends.get(n));
    expect([at(1), at(2), at(3), at(4)]).toEqual(["alpha3 beta gamma", "beta gamma", "alpha", " delta"]);
  });
});
