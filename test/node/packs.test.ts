/**
 * The packing step (src/build/packs.ts): every file under assets/ becomes a slice of a pack,
 * found again through the pack table; packs keep their bound; what is read together stays
 * together; and one new article changes the packs around it, not every pack after it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutPacks, FILE_LIMIT, packFiles as packWithRecord, type PackOptions } from "../../src/build/packs.ts";
import { composeRecord } from "../../src/build/validators.ts";
import type { OutputFiles } from "../../src/build/output.ts";
import { indexPacks, packPath, type AssetManifest, type PackTable } from "../../src/model/assets.ts";

/** Deterministic bytes of a given size, different for each name. */
function bytes(name: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let h = 7;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  for (let i = 0; i < size; i++) out[i] = (h + i * 13) & 0xff;
  return out;
}

/** The files a build makes for `slugs` (in that order), with a record of the built files and of each article's pages. */
function output(slugs: string[], sizeOf: (slug: string) => number = () => 3000): OutputFiles {
  const files: OutputFiles = new Map();
  const site: AssetManifest = { "/": { type: "text/html", size: 10, etag: '"home"', modified: "2026-01-01T00:00:00Z" } };
  for (const slug of slugs) {
    for (const [path, type, size] of [[`/articles/${slug}.epub`, "application/epub+zip", sizeOf(slug)], [`/articles/${slug}/cover.png`, "image/png", 2000], [`/articles/${slug}/og.png`, "image/png", 1000]] as const) {
      files.set(`assets${path}`, bytes(path, size));
      site[path] = { type, size, etag: `"${slug}-${size}"`, modified: "2026-02-03T04:05:06Z" };
    }
  }
  for (const slug of slugs) files.set(`assets/_model/${slug}.json`, JSON.stringify({ slug, text: "x".repeat(500) }));
  for (const slug of slugs) files.set(`assets/_model/${slug}.validators.json`, JSON.stringify({ [`/articles/${slug}`]: { type: "text/html", size: 1, etag: `"p-${slug}"`, modified: "2026-03-01T00:00:00Z" } }));
  files.set("assets.json", JSON.stringify(site));
  files.set("catalog.json", "{}");
  return files;
}

/** Packs with the record the test output holds in its assets.json (the build hands the validators' record). */
const packFiles = (files: OutputFiles, options?: PackOptions): PackTable => {
  const table = packWithRecord(files, JSON.parse(files.get("assets.json") as string) as AssetManifest, options);
  files.set("packs.json", JSON.stringify(table));
  return table;
};

const slugs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `article-${from + i}`);

function slice(files: OutputFiles, table: PackTable, path: string): Uint8Array | undefined {
  const at = indexPacks(table).locate(path);
  if (!at) return undefined;
  return (files.get(`assets${packPath(at.pack)}`) as Uint8Array).subarray(at.offset, at.offset + at.size);
}

