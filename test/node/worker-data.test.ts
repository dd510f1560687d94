/**
 * What the worker reads of the build's output (src/build/worker-data.ts): the bundled module,
 * whose strings parse back to the very JSON the build wrote, and the pack table cut into a
 * directory and chunks (src/model/pack-directory.ts), through which every file is found where
 * the whole table says.
 */
import { describe, expect, it } from "vitest";
import { packFiles } from "../../src/build/packs.ts";
import type { OutputFiles } from "../../src/build/output.ts";
import { chunkPackTable, jsString, readWorkerModule, workerData } from "../../src/build/worker-data.ts";
import { indexPacks, type AssetManifest, type PackTable } from "../../src/model/assets.ts";
import { chunkOf, chunkPath, openPackDirectory } from "../../src/model/pack-directory.ts";

const importSource = (source: string) => import(`data:text/javascript,${encodeURIComponent(source)}`) as Promise<Record<string, string>>;

/** A packed output of `n` articles (EPUB, cover, OG image, model and record each) and two other served files. */
function packed(n: number, from = 0): PackTable {
  const files: OutputFiles = new Map();
  const site: AssetManifest = { "/": { type: "text/html", size: 10, etag: '"home"' } };
  const add = (path: string, type: string, size: number, served: boolean) => {
    files.set(`assets${path}`, path.endsWith(".json") ? JSON.stringify({ [path]: "x".repeat(size) }) : new Uint8Array(size).fill(path.length % 251));
    if (served) site[path] = { type, size, etag: `"${path}"`, modified: "2026-02-03T04:05:06Z" };
  };
  for (let i = from; i < from + n; i++) {
    const slug = `article-${i}`;
    add(`/articles/${slug}.epub`, "application/epub+zip", 3000 + i, true);
    add(`/articles/${slug}/cover.png`, "image/png", 2000, true);
    add(`/articles/${slug}/og.png`, "image/png", 1000, true);
    add(`/_model/${slug}.json`, "application/json", 500, false);
    add(`/_model/${slug}.validators.json`, "application/json", 100, false);
  }
  add("/collections/tags/china.epub", "application/epub+zip", 9000, true);
  add("/articles/article-0/figures/abc.png", "image/png", 700, true);
  add("/_search/manifest.json", "application/json", 50, false);
  return packFiles(files, site, { bound: 64 * 1024 });
}

describe("the worker's bundled data", () => {
  it("keeps every character of the JSON text: quotes, backslashes, line and paragraph separators, other scripts", async () => {
    const value = { title: `It's "quoted" \\ back\\slash \u2028 line \u2029 para, 中国, Ελλάδα, \u0000 nul, emoji 🙂, </script>`, list: ["'", "\\'", "\\\\"] };
    const json = JSON.stringify(value);
    const { text } = await importSource(`export const text = ${jsString(json)};`);
    expect(text).toBe(json);
    expect(JSON.parse(text!)).toEqual(value);
  });

  it("bundles the catalog, the site's record and the directory, and puts the chunks among the assets", async () => {
    const table = packed(3);
    const catalog = JSON.stringify({ site: { title: "T" }, articles: [{ slug: "article-0" }, { slug: "article-1" }, { slug: "article-2" }] });
    const out = workerData(catalog, JSON.stringify({ ...table, site: { "/": { type: "text/html", size: 1, etag: '"s"' } } }));
    const module = await importSource(out.get("worker-catalog.js")!);
    expect(module.catalog).toBe(catalog);
    expect(JSON.parse(module.siteRecord!)).toEqual({ "/": { type: "text/html", size: 1, etag: '"s"' } });
    const directory = JSON.parse(module.packDirectory!);
    expect(directory.articleFiles).toEqual({ ".epub": "application/epub+zip", "/cover.png": "image/png", "/og.png": "image/png" });
    expect(directory.served).toEqual({ "/collections/tags/china.epub": "application/epub+zip", "/articles/article-0/figures/abc.png": "image/png" });
    const chunks = [...out.keys()].filter((k) => k.startsWith("assets/"));
    expect(chunks).toEqual(directory.first.map((_: string, k: number) => `assets${chunkPath(k)}`));
    expect(out.get("worker-catalog.d.ts")).toContain("export declare const packDirectory: string;");
  });

  it("reads the module's three texts back, as the dev server hands them to its worker, the same as the bundle holds", async () => {
    const title = `It's "quoted" \\ back\\slash \\u2028 written out, \u2028 line \u2029 para, 中国 🙂`;
    const catalog = JSON.stringify({ site: { title }, articles: [{ slug: "article-0" }, { slug: "article-1" }, { slug: "article-2" }] });
    const out = workerData(catalog, JSON.stringify({ ...packed(3), site: { "/": { type: "text/html", size: 1, etag: '"s\'"' } } }));
    const source = out.get("worker-catalog.js")!;
    const module = await importSource(source);
    expect(readWorkerModule(source)).toEqual({ catalog: module.catalog, siteRecord: module.siteRecord, packDirectory: module.packDirectory });
    expect(readWorkerModule(source)!.catalog).toBe(catalog);
    expect(readWorkerModule("export const catalog = '{}';\n")).toBeUndefined();
  });

  it("lists an article's files by path when not every article has them", () => {
    const { directory } = chunkPackTable(packed(3), 4);
    expect(directory.articleFiles).toEqual({});
    expect(directory.served["/articles/article-1.epub"]).toBe("application/epub+zip");
  });

  it("finds every file, through the directory and one chunk, where the whole table says", async () => {
    const table = packed(400);
    const { directory, chunks } = chunkPackTable(table, 400, 4096);
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(4096 + 400);
    const reads: number[] = [];
    const lookup = openPackDirectory(directory, async (k) => (reads.push(k), chunks[k]!));
    const whole = indexPacks(table);
    for (const path of table.path) expect(await lookup.locate(path), path).toEqual(whole.locate(path));
    expect(new Set(reads).size).toBe(reads.length); // each chunk read once
    for (const path of ["/", "/articles/article-400.epub", "/zzz", "/_model/article-1.json.x", "/articles/article-1/cover.png/"]) expect(await lookup.locate(path), path).toBeUndefined();
    expect(chunkOf(directory.first, "")).toBe(-1);
  });

  it("reads a chunk again after a failed read", async () => {
    const table = packed(5);
    const { directory, chunks } = chunkPackTable(table, 5);
    let fail = true;
    const lookup = openPackDirectory(directory, async (k) => {
      if (fail) throw new Error("asset server down");
      return chunks[k]!;
    });
    await expect(lookup.locate("/articles/article-1.epub")).rejects.toThrow("asset server down");
    fail = false;
    expect(await lookup.locate("/articles/article-1.epub")).toMatchObject({ size: 3001 });
  });
});
