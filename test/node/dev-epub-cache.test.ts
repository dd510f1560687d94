/** The dev build's EPUB cache: only articles whose model changed get new files, and the files are the ones a full build makes. */
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/content/load.ts";
import { makeArticleFiles, type ArticleFiles } from "../../src/epub/article-files.ts";
import type { Corpus } from "../../src/model/document.ts";
import { cachedArticleFiles } from "../../src/dev/epub-cache.ts";

const corpus = loadCorpus({ contentDir: "content", articleDirs: ["test/fixtures/articles"] });
const made: string[][] = [];
const files = cachedArticleFiles(async (c: Corpus, progress) => {
  made.push(c.articles.map((a) => a.slug));
  return makeArticleFiles(c, progress, { cacheDir: false, threads: 1 });
});
const quiet = () => {};
const paths = (f: ArticleFiles) => [...f.keys()].sort();

describe("cachedArticleFiles", () => {
  let first: ArticleFiles;

  it("makes every article's files the first time, as a full build does", async () => {
    first = await files(corpus, quiet);
    expect(made).toEqual([corpus.articles.map((a) => a.slug)]);
    expect(files.lastMade).toEqual(corpus.articles.map((a) => a.slug));
    const full = await makeArticleFiles(corpus, quiet, { cacheDir: false, threads: 1 });
    expect(paths(first)).toEqual(paths(full));
    for (const [path, file] of full) expect(Buffer.compare(first.get(path)!.data, file.data), path).toBe(0);
  }, 60_000);

  it("re-makes nothing when nothing changed", async () => {
    const again = await files(structuredClone(corpus), quiet);
    expect(made).toHaveLength(1);
    expect(files.lastMade).toEqual([]);
    expect(paths(again)).toEqual(paths(first));
  });

  it("re-makes only the article that changed, and gives the others' files back as they were", async () => {
    const edited = structuredClone(corpus);
    const target = edited.articles[1]!;
    target.title += " (edited)"; // in the EPUB, on the cover and on the OG image
    const next = await files(edited, quiet);
    expect(made.at(-1)).toEqual([target.slug]);
    for (const [path, file] of next) {
      const same = Buffer.compare(file.data, first.get(path)!.data) === 0;
      expect(same, path).toBe(!path.startsWith(`articles/${target.slug}.`) && !path.startsWith(`articles/${target.slug}/`));
    }
  }, 60_000);

  it("re-makes every article's files when the site changes", async () => {
    const retitled = structuredClone(corpus);
    retitled.site.title = "Folio, retitled";
    await files(retitled, quiet);
    expect(made.at(-1)).toEqual(corpus.articles.map((a) => a.slug));
  }, 60_000);
});
