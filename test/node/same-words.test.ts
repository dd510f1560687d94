/**
 * One article, loaded the way the build loads content, rendered for the page, the feeds'
 * content and the EPUB (as written to the book). Every note and the attribution say the same
 * words in all three (compared as text, markup aside), and the markup holds up where Markdown
 * nests: a note inside a link gets its reference after the link, an ordered list keeps its
 * start, a hard line break stays a line break, and the EPUB is well-formed and passes EPUBCheck.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { epubcheckProblems } from "../../scripts/conformance/epubcheck.ts";
import { epubcheckJar } from "../../scripts/conformance/tools.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import { makeEpub } from "../../src/epub/book.ts";
import type { Article, Corpus } from "../../src/model/document.ts";
import { renderFeedContent } from "../../src/render/feeds/content.ts";
import { renderArticlePage } from "../../src/render/html/article.ts";
import { readBook } from "./epub-corpus.ts";

const site = `title: Folio Words
description: A site for the wording tests.
url: https://folio.test
language: en
publisher:
  name: Folio Words Press
  url: https://folio.test/about
rights: The notes are Folio Words Press's.
`;

const article = `---
title: "Words & Links"
dek: "One article, three media."
language: en
source:
  publisher: The Test Courier
  url: https://example.org/courier?a=1&b=2
  date: "2024-05-06"
author: Ada Fixture
published: "2026-01-02"
updated: "2026-01-09T04:05:06Z"
---

The mayor [spoke at the harbour office](https://example.org/office) on *Monday*.

First line of the address,  
second line of the address.

3. third point;
4. fourth point.

A plain closing paragraph.
`;

const annotations = `- id: office
  kind: context
  anchor:
    exact: "harbour office"
  body: |
    The office is [on the quay](https://example.org/quay), in this made-up story.

    A second paragraph of the note.
  original:
    lang: zh
    text: "港务处"
  sources:
    - title: "Fixture minutes & votes"
      url: https://example.org/minutes?a=1&b=2
    - title: "Fixture archive"
      url: https://example.org/archive

- id: point
  kind: fact-check
  anchor:
    exact: "fourth point"
  body: |
    Checked against the minutes.
  sources:
    - title: "Fixture minutes"
      url: https://example.org/minutes
`;

let corpus: Corpus;
let words: Article;
let page: string;
let feed: string;
let epubBytes: Uint8Array;
let book: Map<string, string>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "folio-words-"));
  try {
    writeFileSync(join(dir, "site.yaml"), site);
    mkdirSync(join(dir, "articles", "words"), { recursive: true });
    writeFileSync(join(dir, "articles", "words", "article.md"), article);
    writeFileSync(join(dir, "articles", "words", "annotations.yaml"), annotations);
    corpus = loadCorpus({ contentDir: dir, root: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  words = corpus.articles[0]!;
  page = renderArticlePage(corpus.site, words);
  feed = renderFeedContent(corpus.site, words);
  // A 1×1 PNG: the cover does not matter here, but EPUBCheck reads it.
  const cover = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  epubBytes = await makeEpub(corpus.site, words, cover);
  book = await readBook(epubBytes);
});

/** Text content of markup: tags dropped (block ends count as a space), entities decoded, spaces collapsed. */
function text(markup: string): string {
  return markup
    .replace(/<\/(p|blockquote|li|h\d)>|<br\/?>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&(#39|apos);/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** The markup of the first element that starts with `open`, up to its `close`. */
function element(markup: string, open: string, close: string): string {
  const start = markup.indexOf(open);
  expect(start, `${open} not found`).toBeGreaterThanOrEqual(0);
  return markup.slice(start, markup.indexOf(close, start) + close.length);
}

/** Each medium's note n, without the medium's own navigation (numbers and back links). */
const notes = {
  pageEndnote: (n: number) => element(page, `<li id="note-${n}">`, "</li>").replace(/<p class="small"[^>]*>.*?<\/p>/, ""),
  pagePopover: (n: number) => element(page, `<aside class="pop" id="pop-${n}"`, "</aside>").replace(/<p class="small"[^>]*>.*?<\/p>/, ""),
  feed: (n: number) => element(feed, `<li value="${n}">`, "</li>").replace(/<p><a [^>]*>↩ Back to the text<\/a><\/p>/, ""),
  epub: (n: number) => element(book.get("OEBPS/endnotes.xhtml")!, `<li id="note-${n}"`, "</li>").replace(/<a [^>]*role="doc-backlink"[^>]*>\d+\.<\/a>/, ""),
};

describe("the same words in the page, the feeds and the EPUB", () => {
  it("for every note: kind, body, original and sources", () => {
    expect(words.annotations).toHaveLength(2);
    for (const { number } of words.annotations) {
      const said = Object.fromEntries(Object.entries(notes).map(([medium, of]) => [medium, text(of(number))]));
      for (const medium of Object.keys(notes)) expect(said[medium], medium).toBe(said["pageEndnote"]);
    }
    expect(text(notes.feed(1))).toBe(
      "Context: The office is on the quay, in this made-up story. A second paragraph of the note. Original (Chinese): 港务处 Sources: Fixture minutes & votes; Fixture archive",
    );
    expect(text(notes.feed(2))).toBe("Fact check: Checked against the minutes. Source: Fixture minutes");
  });

  it("for the attribution", () => {
    const pageWords = text(element(page, `<div class="meta" lang="en" dir="ltr">`, "</div>").replace(/<p class="formats">.*?<\/p>/, ""));
    const feedWords = text(feed.split("\n")[1]!);
    const epub = book.get("OEBPS/article.xhtml")!;
    const epubWords = text(element(epub, "<header>", "</header>").replace(/<h1>.*?<\/h1>|<p class="dek">.*?<\/p>/g, ""));
    const expected =
      "By Ada Fixture. Originally published by The Test Courier on 6 May 2024: https://example.org/courier?a=1&b=2. Annotated edition by Folio Words Press, 2 January 2026, updated 9 January 2026.";
    expect(pageWords).toBe(expected);
    expect(feedWords).toBe(expected);
    expect(epubWords).toBe(expected);
  });
});

describe("markup where Markdown nests", () => {
  const media = () => ({ page, feed, epub: book.get("OEBPS/article.xhtml")! });

  it("puts the reference of a note inside a link after the link, never a link in a link", () => {
    for (const [medium, markup] of Object.entries(media())) {
      expect(markup, medium).toMatch(/<a href="https:\/\/example\.org\/office">spoke at the <(mark|span)>harbour office<\/(mark|span)><\/a><sup[^>]*>/);
      expect(markup, medium).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /s);
      // No button inside a link either (the page's reference is a button).
      expect(markup, medium).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<button/s);
    }
  });

  it("keeps an ordered list's start number and a hard line break", () => {
    for (const [medium, markup] of Object.entries(media())) expect(markup, medium).toContain("First line of the address,<br/>\nsecond line of the address.");
    expect(page).toContain(`<ol start="3"><li>third point;</li><li>`);
    expect(feed).toContain(`<ol start="3"><li>third point;</li><li>`);
    // epub-gen-memory drops `start`: the book writes the numbers out.
    expect(media().epub).toContain(`<ol class="numbered"><li><span class="number">3.</span> third point;</li><li><span class="number">4.</span> `);
  });

  it("writes well-formed XHTML into the book", () => {
    for (const [name, xhtml] of book) if (name.endsWith(".xhtml")) expect(XMLValidator.validate(xhtml), name).toBe(true);
    expect(XMLValidator.validate(`<div>${feed}</div>`)).toBe(true);
  });

  // A checker that CI installs fails the test when missing; it never skips (install: apt-get install epubcheck).
  it("passes EPUBCheck", async () => {
    expect(existsSync(epubcheckJar), `${epubcheckJar} is missing: apt-get install epubcheck default-jre-headless`).toBe(true);
    expect(await epubcheckProblems("words.epub", epubBytes)).toEqual([]);
  }, 120_000);
});