describe("packing the built files", () => {
  it("packs the files the build hands as links (the file cache's) from their files' bytes, and takes them out of the links", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-packs-"));
    try {
      const files = output(slugs(6));
      const links = new Map<string, { file: string; size: number }>();
      for (const key of ["assets/articles/article-2.epub", "assets/articles/article-4/cover.png"]) {
        const file = join(dir, key.replaceAll("/", "_"));
        writeFileSync(file, files.get(key) as Uint8Array);
        links.set(key, { file, size: (files.get(key) as Uint8Array).byteLength });
        files.delete(key);
      }
      links.set("model.json", { file: join(dir, "elsewhere"), size: 1 }); // not under assets/: left to the write
      const table = packFiles(files, { bound: 16 * 1024, links });
      expect([...links.keys()]).toEqual(["model.json"]);
      expect(new Uint8Array(slice(files, table, "/articles/article-2.epub")!)).toEqual(bytes("/articles/article-2.epub", 3000));
      expect(new Uint8Array(slice(files, table, "/articles/article-4/cover.png")!)).toEqual(bytes("/articles/article-4/cover.png", 2000));
      expect(indexPacks(table).locate("/articles/article-2.epub")).toMatchObject({ etag: '"article-2-3000"' });
      // …in the places they would have had as bytes: the same packs, the same order.
      const plain = packFiles(output(slugs(6)), { bound: 16 * 1024 });
      expect(table.path).toEqual(plain.path);
      expect(table.packs).toEqual(plain.packs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a linked file whose size is not the one recorded", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-packs-"));
    try {
      const files = output(slugs(2));
      const file = join(dir, "short.epub");
      writeFileSync(file, new Uint8Array(10));
      files.delete("assets/articles/article-1.epub");
      const links = new Map([["assets/articles/article-1.epub", { file, size: 3000 }]]);
      expect(() => packFiles(files, { links })).toThrow(/short\.epub has 10 bytes, the build recorded 3000 for assets\/articles\/article-1\.epub/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("replaces every file under assets/ by its slice of a pack, with its record", () => {
    const files = output(slugs(40));
    const before = new Map([...files].filter(([k]) => k.startsWith("assets/")).map(([k, v]) => [k.slice("assets".length), typeof v === "string" ? new TextEncoder().encode(v) : v]));
    const table = packFiles(files, { bound: 16 * 1024 });
    expect([...files.keys()].filter((k) => k.startsWith("assets/")).every((k) => /^assets\/_packs\/\d+\.bin$/.test(k))).toBe(true);
    expect(table.path.length).toBe(before.size);
    for (const [path, data] of before) expect(new Uint8Array(slice(files, table, path)!), path).toEqual(new Uint8Array(data));
    const epub = indexPacks(table).locate("/articles/article-3.epub")!;
    expect(epub).toMatchObject({ type: "application/epub+zip", size: 3000, etag: '"article-3-3000"', modified: "2026-02-03T04:05:06Z" });
    // Internal files have no ETag of their own, and are not served as themselves.
    expect(indexPacks(table).locate("/_model/article-3.json")?.etag).toBe("");
    expect(indexPacks(table).locate("/articles/article-3/og.png")).toMatchObject({ type: "image/png", size: 1000 });
    // What is not a file stays in the table's own record.
    expect(Object.keys(table.site)).toEqual(["/"]);
    expect(JSON.parse(files.get("packs.json") as string)).toEqual(table);
  });

  it("composes the whole record once: the site-wide part, then each article's own pages, and each article's file", () => {
    const site: AssetManifest = { "/": { type: "text/html", size: 10, etag: '"home"' }, "/articles/a.epub": { type: "application/epub+zip", size: 3, etag: '"e"' } };
    const perArticle = new Map<string, AssetManifest>([
      ["a", { "/articles/a": { type: "text/html", size: 1, etag: '"p-a"' } }],
      ["b", { "/articles/b": { type: "text/html", size: 2, etag: '"p-b"' } }],
    ]);
    const { assetsJson, articleRecords } = composeRecord({ site, perArticle });
    expect(Object.keys(JSON.parse(assetsJson) as AssetManifest)).toEqual(["/", "/articles/a.epub", "/articles/a", "/articles/b"]);
    expect(assetsJson).toBe(JSON.stringify({ ...site, ...perArticle.get("a"), ...perArticle.get("b") }, null, 2));
    expect([...articleRecords.keys()]).toEqual(["assets/_model/a.validators.json", "assets/_model/b.validators.json"]);
    expect(JSON.parse(articleRecords.get("assets/_model/b.validators.json") as string)).toEqual(perArticle.get("b"));
  });

  it("keeps each pack within its bound, and a bigger file in a pack of its own", () => {
    const big = 40 * 1024;
    const files = output(slugs(30), (s) => (s === "article-9" ? big : 3000));
    const table = packFiles(files, { bound: 16 * 1024 });
    const { pack } = indexPacks(table).locate("/articles/article-9.epub")!;
    expect(table.packs[pack]).toBe(big);
    for (const [n, size] of table.packs.entries()) if (n !== pack) expect(size).toBeLessThanOrEqual(16 * 1024);
    for (const [n, size] of table.packs.entries()) expect((files.get(`assets${packPath(n)}`) as Uint8Array).byteLength).toBe(size);
  });

  it("packs by family in the articles' order, each model beside its record", () => {
    const table = packFiles(output(slugs(50)), { bound: 8 * 1024 });
    const index = indexPacks(table);
    const packOf = (path: string) => index.locate(path)!.pack;
    for (const slug of slugs(50)) expect(packOf(`/_model/${slug}.validators.json`), slug).toBe(packOf(`/_model/${slug}.json`));
    const families = table.pack.map((p, i) => [p, table.path[i]!.startsWith("/_model/") ? "model" : table.path[i]!.slice(table.path[i]!.lastIndexOf(".") + 1)] as const);
    for (const [p, family] of families) expect(families.filter(([q]) => q === p).every(([, f]) => f === family), `pack ${p}`).toBe(true);
    const epubs = table.path.filter((p) => p.endsWith(".epub"));
    expect(epubs).toEqual(slugs(50).map((s) => `/articles/${s}.epub`));
  });

  it("changes the packs around a new article, not every pack after it", () => {
    const bound = 16 * 1024;
    const old = output(slugs(300, 1));
    const packsOf = (files: OutputFiles) => new Set([...files].filter(([k]) => k.startsWith("assets/_packs/")).map(([, v]) => Buffer.from(v as Uint8Array).toString("base64")));
    packFiles(old, { bound });
    const added = output(["article-0", ...slugs(300, 1)]);
    packFiles(added, { bound });
    const before = packsOf(old);
    const after = packsOf(added);
    const changed = [...after].filter((p) => !before.has(p)).length;
    expect(after.size).toBeGreaterThan(30);
    // One or two packs per family (models, EPUBs, PNGs) differ; a running count would shift them all.
    expect(changed).toBeLessThanOrEqual(6);
  });

  it("stops on a file over Cloudflare's 25 MiB, naming it", () => {
    const files = output(slugs(2));
    files.set("assets/collections/everything.epub", new Uint8Array(FILE_LIMIT + 1));
    expect(() => packFiles(files)).toThrow(/\/collections\/everything\.epub is 25\.0 MiB, over the 25 MiB/);
  });

  it("cuts where the files say, whatever came before", () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ path: `/a/${i}.bin`, size: 500 + ((i * 37) % 1000) }));
    const whole = cutPacks(items, 10_000);
    const later = cutPacks(items.slice(37), 10_000);
    // After the first few packs, the two agree on every boundary.
    const ends = (packs: { path: string }[][]) => new Set(packs.map((p) => p.at(-1)!.path));
    const common = [...ends(later)].filter((e) => ends(whole).has(e));
    expect(common.length).toBeGreaterThanOrEqual(ends(later).size - 2);
    for (const pack of whole) expect(pack.reduce((n, i) => n + i.size, 0)).toBeLessThanOrEqual(10_000);
  });
});
