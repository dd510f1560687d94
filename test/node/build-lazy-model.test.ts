/**
 * An unchanged article from the model cache (src/build/model-cache.ts) is lazy: its metadata is
 * read from the entry, its body (blocks, annotations) parsed only when a step reads it
 * (src/build/article-json.ts `lazyArticle`); its JSON is what was kept, byte for byte; an entry
 * whose JSON does not match its digest is made again; an article with a figure (which the build
 * adds to) is parsed at once.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonWithArticles } from "../../src/build/build.ts";
import { articleData, articleDigest, articleJson, lazyArticle, metaOfJson } from "../../src/build/article-json.ts";
import { nodeContentFiles } from "../../src/build/content-files.ts";
import { forgetKeptModels, openModelCache } from "../../src/build/model-cache.ts";
import { anchorStep, finish, loadStep, validateStep } from "../../src/content/load.ts";
import { catalogOf, metaOf } from "../../src/model/catalog.ts";
import type { Article, Corpus } from "../../src/model/document.ts";
import { mayHoldFigures } from "../../src/model/figure-free.ts";

const repo = resolve(import.meta.dirname, "../..");
const slugs = ["fixture-harbour-lights-return", "fixture-tea-house-glossary", "fixture-figure-and-table", "fixture-escaping-stress-test"];
let tmp: string;
let content: string;
let cacheDir: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-lazy-model-"));
  content = join(tmp, "content");
  cacheDir = join(tmp, "models");
  mkdirSync(join(content, "articles"), { recursive: true });
  cpSync(join(repo, "content/site.yaml"), join(content, "site.yaml"));
  for (const s of slugs) cpSync(join(repo, "test/fixtures/articles", s), join(content, "articles", s), { recursive: true });
  forgetKeptModels();
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function load(): Corpus {
  const state = loadStep({ contentDir: content, root: content, files: nodeContentFiles(content), cache: openModelCache(cacheDir, "test code", { racyMs: 0 }) });
  validateStep(state);
  anchorStep(state);
  return finish(state).corpus;
}

/** The model cache's entry files. */
const entries = () => readdirSync(cacheDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json") && f.includes("/")).map((f) => join(cacheDir, f));

/** Whether reading `field` of the article would parse its body: its getter, or a plain value. */
const isLazy = (article: Article, field: "blocks" | "annotations") => Object.getOwnPropertyDescriptor(article, field)?.get !== undefined;

describe("a lazy model", () => {
  it("gives the same model, JSON and digest as a parsed one, and parses its body only when read", () => {
    const cold = load();
    const warm = load();
    expect(warm.articles.map((a) => a.slug)).toEqual(cold.articles.map((a) => a.slug));
    for (const [i, article] of warm.articles.entries()) {
      const before = cold.articles[i]!;
      const figure = before.blocks.some((b) => b.type === "figure");
      // Figures are added to by the build: such an article is parsed at once.
      expect(isLazy(article, "blocks")).toBe(!figure);
      expect(mayHoldFigures(article)).toBe(figure);
      expect(metaOf(article)).toEqual(metaOf(before));
      // The kept bytes, not decoded, and no parse: the same text as the cold build's JSON.
      expect(Buffer.from(articleData(article)).toString("utf8")).toBe(JSON.stringify(before));
      expect(articleDigest(article)).toBe(articleDigest(before));
      expect(JSON.stringify(article)).toBe(JSON.stringify(before));
      expect(article.blocks).toEqual(before.blocks);
      expect(article.annotations).toEqual(before.annotations);
    }
    // model.json from the kept bytes is JSON.stringify of the whole model.
    const whole = jsonWithArticles(warm, warm.articles.map(articleData));
    expect(Buffer.from(whole).toString("utf8")).toBe(JSON.stringify(cold));
    expect(JSON.stringify(catalogOf(warm, []))).toBe(JSON.stringify(catalogOf(cold, [])));
  });

  it("does not parse a body it is never asked for: one that could not be parsed goes unnoticed until read", () => {
    const meta = { slug: "a", title: "Ä “quoted” title", tags: ["x"], wordCount: 3, noteCount: 0 };
    const json = `${JSON.stringify(meta).slice(0, -1)},"blocks":[not json],"annotations":[]}`;
    const article = lazyArticle(metaOfJson(Buffer.from(json), Buffer.byteLength(JSON.stringify(meta)) - 1)!, Buffer.from(json));
    expect(article.title).toBe(meta.title);
    expect(mayHoldFigures(article)).toBe(false);
    expect(metaOf(article)).toEqual(meta);
    expect(() => article.blocks).toThrow(SyntaxError);
    // A copy made with its descriptors (load.ts gives it its tags as shown) stays lazy too.
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(article)) as Article;
    expect(isLazy(copy, "annotations")).toBe(true);
    expect(mayHoldFigures(copy)).toBe(false);
  });

  it("finds the metadata only where the entry's head says the body starts", () => {
    const json = Buffer.from(JSON.stringify({ slug: "a", title: "t", blocks: [], annotations: [] }));
    const at = json.indexOf(',"blocks"');
    expect(metaOfJson(json, at)).toEqual({ slug: "a", title: "t" });
    expect(metaOfJson(json, at - 1)).toBeUndefined();
    expect(metaOfJson(json, at + 1)).toBeUndefined();
    expect(metaOfJson(json, json.byteLength + 5)).toBeUndefined();
  });

  it("makes again an entry whose model's JSON does not match its digest", () => {
    load();
    for (const file of entries()) {
      const text = readFileSync(file, "utf8");
      writeFileSync(file, text.replace(/"title":"([^"]*)"/, (_, t: string) => `"title":"${t.toUpperCase()}"`)); // the JSON's title (the head has none)
    }
    forgetKeptModels();
    const again = load();
    rmSync(cacheDir, { recursive: true, force: true });
    const fresh = load();
    expect(again.articles.map((a) => a.title)).toEqual(fresh.articles.map((a) => a.title));
    expect(again.articles.map((a) => articleJson(a))).toEqual(fresh.articles.map((a) => JSON.stringify(a)));
  });
});
