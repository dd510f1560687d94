/**
 * GitHub-style Markdown tables: parsed into a `table` block of text runs, anchored into like
 * any other run, and rendered with `<th scope="col">` in the page (inside a box that scrolls
 * on a narrow screen), the feeds and the EPUB.
 */
import { Validator } from "@cfworker/json-schema";
import { beforeAll, describe, expect, it } from "vitest";
import { makeFigures } from "../../src/build/figures.ts";
import { articleJsonSchema } from "../../src/build/json-schema.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import { assignOffsets, parseMarkdown } from "../../src/content/markdown.ts";
import { makeEpub } from "../../src/epub/book.ts";
import type { Article, Block, Corpus, TextRun } from "../../src/model/document.ts";
import { plainText, runsOf } from "../../src/model/text.ts";
import { tableLabel } from "../../src/render/blocks.ts";
import { renderFeedContent } from "../../src/render/feeds/content.ts";
import { renderArticlePage } from "../../src/render/html/article.ts";
import { renderArticleJson } from "../../src/render/json/article.ts";
import { readBook } from "./epub-corpus.ts";

const run = (text: string, marks: TextRun["marks"] = []): TextRun => ({ text, offset: 0, marks, notes: [] });
const TABLE = "| Day | Boats | Note |\n|:--|--:|:-:|\n| Mon | 14 | *calm* |\n| Tue | 9 |\n";

describe("parseMarkdown: tables", () => {
  it("reads the header row, the body rows and each column's alignment", () => {
    const { blocks, problems } = parseMarkdown(`Before.\n\n${TABLE}\nAfter.`);
    expect(problems).toEqual([]);
    expect(blocks[1]).toEqual({
      type: "table",
      align: ["left", "right", "center"],
      head: [run("Day"), run("Boats"), run("Note")],
      // markdown-it pads a short row to the header's width.
      rows: [
        [run("Mon"), run("14"), run("calm", [{ type: "em", start: 0, end: 4 }])],
        [run("Tue"), run("9"), run("")],
      ],
    });
  });

  it("leaves a column without a colon unaligned, and a table may have no body rows", () => {
    expect(parseMarkdown("| a | b |\n|---|---|\n").blocks).toEqual([{ type: "table", align: [null, null], head: [run("a"), run("b")], rows: [] }]);
  });

  it("puts the cells in the plain text in reading order, header first", () => {
    const { blocks } = parseMarkdown(`Before.\n\n${TABLE}`);
    const text = assignOffsets(blocks);
    expect(text).toBe("Before.\n\nDay\n\nBoats\n\nNote\n\nMon\n\n14\n\ncalm\n\nTue\n\n9\n\n");
    for (const r of runsOf(blocks)) expect(text.slice(r.offset, r.offset + r.text.length)).toBe(r.text);
  });

  it("refuses a table inside a list or a block quote, on the table's line", () => {
    expect(parseMarkdown(`- item\n\n  ${TABLE.replace(/\n(?=.)/g, "\n  ")}`).problems).toEqual([
      { line: 3, message: "a table inside a list is not supported: keep quotes, lists and headings at the top level" },
    ]);
    expect(parseMarkdown(`> ${TABLE.replace(/\n(?=.)/g, "\n> ")}`).problems).toEqual([
      { line: 1, message: "a table inside a block quote is not supported: keep quotes, lists and headings at the top level" },
    ]);
  });

  it("reports a bad link in a cell on the cell's row", () => {
    expect(parseMarkdown("| a |\n|---|\n| x |\n| [y](ftp://example.org) |\n").problems).toEqual([{ line: 4, message: `link "ftp://example.org" must be an absolute http(s) or mailto: URL` }]);
  });
});

