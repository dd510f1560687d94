/**
 * The model cache's stat index (src/build/model-cache.ts): an article whose files' stamps
 * (size, modification and change times, inode: src/build/content-files.ts `stamp`) are the ones
 * an entry was made from is taken from the cache without reading its files; any other is read.
 * A file changed too recently to be trusted (its times within `racyMs` of when it was looked at,
 * as git treats its "racy" entries) is never recorded, so that an edit within the file system's
 * timestamp granularity that keeps the size cannot go unseen.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fixtureContent } from "./fixture-project.ts";
import { nodeContentFiles } from "../../src/build/content-files.ts";
import { forgetKeptModels, openModelCache, type ModelCacheOptions } from "../../src/build/model-cache.ts";
import type { ContentFiles, FileStamp } from "../../src/content/files.ts";
import { anchorStep, finish, loadStep, validateStep } from "../../src/content/load.ts";

const slugs = ["fixture-harbour-lights-return", "fixture-tea-house-glossary"];
let tmp: string;
let content: string;
let cacheDir: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-stat-index-"));
  content = fixtureContent(tmp, slugs);
  cacheDir = join(tmp, "models");
  forgetKeptModels();
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Loads the content through `files` (the disk's, by default) and the cache; returns the titles and every file read (once each). */
function load(options: ModelCacheOptions & { code?: string; files?: ContentFiles } = {}): { titles: Record<string, string>; reads: string[] } {
  const disk = options.files ?? nodeContentFiles(content);
  const reads: string[] = [];
  const files: ContentFiles = { ...disk, read: (path) => (reads.push(path), disk.read(path)) };
  const state = loadStep({ contentDir: content, root: content, files, cache: openModelCache(cacheDir, options.code ?? "test code", options) });
  validateStep(state);
  anchorStep(state);
  const { corpus } = finish(state);
  return { titles: Object.fromEntries(corpus.articles.map((a) => [a.slug, a.title])), reads: [...new Set(reads.map((p) => p.slice(content.length + 1)).filter((p) => p !== "site.yaml"))] };
}

const articleMd = (slug: string) => join(content, "articles", slug, "article.md");

/** The title's first letter in the other case: the same size, other bytes. */
function flipTitle(slug: string): void {
  const text = readFileSync(articleMd(slug), "utf8");
  writeFileSync(articleMd(slug), text.replace(/^title: "?([A-Za-z])/m, (line, letter: string) => line.replace(letter, letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase())));
}

describe("the stat index", () => {
  it("takes an unchanged article from the cache without reading its files", () => {
    const first = load({ racyMs: 0 });
    expect(first.reads.length).toBeGreaterThan(0);
    const second = load({ racyMs: 0 });
    expect(second.reads).toEqual([]);
    expect(second.titles).toEqual(first.titles);
    // A fresh process (no entry kept in memory) reads the index and the entries from the disk.
    forgetKeptModels();
    expect(load({ racyMs: 0 })).toEqual({ titles: first.titles, reads: [] });
  });

  it("reads a file changed with its size and modification time kept (its change time differs)", () => {
    const [slug] = slugs as [string];
    // A time in whole seconds, which utimes can put back exactly.
    const then = new Date(1_700_000_000_000);
    utimesSync(articleMd(slug), then, then);
    const first = load({ racyMs: 0 });
    const before = statSync(articleMd(slug), { bigint: true });
    flipTitle(slug);
    utimesSync(articleMd(slug), then, then);
    expect(statSync(articleMd(slug), { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect(statSync(articleMd(slug), { bigint: true }).size).toBe(before.size);
    const second = load({ racyMs: 0 });
    expect(second.reads).toContain(`articles/${slug}/article.md`);
    expect(second.titles[slug]).not.toBe(first.titles[slug]);
    expect(second.titles[slug]!.toLowerCase()).toBe(first.titles[slug]!.toLowerCase());
  });

  it("does not record a file changed within racyMs of being looked at", () => {
    load(); // the files were just written: within the default 2 s
    expect(load().reads).toHaveLength(4); // both articles' article.md and annotations.yaml
  });

  it("is not fooled by coarse timestamps: a same-size edit within the granularity is read", () => {
    // A file system whose stamps are only the size and a time in whole seconds, as FAT's or an old one's.
    const disk = nodeContentFiles(content);
    const now = Date.now();
    const coarse = (seenMs: number): ContentFiles => ({
      ...disk,
      stamp: (path): FileStamp => ({ id: `${statSync(path).size}:${Math.floor(now / 1000)}`, changedMs: Math.floor(now / 1000) * 1000, seenMs }),
    });
    const first = load({ files: coarse(now + 500) });
    const [slug] = slugs as [string];
    flipTitle(slug);
    // Seen within 2 s of the change: not trusted, so the edit is read although its stamp is the same.
    const second = load({ files: coarse(now + 600) });
    expect(second.titles[slug]).not.toBe(first.titles[slug]);
    // Seen long after: recorded, and then trusted.
    load({ files: coarse(now + 5000) });
    expect(load({ files: coarse(now + 5000) }).reads).toEqual([]);
  });

  it("is kept per code: other code reads every file again", () => {
    load({ racyMs: 0 });
    expect(load({ racyMs: 0 }).reads).toEqual([]);
    expect(load({ racyMs: 0, code: "other code" }).reads).toHaveLength(4);
  });

  it("reads an article whose folder gained a file, though its own files are unchanged", () => {
    load({ racyMs: 0 });
    writeFileSync(join(content, "articles", slugs[0]!, "notes.txt"), "an editor's notes\n");
    expect(load({ racyMs: 0 }).reads).toEqual([`articles/${slugs[0]}/article.md`, `articles/${slugs[0]}/annotations.yaml`]);
  });
});
