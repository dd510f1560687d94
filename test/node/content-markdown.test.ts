/** parseMarkdown: the article's Markdown → flat blocks of text runs with marks, or problems. */
import { describe, expect, it } from "vitest";
import { assignOffsets, parseMarkdown, parseParagraphs } from "../../src/content/markdown.ts";
import type { Block, TextRun } from "../../src/model/document.ts";

const run = (text: string, marks: TextRun["marks"] = []): TextRun => ({ text, offset: 0, marks, notes: [] });
const blocksOf = (source: string): Block[] => {
  const { blocks, problems } = parseMarkdown(source);
  expect(problems).toEqual([]);
  return blocks;
};
const problemsOf = (source: string) => parseMarkdown(source).problems;
/** The run of a source that is one paragraph. */
const paragraphOf = (source: string): TextRun => {
  const [p, ...rest] = blocksOf(source);
  expect(rest).toEqual([]);
  if (p?.type !== "paragraph") throw new Error(`expected one paragraph, got ${p?.type}`);
  return p.content;
};

describe("parseMarkdown: inline marks", () => {
  it("puts em, strong, code and links at their positions in the plain text", () => {
    const [p] = blocksOf("A *small* **bold** `x.csv` [page](https://example.org/a) end.");
    expect(p).toEqual({
      type: "paragraph",
      content: run("A small bold x.csv page end.", [
        { type: "em", start: 2, end: 7 },
        { type: "strong", start: 8, end: 12 },
        { type: "code", start: 13, end: 18 },
        { type: "link", start: 19, end: 23, href: "https://example.org/a" },
      ]),
    });
  });

  it("nests marks, outer first", () => {
    expect(paragraphOf("**bold *both*** and [a *linked* word](https://example.org)")).toEqual(
      run("bold both and a linked word", [
        { type: "strong", start: 0, end: 9 },
        { type: "em", start: 5, end: 9 },
        { type: "link", start: 14, end: 27, href: "https://example.org" },
        { type: "em", start: 16, end: 22 },
      ]),
    );
  });

  it("keeps backslash escapes and entities as the characters they stand for", () => {
    expect(paragraphOf("\\*not em\\*, Tom &amp; Jerry, \\&amp;, &lt;b&gt;")).toEqual(run("*not em*, Tom & Jerry, &amp;, <b>"));
  });

  it("turns a soft line break into a space and keeps a hard one as a newline", () => {
    expect(paragraphOf("one\ntwo  \nthree\\\nfour").text).toBe("one two\nthree\nfour");
  });

  it("allows http, https and mailto links, and autolinks", () => {
    const p = paragraphOf("[a](http://example.org) [b](mailto:ed@example.org) <https://example.org/x>");
    expect(p.marks.map((m) => m.type === "link" && m.href)).toEqual(["http://example.org", "mailto:ed@example.org", "https://example.org/x"]);
  });
});

describe("parseMarkdown: blocks", () => {
  it("reads paragraphs, ## headings, block quotes, and - and 1. lists in order", () => {
    const blocks = blocksOf("Intro.\n\n## Part one\n\n### Detail\n\n> Quoted one.\n>\n> Quoted two.\n\n- a\n- b\n\n1. first\n2. second\n\nOutro.");
    expect(blocks).toEqual([
      { type: "paragraph", content: run("Intro.") },
      { type: "heading", level: 2, content: run("Part one") },
      { type: "heading", level: 3, content: run("Detail") },
      { type: "quote", paragraphs: [run("Quoted one."), run("Quoted two.")] },
      { type: "list", ordered: false, items: [run("a"), run("b")] },
      { type: "list", ordered: true, items: [run("first"), run("second")] },
      { type: "paragraph", content: run("Outro.") },
    ]);
  });

  it("keeps the number an ordered list starts at, and only when it is not 1", () => {
    expect(blocksOf("3. third\n4. fourth\n\n- x\n\n0. zero")).toEqual([
      { type: "list", ordered: true, start: 3, items: [run("third"), run("fourth")] },
      { type: "list", ordered: false, items: [run("x")] },
      { type: "list", ordered: true, start: 0, items: [run("zero")] },
    ]);
  });

  it("keeps headings deeper than #### at level 4", () => {
    expect(blocksOf("##### Five\n\n###### Six")).toEqual([
      { type: "heading", level: 4, content: run("Five") },
      { type: "heading", level: 4, content: run("Six") },
    ]);
  });

  it("gives every run its offset in the plain text, runs joined by a blank line", () => {
    const blocks = blocksOf("One.\n\n## Two\n\n> Three.\n\n- Four\n- Five");
    const text = assignOffsets(blocks);
    expect(text).toBe("One.\n\nTwo\n\nThree.\n\nFour\n\nFive");
    const runs = blocks.flatMap((b) => (b.type === "paragraph" || b.type === "heading" ? [b.content] : b.type === "quote" ? b.paragraphs : b.type === "list" ? b.items : b.type === "table" ? [...b.head, ...b.rows.flat()] : []));
    for (const r of runs) expect(text.slice(r.offset, r.offset + r.text.length)).toBe(r.text);
  });
});

