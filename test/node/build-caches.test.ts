/**
 * The build's one cache folder (src/build/cache-dir.ts) and what it keeps: each article's
 * loaded model (model-cache.ts), its search record (search-files.ts), its pages' ETags
 * (validators.ts) and the packs
 * (pack-store.ts). An unchanged article is taken from the cache, not parsed again; a changed
 * one is loaded again; a cached record gives the same index bytes as a counted one.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, withCacheDir } from "./fixture-project.ts";
import { build } from "../../src/build/build.ts";
import { cacheDirFromEnv, cacheRootFromEnv, defaultCacheRoot } from "../../src/build/cache-dir.ts";
import { forgetKeptModels } from "../../src/build/model-cache.ts";
import { recordsPerFile, searchIndexFiles } from "../../src/build/search-files.ts";
import type { Corpus } from "../../src/model/document.ts";

const repo = resolve(import.meta.dirname, "../..");
const slug = "fixture-harbour-lights-return";
let tmp: string;
let content: string;
let cache: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-caches-"));
  content = fixtureContent(tmp, [slug, "fixture-tea-house-glossary"]);
  cache = join(tmp, "cache");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function buildModel(): Promise<Corpus> {
  await withCacheDir(cache, () => build({ contentDir: content, outDir: join(tmp, "dist"), articleFiles: false, root: content }));
  return JSON.parse(readFileSync(join(tmp, "dist/model.json"), "utf8")) as Corpus;
}

const entries = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json") && f !== "stat-index.json")
    .map((f) => join(dir, f));

describe("the build's cache folder", () => {
  it("is .cache/folio at the project's root unless FOLIO_CACHE_DIR says otherwise, and none with FOLIO_NO_CACHE=1", () => {
    expect(defaultCacheRoot.replaceAll("\\", "/")).toBe(`${repo.replaceAll("\\", "/")}/.cache/folio/`);
    expect(cacheRootFromEnv({})).toBe(defaultCacheRoot);
    expect(cacheRootFromEnv({ FOLIO_CACHE_DIR: "ci-cache" })).toBe(resolve("ci-cache"));
    expect(cacheDirFromEnv("models", { FOLIO_CACHE_DIR: "/ci" })).toBe(resolve("/ci/models"));
    expect(cacheDirFromEnv("cards", { FOLIO_CACHE_DIR: "/ci", FOLIO_NO_CACHE: "1" })).toBeUndefined();
  });

  it("keeps everything under FOLIO_CACHE_DIR, and takes an unchanged article's model from it rather than parsing it again", async () => {
    const first = await buildModel();
    expect(readdirSync(cache).sort()).toEqual(["journal", "models", "packs", "pages", "search", "sizes.json"]);
    const models = entries(join(cache, "models"));
    expect(models).toHaveLength(2);
    // An entry altered behind the build's back (its digest with it: one whose model's JSON does
    // not match its digest is made again) shows that the model came from the cache.
    const file = models.find((f) => readFileSync(f, "utf8").includes(`"slug":"${slug}"`))!;
    const [head, json] = readFileSync(file, "utf8").split("\n") as [string, string];
    const altered = json.replace(/"title":"[^"]*"/, '"title":"From the cache"');
    const entry = JSON.parse(head) as { digest: string; metaBytes?: number };
    entry.digest = createHash("sha256").update(altered).digest("hex");
    if (entry.metaBytes !== undefined) entry.metaBytes += Buffer.byteLength(altered) - Buffer.byteLength(json);
    writeFileSync(file, `${JSON.stringify(entry)}\n${altered}`);
    forgetKeptModels(); // what this process kept of the entry, which the dev server's builds reuse
    const second = await buildModel();
    expect(second.articles.find((a) => a.slug === slug)!.title).toBe("From the cache");
    // A change to the article's file is a new key: loaded again, from the file.
    const md = join(content, "articles", slug, "article.md");
    writeFileSync(md, `${readFileSync(md, "utf8").trimEnd()}\n\nOne more paragraph.\n`);
    const third = await buildModel();
    expect(third.articles.find((a) => a.slug === slug)!.title).toBe(first.articles.find((a) => a.slug === slug)!.title);
    expect(entries(join(cache, "models"))).toHaveLength(3);
  });

  it("makes the same search index from kept records as from counted ones", () => {
    const { articles } = JSON.parse(readFileSync(join(tmp, "dist/model.json"), "utf8")) as Corpus;
    const dir = join(tmp, "search-records");
    const counted = searchIndexFiles(articles);
    const storing = searchIndexFiles(articles, { cacheDir: dir });
    // The records, in files of recordsPerFile articles each.
    expect(readdirSync(dir).sort()).toEqual(Array.from({ length: Math.ceil(articles.length / recordsPerFile) }, (_, c) => `${c}.bin`).sort());
    const kept = searchIndexFiles(articles, { cacheDir: dir });
    for (const files of [storing, kept]) expect(files.map((f) => [f.path, f.data.toString("utf8")])).toEqual(counted.map((f) => [f.path, f.data.toString("utf8")]));
  });
});
