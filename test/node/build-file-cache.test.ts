/**
 * The build's file cache (src/build/file-cache.ts, the step in src/build/article-files.ts): a
 * rebuild takes each unchanged article's files from it and makes none, an edit to one article
 * re-makes that article's files only, a change to the code's hash re-makes them all, the files
 * are the same bytes with and without it, and an entry that cannot be used is made again.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleFilesStep, type BuiltFile } from "../../src/build/article-files.ts";
import { codeHash, codeInputs, defaultFileCacheDir, fileCacheDirFromEnv, ownCodeHash } from "../../src/build/file-cache.ts";
import { strongEtag } from "../../src/model/etag.ts";
import { sha256, slugs, testCorpus } from "./epub-corpus.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-files-"));
const cacheDir = join(dir, "cache");
const bytes = (f: BuiltFile) => (f.data ? f.data : readFileSync(f.file));
const hashes = (files: BuiltFile[]) => Object.fromEntries(files.map((f) => [f.path, sha256(bytes(f))]));
const options = { fileCacheDir: cacheDir, cacheDir: false as const, code: "code-1" };

let uncached: Record<string, string>;

beforeAll(async () => {
  const { files, made } = await articleFilesStep(testCorpus(), () => {}, { fileCacheDir: false, cacheDir: false });
  expect(made).toEqual([slugs.full, slugs.bare]);
  uncached = hashes(files);
  for (const f of files) expect(f.data, f.path).toBeDefined(); // no cache: the bytes in memory
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the build's file cache", () => {
  it("is .cache/folio/files at the project's root, moved by FOLIO_CACHE_DIR, and off with FOLIO_NO_CACHE=1", () => {
    expect(defaultFileCacheDir.replaceAll("\\", "/")).toMatch(/\/\.cache\/folio\/files\/?$/);
    expect(defaultFileCacheDir).not.toMatch(/node_modules/); // npm ci deletes node_modules
    expect(fileCacheDirFromEnv({})).toBe(defaultFileCacheDir);
    expect(fileCacheDirFromEnv({ FOLIO_NO_CACHE: "1" })).toBeUndefined();
    expect(fileCacheDirFromEnv({ FOLIO_NO_CACHE: "0" })).toBe(defaultFileCacheDir);
    expect(fileCacheDirFromEnv({ FOLIO_CACHE_DIR: "/tmp/ci-cache" })).toBe(join("/tmp/ci-cache", "files"));
    expect(fileCacheDirFromEnv({ FOLIO_CACHE_DIR: "/tmp/ci-cache", FOLIO_NO_CACHE: "1" })).toBeUndefined();
  });

  it("makes every file on a first build, the same bytes as without it, then makes none", async () => {
    const first = await articleFilesStep(testCorpus(), () => {}, options);
    expect(first.made).toEqual([slugs.full, slugs.bare]);
    expect(hashes(first.files)).toEqual(uncached);
    expect(readdirSync(cacheDir)).toHaveLength(2);
    const again = await articleFilesStep(testCorpus(), () => {}, options);
    expect(again.made).toEqual([]);
    expect(hashes(again.files)).toEqual(uncached);
    for (const f of again.files) {
      expect(f.file, f.path).toMatch(new RegExp(`^${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
      expect(f.size).toBe(readFileSync(f.file!).byteLength);
      expect(f.etag).toBe(strongEtag(createHash("sha256").update(bytes(f)).digest()));
    }
  });

  it("re-makes only the article whose model changed", async () => {
    const corpus = testCorpus();
    const full = corpus.articles.find((a) => a.slug === slugs.full)!;
    full.title = `${full.title}, again`;
    const { made, files } = await articleFilesStep(corpus, () => {}, options);
    expect(made).toEqual([slugs.full]);
    expect(hashes(files)[`articles/${slugs.full}.epub`]).not.toBe(uncached[`articles/${slugs.full}.epub`]);
    expect(hashes(files)[`articles/${slugs.bare}.epub`]).toBe(uncached[`articles/${slugs.bare}.epub`]);
  });

  it("re-makes every article's files when the code's hash changes", async () => {
    const { made, files } = await articleFilesStep(testCorpus(), () => {}, { ...options, code: "code-2" });
    expect(made).toEqual([slugs.full, slugs.bare]);
    expect(hashes(files)).toEqual(uncached);
  });

  it("re-makes an entry whose file is cut short, and uses it once whole again", async () => {
    const { files } = await articleFilesStep(testCorpus(), () => {}, options);
    const epub = files.find((f) => f.path === `articles/${slugs.bare}.epub`)!;
    truncateSync(epub.file!, 10);
    const again = await articleFilesStep(testCorpus(), () => {}, options);
    expect(again.made).toEqual([slugs.bare]);
    expect(hashes(again.files)).toEqual(uncached);
    expect((await articleFilesStep(testCorpus(), () => {}, options)).made).toEqual([]);
  });
});

describe("the code's hash", () => {
  it("changes with any file that makes the articles' files, and with nothing else", () => {
    const src = join(dir, "src");
    for (const input of codeInputs) cpSync(join("src", input), join(src, input), { recursive: true });
    cpSync("src/worker", join(src, "worker"), { recursive: true });
    const before = codeHash(src);
    expect(before).toBe(ownCodeHash()); // the same files as the project's own
    writeFileSync(join(src, "worker/errors.ts"), "// not an input\n", { flag: "a" });
    expect(codeHash(src)).toBe(before);
    for (const file of ["render/escape.ts", "epub/book.ts", "cards/draw.ts", "model/document.ts", "build/article-files.ts"]) {
      const path = join(src, file);
      const text = readFileSync(path, "utf8");
      writeFileSync(path, `${text}\n// changed\n`);
      expect(codeHash(src), file).not.toBe(before);
      writeFileSync(path, text);
      expect(codeHash(src), file).toBe(before);
    }
  });
});
