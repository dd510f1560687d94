/**
 * The article page and the notes of the book: note references and endnotes in the markup
 * that Kobo, Apple Books and KOReader turn into popups, checked as written to the EPUB.
 */
import { XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { makeEpub, unreferenceText } from "../../src/epub/book.ts";
import type { Corpus } from "../../src/model/document.ts";
import { readBook, slugs, testCorpus } from "./epub-corpus.ts";

let corpus: Corpus;
let book: Map<string, string>;
let article: string;
let notes: string;

beforeAll(async () => {
  corpus = testCorpus();
  book = await readBook(await makeEpub(corpus.site, corpus.articles.find((a) => a.slug === slugs.full)!, new Uint8Array([1])));
  article = book.get("OEBPS/article.xhtml")!;
  notes = book.get("OEBPS/endnotes.xhtml")!;
});

/** The <li> of note n, as written. */
const noteItem = (n: number) => notes.slice(notes.indexOf(`<li id="note-${n}"`), notes.indexOf("</li>", notes.indexOf(`<li id="note-${n}"`)) + 5);

describe("the article page", () => {
  it("matches the snapshot", async () => {
    await expect(article).toMatchFileSnapshot("__snapshots__/epub/article.xhtml");
  });

  it("opens with the headline, dek, byline, attribution with the original's URL, and the edition date", () => {
    const header = article.slice(article.indexOf("<header>"), article.indexOf("</header>"));
    expect(header).toContain("<h1>Lamps &amp; Ledgers: The Harbour&apos;s &apos;Quiet&apos; Year</h1>");
    expect(header).toContain(`<p class="dek">A made-up report`);
    expect(header).toContain(`<p class="byline">By Ada Fixture.</p>`);
    expect(header).toContain(`Originally published by The Test Gazette in May 2024: <a href="https://example.org/gazette/lamps?issue=3&amp;page=2">`);
    expect(header).toContain(`Annotated edition by <a href="https://folio.test">Folio Test Press</a>, 2 January 2026, updated 3 January 2026.`);
    expect(article.indexOf("</header>")).toBeLessThan(article.indexOf("The harbour"));
  });

  it("puts <sup> outside the note reference link, with noteref and doc-noteref", () => {
    expect(article).toContain(
      `after the council&apos;s vote</span><sup><a href="endnotes.xhtml#note-1" id="noteref-1" epub:type="noteref" role="doc-noteref">1</a></sup>`,
    );
    expect(article.match(/epub:type="noteref"/g)).toHaveLength(3);
    expect(article).not.toMatch(/<a [^>]*noteref[^>]*><sup>/);
  });

  it("is well-formed XHTML", () => {
    expect(XMLValidator.validate(article)).toBe(true);
  });
});

describe("the endnotes", () => {
  it("match the snapshot", async () => {
    await expect(notes).toMatchFileSnapshot("__snapshots__/epub/endnotes.xhtml");
  });

  it("are one section marked endnotes / doc-endnotes, one <li> per note", () => {
    expect(notes).toContain(`<section id="endnotes" epub:type="endnotes" role="doc-endnotes">`);
    expect(notes.match(/<li id="note-\d+" epub:type="endnote" role="doc-endnote">/g)).toHaveLength(3);
    expect(XMLValidator.validate(notes)).toBe(true);
  });

  it("start each note with its backlink, as its number, then its kind", () => {
    expect(noteItem(1)).toMatch(/^<li id="note-1" [^>]*>\n<p><a href="article\.xhtml#noteref-1" role="doc-backlink">1\.<\/a> <span class="kind">Context:<\/span> The vote took place/);
    expect(noteItem(2)).toContain(`<span class="kind">Term:</span>`);
    // Exactly one backlink per note, and none at the end.
    for (const n of [1, 2, 3]) expect(noteItem(n).match(/doc-backlink/g)).toHaveLength(1);
  });

  it("keep every paragraph of a note", () => {
    expect(noteItem(1)).toContain("<p>A second paragraph, to test notes of more than one.</p>");
  });

  it("quote the original with xml:lang, lang and its direction", () => {
    expect(noteItem(2)).toContain(`<p class="original-label">Original (Chinese):</p>`);
    expect(noteItem(2)).toContain(`<blockquote class="original" xml:lang="zh" lang="zh" dir="ltr"><p>合作社</p></blockquote>`);
    expect(noteItem(3)).toContain(`<blockquote class="original" xml:lang="ar" lang="ar" dir="rtl"><p>سوق الليل</p></blockquote>`);
  });

  it("are written as UTF-8 text, not as the numeric references epub-gen-memory's serializer makes", () => {
    expect(notes).not.toMatch(/&#x/);
    expect(unreferenceText("&#x5408; &#x1F98A; &#x26; &amp;")).toBe("合 🦊 &#x26; &amp;");
  });

  it("list the sources as links, escaped", () => {
    expect(noteItem(1)).toContain(
      `<p class="sources">Sources: <a href="https://example.org/minutes?a=1&amp;b=2">Fixture minutes &amp; votes</a>; <a href="https://example.org/archive">Fixture archive</a></p>`,
    );
    expect(noteItem(2)).toContain(`<p class="sources">Source: <a href="https://example.org/glossary">Fixture glossary</a></p>`);
  });

  it("link both ways: every reference has its note and every note its reference", () => {
    const refs = [...article.matchAll(/href="endnotes\.xhtml#(note-\d+)" id="(noteref-\d+)"/g)];
    for (const [, note, ref] of refs) {
      expect(notes).toContain(`<li id="${note}"`);
      expect(notes).toContain(`href="article.xhtml#${ref}"`);
    }
  });
});