describe("a table in the fixture article", () => {
  let corpus: Corpus;
  let article: Article;
  let table: Extract<Block, { type: "table" }>;
  beforeAll(async () => {
    corpus = loadCorpus({ contentDir: "content", articleDirs: ["test/fixtures/articles"] });
    await makeFigures(corpus, { contentDir: "content", articleDirs: ["test/fixtures/articles"] }); // the fixture has a figure too
    article = corpus.articles.find((a) => a.slug === "fixture-figure-and-table")!;
    table = article.blocks.find((b) => b.type === "table")!;
  });

  it("anchors a note in a table cell, and its position points into the plain text", () => {
    const note = article.annotations.find((a) => a.id === "new-ferry")!;
    const cell = table.rows[2]![3]!;
    expect(cell.notes).toEqual([{ id: "new-ferry", number: note.number, start: 0, end: "the new ferry arrived".length }]);
    expect(plainText(article).slice(note.position.start, note.position.end)).toBe("the new ferry arrived");
  });

  it("on the page: a keyboard-reachable, named box that scrolls, header cells with scope, alignment as classes", () => {
    const html = renderArticlePage(corpus.site, article);
    const box = html.slice(html.indexOf(`<div class="table-box"`), html.indexOf("</div>", html.indexOf(`<div class="table-box"`)));
    expect(box).toContain(`<div class="table-box" role="region" tabindex="0" aria-label="Table: Day, Fishing boats, Ferries, Remarks"><table><thead><tr><th scope="col" class="align-left">Day</th><th scope="col" class="align-right">Fishing boats</th><th scope="col" class="align-center">Ferries</th><th scope="col">Remarks</th></tr></thead><tbody>`);
    expect(box).toContain(`<td><mark>the new ferry arrived</mark><sup id="noteref-1" lang="en" dir="ltr"><button`);
    expect(box).not.toContain("style=");
    // The note's popover comes after the box, never inside the table.
    expect(html.indexOf(`<aside class="pop" id="pop-1"`)).toBeGreaterThan(html.indexOf("</table></div>"));
  });

  it("in the feeds: plain table markup with header scope and the note reference linking to the page", () => {
    const html = renderFeedContent(corpus.site, article);
    expect(html).toContain(`<table><thead><tr><th scope="col" class="align-left">Day</th>`);
    expect(html).toContain(`<td><span>the new ferry arrived</span><sup><a href="${corpus.site.url}/articles/fixture-figure-and-table#note-1">1</a></sup></td>`);
    expect(html).not.toContain("table-box");
  });

  it("in the EPUB: header cells with scope, added back after epub-gen-memory's clean-up", async () => {
    const book = await readBook(await makeEpub(corpus.site, article, new Uint8Array([1])));
    const xhtml = book.get("OEBPS/article.xhtml")!;
    expect(xhtml).toContain(`<thead><tr><th scope="col" class="align-left">Day</th><th scope="col" class="align-right">Fishing boats</th>`);
    expect(xhtml).toContain(`<td><span>the new ferry arrived</span><sup><a href="endnotes.xhtml#note-1"`);
    expect(book.get("OEBPS/style.css")).toContain(".align-right { text-align: right; }");
  });

  it("in the article JSON, valid against its schema", () => {
    const json = JSON.parse(renderArticleJson(corpus.site, article)) as { blocks: Block[] };
    expect(json.blocks).toContainEqual(table);
    const validator = new Validator(articleJsonSchema() as never, "2020-12", false);
    expect(validator.validate(json).errors).toEqual([]);
    const broken = { ...json, blocks: [{ ...table, align: ["middle"] }] };
    expect(validator.validate(broken).valid).toBe(false);
  });
});

describe("tableLabel", () => {
  it("names the box by its column headings, cut at a word when long", () => {
    expect(tableLabel([run("Year"), run(""), run("Exports\nby sea")])).toBe("Table: Year, Exports by sea");
    expect(tableLabel([run("")])).toBe("Table");
    expect(tableLabel([run("word ".repeat(30))])).toMatch(/^Table: (word ){15}word…$/);
  });
});
