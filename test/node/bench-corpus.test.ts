/**
 * The benchmark's corpus generator (scripts/bench/corpus.ts) writes content the real loader
 * accepts: every article 700–1,200 words with 8 anchored annotations citing sources, and the
 * same bytes for the same seed.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/build/content-files.ts";
import { generateCorpus } from "../../scripts/bench/corpus.ts";

const tmp = mkdtempSync(join(tmpdir(), "folio-bench-corpus-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the synthetic corpus for benchmarks", () => {
  it("is valid content: the loader finds no problem", () => {
    const made = generateCorpus({ dir: join(tmp, "a"), articles: 12 });
    const corpus = loadCorpus({ contentDir: join(tmp, "a"), root: tmp });
    expect(corpus.articles).toHaveLength(12);
    expect(new Set(made.map((a) => a.slug)).size).toBe(12);
    for (const article of corpus.articles) {
      expect(article.wordCount, article.slug).toBeGreaterThanOrEqual(700);
      expect(article.wordCount, article.slug).toBeLessThanOrEqual(1200);
      expect(article.annotations, article.slug).toHaveLength(8);
      for (const a of article.annotations) expect(a.sources.length).toBeGreaterThanOrEqual(1);
      expect(article.blocks.some((b) => b.type === "heading")).toBe(true);
    }
  });

  it("is the same for the same seed, and its newest article is the same text at every size", () => {
    generateCorpus({ dir: join(tmp, "b"), articles: 3, seed: 7 });
    generateCorpus({ dir: join(tmp, "c"), articles: 3, seed: 7 });
    generateCorpus({ dir: join(tmp, "d"), articles: 5, seed: 7 });
    const files = (dir: string) => readdirSync(join(dir, "articles")).map((slug) => readFileSync(join(dir, "articles", slug, "article.md"), "utf8") + readFileSync(join(dir, "articles", slug, "annotations.yaml"), "utf8"));
    expect(files(join(tmp, "c"))).toEqual(files(join(tmp, "b")));
    const newest = (dir: string) => readdirSync(join(dir, "articles")).find((s) => s.endsWith("-1"))!;
    expect(newest(join(tmp, "d"))).toBe(newest(join(tmp, "b")));
    const text = (dir: string) => readFileSync(join(dir, "articles", newest(dir), "article.md"), "utf8");
    expect(text(join(tmp, "d"))).toBe(text(join(tmp, "b")));
  });
});
