/**
 * Tags and the page size in the content steps: spellings that differ only in case or diacritics
 * are one tag (shown one way, with a notice); spellings that differ in letters but make one slug
 * stop the build, naming both with file and line.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, formatProblem } from "../../src/content/errors.ts";
import { loadContent } from "../../src/build/content-files.ts";

const SITE = `title: Test site
description: A site for the tag tests.
url: https://example.org
language: en
publisher:
  name: Folio test fixtures
rights: Test text, free to use.
`;

const article = (tags: string, published = "2026-01-02") => `---
title: An article
dek: Its standfirst.
language: en
source:
  publisher: Folio test fixtures
  url: https://example.org/one
  date: "2025-02"
published: "${published}"
updated: "${published}"
tags:
${tags}
---

The text.
`;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function content(site: string, articles: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-tags-"));
  made.push(dir);
  writeFileSync(join(dir, "site.yaml"), site);
  for (const [slug, text] of Object.entries(articles)) {
    mkdirSync(join(dir, "articles", slug), { recursive: true });
    writeFileSync(join(dir, "articles", slug, "article.md"), text);
  }
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadContent({ contentDir: dir, root: dir });
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe("tags in the content steps", () => {
  it("stop the build when two spellings that differ in more than case and diacritics make one URL, naming both, each with file and line", () => {
    const dir = content(SITE, { a: article("  - South China Sea\n  - C++"), b: article("  - C\n  - south-china sea") });
    expect(problems(dir)).toEqual([
      'articles/b/article.md:12 tags[0]: the tag "C" and the tag "C++" (articles/a/article.md:13 tags[1]) both make the URL /tags/c: spell them the same way, or make them differ in letters or digits',
      'articles/b/article.md:13 tags[1]: the tag "south-china sea" and the tag "South China Sea" (articles/a/article.md:12 tags[0]) both make the URL /tags/south-china-sea: spell them the same way, or make them differ in letters or digits',
    ]);
  });

  it("make spellings that differ only in case or diacritics one tag, shown as most articles spell it, with a notice naming each spelling and where", () => {
    const dir = content(SITE, { a: article("  - Diplomacy\n  - diplomacy"), b: article("  - diplomacy"), c: article("  - DIPLOMACY\n  - Kraków"), d: article("  - Krakow") });
    const loaded = loadContent({ contentDir: dir, root: dir });
    expect(loaded.corpus.articles.map((a) => a.tags)).toEqual([["diplomacy"], ["diplomacy"], ["diplomacy", "Kraków"], ["Kraków"]]);
    const notices = loaded.warnings.map(formatProblem);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toBe(
      'articles/a/article.md:13 tags[1]: notice: the tag /tags/diplomacy is written 3 ways, one tag shown as "diplomacy" (the spelling most articles use; site.yaml\'s tags: map can name another): "diplomacy" (2 articles: articles/a/article.md:13 tags[1], articles/b/article.md:12 tags[0]); "Diplomacy" (1 article: articles/a/article.md:12 tags[0]); "DIPLOMACY" (1 article: articles/c/article.md:12 tags[0])',
    );
  });

  it("give a tie to the newest article's spelling, unless site.yaml's tags: map names one", () => {
    const articles = { a: article("  - Trade", "2026-01-02"), b: article("  - trade", "2026-03-04") };
    expect(loadContent({ contentDir: content(SITE, articles) }).corpus.articles.map((a) => a.tags)).toEqual([["trade"], ["trade"]]);
    const named = loadContent({ contentDir: content(`${SITE}tags:\n  trade: TRADE\n`, articles) });
    expect(named.corpus.articles.map((a) => a.tags)).toEqual([["TRADE"], ["TRADE"]]);
    expect(named.corpus.site).not.toHaveProperty("tags");
    expect(problems(content(`${SITE}tags:\n  trade: Commerce\n`, articles))).toEqual([
      'site.yaml:9 tags.trade: shows the tag "trade" as "Commerce", which is not a spelling of it: the two may differ only in case and diacritics',
    ]);
  });

  it("accept the same spelling everywhere, and refuse a tag with no letter or digit", () => {
    expect(problems(content(SITE, { a: article("  - Trade"), b: article("  - Trade") }))).toEqual([]);
    expect(problems(content(SITE, { a: article('  - "!!!"') }))).toEqual(['articles/a/article.md:12 tags[0]: the tag "!!!" has no letter or digit, so it has no URL: use a word']);
  });
});

describe("pageSize in site.yaml", () => {
  it("defaults to 50 and must be a whole number from 1", () => {
    const ok = loadContent({ contentDir: content(SITE, { a: article("  - Trade") }) });
    expect(ok.corpus.site.pageSize).toBe(50);
    expect(loadContent({ contentDir: content(`${SITE}pageSize: 7\n`, { a: article("  - Trade") }) }).corpus.site.pageSize).toBe(7);
    const [bad] = problems(content(`${SITE}pageSize: 0\n`, { a: article("  - Trade") }));
    expect(bad).toMatch(/^site\.yaml:8 pageSize: /);
  });
});
