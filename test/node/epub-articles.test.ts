/**
 * Every real article (the seed in content/ and the fixtures in test/fixtures/articles) makes
 * a book without a warning from epub-gen-memory, with well-formed documents throughout.
 */
import { existsSync } from "node:fs";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/build/content-files.ts";
import { makeArticleFiles } from "../../src/build/article-files.ts";
import { readBook } from "./epub-corpus.ts";

const articleDirs = ["content/articles", "test/fixtures/articles"].filter((d) => existsSync(d));

describe("the books of the seed and the fixtures", () => {
  it("build, with well-formed XML in every file", async () => {
    const corpus = loadCorpus({ contentDir: "content", articleDirs });
    const files = await makeArticleFiles(corpus, () => {});
    for (const article of corpus.articles) {
      const book = await readBook(files.get(`articles/${article.slug}.epub`)!.data);
      for (const [name, text] of book) if (/\.(xhtml|opf|ncx|xml)$/.test(name)) expect(XMLValidator.validate(text), `${article.slug}: ${name}`).toBe(true);
      expect(book.get("OEBPS/endnotes.xhtml") !== undefined, article.slug).toBe(article.annotations.length > 0);
      expect(book.get("OEBPS/endnotes.xhtml")?.match(/epub:type="endnote"/g)?.length ?? 0).toBe(article.annotations.length);
    }
  });

  it("keep the seed's text: no byline, the original dated to the month", async () => {
    const corpus = loadCorpus({ contentDir: "content" });
    const seed = corpus.articles.find((a) => a.slug === "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart")!;
    const files = await makeArticleFiles({ ...corpus, articles: [seed] }, () => {});
    const book = await readBook(files.get(`articles/${seed.slug}.epub`)!.data);
    expect(book.get("OEBPS/content.opf")).not.toContain("<dc:creator");
    expect(book.get("OEBPS/content.opf")).toContain(`<meta property="dcterms:issued" refines="#source">2025-02</meta>`);
    expect(book.get("OEBPS/article.xhtml")).toContain("Originally published by The Diplomat in February 2025:");
    expect(book.get("OEBPS/endnotes.xhtml")).toContain(`<blockquote class="original" xml:lang="zh" lang="zh" dir="ltr"><p>应约</p></blockquote>`);
  });

  it("carry the language, and the direction in every document: the Arabic fixture's right to left, its French original left to right", async () => {
    const corpus = loadCorpus({ contentDir: "content", articleDirs });
    const arabic = corpus.articles.find((a) => a.slug === "fixture-ar-harbour-lighthouse")!;
    const files = await makeArticleFiles({ ...corpus, articles: [arabic] }, () => {});
    const book = await readBook(files.get(`articles/${arabic.slug}.epub`)!.data);
    expect(book.get("OEBPS/content.opf")).toContain("<dc:language>ar</dc:language>");
    expect(book.get("OEBPS/content.opf")).toContain(`page-progression-direction="rtl"`);
    for (const [name, text] of book) if (name.endsWith(".xhtml")) expect(text, name).toContain(`xml:lang="ar" lang="ar" dir="rtl">`);
    expect(book.get("OEBPS/endnotes.xhtml")).toContain(`<blockquote class="original" xml:lang="fr" lang="fr" dir="ltr"><p>Le gardien note le temps chaque soir dans son carnet.</p></blockquote>`);
  });
});
