/** The importer's pure parts: metadata in its order of trust, HTML to Folio's Markdown, the paragraph diff, a clipped text. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseClipped } from "../../src/import/clipped-text.ts";
import { parseHtml } from "../../src/import/dom.ts";
import { dateOf, extractMetadata } from "../../src/import/metadata.ts";
import { diffParagraphs, diffWords, showWords } from "../../src/import/paragraph-diff.ts";
import { articleToMarkdown, figureMarkdown, placeFigures } from "../../src/import/to-markdown.ts";

const page = (head: string, body = "") => parseHtml(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, "https://news.example/a/story");

describe("the page's metadata", () => {
  it("takes JSON-LD first, in an @graph with @id references, over Open Graph and meta", () => {
    const doc = page(`
      <meta property="og:title" content="OG title"><meta name="author" content="Meta Author"><meta property="og:site_name" content="OG site">
      <script type="application/ld+json">{"@graph":[{"@id":"#pub","@type":"NewsMediaOrganization","name":"The Publisher"},
        {"@type":["NewsArticle"],"headline":"LD headline","author":{"@id":"#a"},"publisher":{"@id":"#pub"},"datePublished":"2024-02-29T23:30:00-05:00"},
        {"@id":"#a","@type":"Person","name":"Ann Author"}]}</script>`);
    const m = extractMetadata(doc, "https://news.example/a/story");
    expect(m.title).toEqual({ value: "LD headline", from: "JSON-LD headline" });
    expect(m.author).toEqual({ value: "Ann Author", from: "JSON-LD author" });
    expect(m.publisher).toEqual({ value: "The Publisher", from: "JSON-LD publisher" });
    expect(m.date).toEqual({ value: "2024-02-29", from: "JSON-LD datePublished" }); // the day as the page states it, not moved to UTC
  });

  it("guesses nothing: no field the page does not give, a malformed JSON-LD block ignored, a profile URL is not an author", () => {
    const doc = page(`<script type="application/ld+json">{not json</script><meta property="article:author" content="https://news.example/staff/x">`, "<p>Text</p>");
    expect(extractMetadata(doc, "https://news.example/a/story")).toEqual({});
  });

  it("reads a date as precisely as it is written", () => {
    expect(dateOf("2025")).toBe("2025");
    expect(dateOf("2025-03")).toBe("2025-03");
    expect(dateOf("2025-03-04T10:00:00Z")).toBe("2025-03-04");
    expect(dateOf("March 4, 2025")).toBeUndefined();
  });
});

describe("HTML to Folio's Markdown", () => {
  const convert = (html: string) => articleToMarkdown(parseHtml(`<!doctype html><body><div id="a">${html}</div>`, "https://news.example/a/story").querySelector("#a")!);

  it("keeps the words: Markdown's own characters escaped, links only to the web, headings from ## down, nested lists flattened", () => {
    const { markdown } = convert(`<h1>Top</h1><h5>Deep</h5><p>5 * 3 = 15 and a_b [sic] &amp;amp; <a href="javascript:go()">here</a> <a href="/rel">there</a></p><ol start="3"><li>three<ul><li>inner</li></ul></li><li>four</li></ol><hr><p>line<br>break</p>`);
    expect(markdown).toBe(`## Top

#### Deep

5 \\* 3 = 15 and a\\_b \\[sic\\] \\&amp; here [there](https://news.example/rel)

3. three
4. inner
5. four

line\\
break`);
  });

  it("puts an image inside a paragraph after it, as a figure of its own", () => {
    const { markdown, figures } = convert(`<p>Before <img src="/p.png" alt="A pier"> after.</p>`);
    expect(markdown).toBe("Before after.\n\nFOLIOFIGURE0");
    expect(figures).toEqual([{ src: "https://news.example/p.png", alt: "A pier" }]);
    expect(placeFigures(markdown, ["p.png"], figures)).toBe("Before after.\n\n![A pier](p.png)");
    expect(placeFigures(markdown, [undefined], figures)).toBe("Before after.");
    expect(figureMarkdown({ src: "", alt: "A [big] pier", caption: 'The "old" pier', credit: "Jo_Smith" }, "p.png")).toBe('![A \\[big\\] pier](p.png "The \\"old\\" pier")\nCredit: Jo\\_Smith');
  });
});

describe("the paragraph diff", () => {
  it("matches equal paragraphs, pairs alike ones as changed, and lists the rest as removed or added", () => {
    const ours = ["Same start.", "The cat sat on the mat today.", "A paragraph that went.", "Same end."];
    const theirs = ["Same start.", "Quite new.", "The dog sat on the mat today.", "Same end."];
    expect(diffParagraphs(ours, theirs).map((c) => c.kind)).toEqual(["same", "added", "changed", "removed", "same"]);
    expect(showWords(diffWords(ours[1]!, theirs[2]!))).toBe("The [-cat-] {+dog+} sat on the mat today.");
  });
});

describe("a clipped text", () => {
  it("has a title, an optional link, a standfirst and paragraphs; plain text is escaped", () => {
    expect(parseClipped("\n\nTitle here\n\n<https://x.example/>\n\nThe dek.\n\n*Not emphasis*\n\n# not a heading\n", "txt")).toEqual({ title: "Title here", link: "https://x.example/", dek: "The dek.", markdown: "\\*Not emphasis\\*\n\n\\# not a heading" });
    expect(parseClipped("# Title\n\nThe dek.\n\nSome *emphasis*.", "md")).toEqual({ title: "Title", dek: "The dek.", markdown: "Some *emphasis*." });
  });
});

describe("the importer's layer", () => {
  const sources = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => join(dir, f));
  it("imports only content/ and model/ from src, and only src/dev imports it", () => {
    for (const file of sources("src/import")) {
      for (const [, target] of readFileSync(file, "utf8").matchAll(/from "(\.\.\/[^"]+)"/g)) expect(target, file).toMatch(/^\.\.\/(content|model)\//);
    }
    for (const file of sources("src").filter((f) => !f.startsWith(join("src", "import")) && !f.startsWith(join("src", "dev")))) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/from "(\.\.\/)+import\//);
    }
  });
});
