/**
 * The same content gives the same bytes: across builds, under another clock, in another time
 * zone, and with the card cache cold, warm or off; and the ZIP is laid out as EPUB OCF 3.2
 * §4.3 asks (mimetype first and stored).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { makeArticleFiles } from "../../src/build/article-files.ts";
import type { Corpus } from "../../src/model/document.ts";
import { sha256, slugs, testCorpus } from "./epub-corpus.ts";

const repo = resolve(import.meta.dirname, "../..");
const node = Number(process.versions.node.split(".")[0]) >= 22 ? process.execPath : join(repo, "node_modules/.bin/node");

let corpus: Corpus;
let first: Map<string, { type: string; data: Uint8Array }>;
const epub = () => first.get(`articles/${slugs.full}.epub`)!.data;

beforeAll(async () => {
  corpus = testCorpus();
  first = await makeArticleFiles(corpus, () => {});
});
afterEach(() => vi.useRealTimers());

describe("reproducible output", () => {
  it("makes an EPUB, a cover and an OG image for every article, keyed by URL path", () => {
    expect([...first.keys()]).toEqual([
      "articles/harbour-lamps.epub",
      "articles/harbour-lamps/cover.png",
      "articles/harbour-lamps/og.png",
      "articles/bare-article.epub",
      "articles/bare-article/cover.png",
      "articles/bare-article/og.png",
    ]);
    expect(first.get("articles/harbour-lamps.epub")!.type).toBe("application/epub+zip");
    expect(first.get("articles/harbour-lamps/og.png")!.type).toBe("image/png");
  });

  it("gives byte-identical files on a second build, even with the clock years ahead", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-07-15T13:14:15Z"));
    const progress: string[] = [];
    const second = await makeArticleFiles(testCorpus(), (l) => progress.push(l));
    expect(progress).toEqual([`epub 1/2 ${slugs.full}`, `epub 2/2 ${slugs.bare}`]);
    for (const [path, file] of first) expect(sha256(second.get(path)!.data), path).toBe(sha256(file.data));
  });

  it("gives the same files with the card cache off, cold and warm", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "folio-cards-"));
    try {
      for (const options of [{ cacheDir: false as const }, { cacheDir }, { cacheDir }]) {
        const again = await makeArticleFiles(testCorpus(), () => {}, options);
        for (const [path, file] of first) expect(sha256(again.get(path)!.data), `${path} ${JSON.stringify(options)}`).toBe(sha256(file.data));
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("gives the same sha256 in America/Los_Angeles as in UTC (built in child processes, one without the card cache)", () => {
    const hashes = (TZ: string, cache: boolean) => {
      const env: NodeJS.ProcessEnv = { ...process.env, TZ, FOLIO_NO_CACHE: cache ? "" : "1" };
      const r = spawnSync(node, ["test/node/epub-corpus.ts"], { cwd: repo, encoding: "utf8", env });
      expect(r.stderr).toBe("");
      return JSON.parse(r.stdout) as { tz: string; offset: number; hashes: Record<string, string> };
    };
    const la = hashes("America/Los_Angeles", false);
    const utc = hashes("UTC", true);
    expect(la.offset).toBe(480); // the child really ran in another zone
    expect(utc.offset).toBe(0);
    expect(la.hashes).toEqual(utc.hashes);
    expect(la.hashes[`articles/${slugs.full}.epub`]).toBe(sha256(epub()));
  });
});

describe("the ZIP container", () => {
  it("starts with mimetype, stored, with no extra field (OCF 3.2 §4.3)", () => {
    const bytes = epub();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50); // local file header
    expect(view.getUint16(8, true)).toBe(0); // compression: stored
    const nameLength = view.getUint16(26, true);
    expect(view.getUint16(28, true)).toBe(0); // extra field length
    expect(new TextDecoder().decode(bytes.subarray(30, 30 + nameLength))).toBe("mimetype");
    expect(new TextDecoder().decode(bytes.subarray(30 + nameLength, 30 + nameLength + 20))).toBe("application/epub+zip");
  });

  it("lists the other files in sorted order, without directory entries, all with the content's timestamp", async () => {
    const zip = await JSZip.loadAsync(epub());
    const names = Object.keys(zip.files);
    expect(names).toEqual([
      "mimetype",
      "META-INF/container.xml",
      "OEBPS/article.xhtml",
      "OEBPS/content.opf",
      "OEBPS/cover.png",
      "OEBPS/cover.xhtml",
      "OEBPS/endnotes.xhtml",
      "OEBPS/style.css",
      "OEBPS/toc.ncx",
      "OEBPS/toc.xhtml",
    ]);
    // updated: 2026-01-03T04:05:06Z; DOS times have a two-second resolution.
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe("2026-01-03T04:05:06.000Z");
  });

  it("stores mimetype and deflates every other file, the cover too", () => {
    const bytes = epub();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const methods: Record<string, number> = {};
    for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
      const nameLength = view.getUint16(at + 26, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
      methods[name] = view.getUint16(at + 8, true);
      at += 30 + nameLength + view.getUint16(at + 28, true) + view.getUint32(at + 18, true); // header, name, extra, compressed data
    }
    expect(methods).toEqual({
      mimetype: 0,
      "META-INF/container.xml": 8,
      "OEBPS/article.xhtml": 8,
      "OEBPS/content.opf": 8,
      "OEBPS/cover.png": 8, // png.ts favours speed: deflating again saves about a quarter
      "OEBPS/cover.xhtml": 8,
      "OEBPS/endnotes.xhtml": 8,
      "OEBPS/style.css": 8,
      "OEBPS/toc.ncx": 8,
      "OEBPS/toc.xhtml": 8,
    });
  });

  it("holds the same cover as articles/<slug>/cover.png", async () => {
    const zip = await JSZip.loadAsync(epub());
    const inside = await zip.file("OEBPS/cover.png")!.async("uint8array");
    expect(sha256(inside)).toBe(sha256(first.get(`articles/${slugs.full}/cover.png`)!.data));
  });
});