describe("parseMarkdown: raw HTML stays text", () => {
  it("keeps an inline <script> as literal text, with no marks", () => {
    expect(blocksOf("Before <script>alert(1)</script> after.")).toEqual([{ type: "paragraph", content: run("Before <script>alert(1)</script> after.") }]);
  });

  it("keeps an HTML block as a literal paragraph", () => {
    expect(blocksOf('<script>alert(1)</script>\n\n<div onclick="x()">\nhi\n</div>')).toEqual([
      { type: "paragraph", content: run("<script>alert(1)</script>") },
      { type: "paragraph", content: run('<div onclick="x()"> hi </div>') },
    ]);
  });

  it("never makes a javascript: link: the text stays as written", () => {
    expect(blocksOf("[click](javascript:alert(1))")).toEqual([{ type: "paragraph", content: run("[click](javascript:alert(1))") }]);
  });

  it("keeps HTML comments and CDATA ends as text", () => {
    expect(blocksOf("a <!-- hidden --> b ]]> c")).toEqual([{ type: "paragraph", content: run("a <!-- hidden --> b ]]> c") }]);
  });
});

describe("parseMarkdown: what articles cannot hold, with the line", () => {
  it("rejects images", () => {
    expect(problemsOf("Text.\n\n![a fox](https://example.org/fox.png)")).toEqual([{ line: 3, message: `image "https://example.org/fox.png" must be a file in the article's folder, named with letters, digits, hyphens, underscores and dots, ending in .jpg, .jpeg, .png or .webp` }]);
  });

  it("rejects fenced and indented code blocks", () => {
    expect(problemsOf("Text.\n\n```js\nalert(1)\n```\n\nMore.\n\n    indented")).toEqual([
      { line: 3, message: "a code block is not supported in articles: use paragraphs, headings, quotes and lists" },
      { line: 9, message: "a code block is not supported in articles: use paragraphs, headings, quotes and lists" },
    ]);
  });

  it("rejects horizontal rules", () => {
    expect(problemsOf("One.\n\n---\n\nTwo.\n\n***")).toEqual([
      { line: 3, message: "a horizontal rule is not supported in articles: use paragraphs, headings, quotes and lists" },
      { line: 7, message: "a horizontal rule is not supported in articles: use paragraphs, headings, quotes and lists" },
    ]);
  });

  it("rejects links other than http(s) and mailto", () => {
    expect(problemsOf("One.\n\n[a](ftp://example.org/f) [b](/relative) [c](#here) [d](example.org)")).toEqual([
      { line: 3, message: 'link "ftp://example.org/f" must be an absolute http(s) or mailto: URL' },
      { line: 3, message: 'link "/relative" must be an absolute http(s) or mailto: URL' },
      { line: 3, message: 'link "#here" must be an absolute http(s) or mailto: URL' },
      { line: 3, message: 'link "example.org" must be an absolute http(s) or mailto: URL' },
    ]);
  });

  it("rejects a level-1 heading: that is the title", () => {
    expect(problemsOf("Text.\n\n# Title again")).toEqual([{ line: 3, message: "a level-1 heading is the title: use ## for headings in the body" }]);
  });

  it("rejects nesting it would otherwise flatten or reorder", () => {
    const nested = (what: string) => `${what} is not supported: keep quotes, lists and headings at the top level`;
    expect(problemsOf("> > deep")).toEqual([{ line: 1, message: nested("a block quote inside a block quote") }]);
    expect(problemsOf("> intro\n>\n> - a\n> - b")).toEqual([{ line: 3, message: nested("a list inside a block quote") }]);
    expect(problemsOf("> ## heading")).toEqual([{ line: 1, message: nested("a heading inside a block quote") }]);
    expect(problemsOf("- a\n  - b")).toEqual([{ line: 2, message: nested("a list inside a list") }]);
    expect(problemsOf("- a\n\n  > b")).toEqual([{ line: 3, message: nested("a block quote inside a list") }]);
    expect(problemsOf("- a\n\n  more of a")).toEqual([{ line: 3, message: "a list item may hold one paragraph only: join the paragraphs, or end the list first" }]);
  });
});

describe("parseParagraphs (note bodies)", () => {
  it("returns paragraphs with their marks, and raw HTML as text", () => {
    expect(parseParagraphs("See [this](https://example.org) <b>now</b>.\n\nSecond.")).toEqual({
      runs: [run("See this <b>now</b>.", [{ type: "link", start: 4, end: 8, href: "https://example.org" }]), run("Second.")],
      problems: [],
    });
  });

  it("rejects anything but paragraphs", () => {
    expect(parseParagraphs("Text.\n\n- a list").problems).toEqual([{ line: 1, message: "a note may only hold paragraphs, not a list" }]);
  });
});
