/**
 * The card cache (src/cards/cache.ts): a rebuild takes every card from it and writes
 * nothing, the files are the same with and without it, and an entry that cannot be used
 * (truncated, corrupt, unreadable, of another size) is rendered again and rewritten. The index
 * by text answers a card made before without the card threads, which draw only what it lacks.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeArticleFiles, type ArticleFiles } from "../../src/build/article-files.ts";
import { cacheDirFromEnv, defaultCacheRoot } from "../../src/build/cache-dir.ts";
import { isWholePng, openCardCache } from "../../src/cards/cache.ts";
import { cardSvg, layouts, ogImagePng } from "../../src/cards/draw.ts";
import { rendererKey } from "../../src/cards/renderer.ts";
import { sha256, testCorpus } from "./epub-corpus.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-cards-"));
/** The entries by SVG (the index by text, by-text/, links to them). */
const entries = () => readdirSync(dir).filter((name) => name !== "by-text").sort();
const hashes = (files: ArticleFiles) => Object.fromEntries([...files].map(([path, f]) => [path, sha256(f.data)]));

let uncached: Record<string, string>;

beforeAll(async () => {
  uncached = hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: false }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the card cache", () => {
  it("is .cache/folio/cards in the build's one cache folder, and off with FOLIO_NO_CACHE=1", () => {
    const cards = join(defaultCacheRoot, "cards");
    expect(cards.replaceAll("\\", "/")).toMatch(/\/\.cache\/folio\/cards\/?$/);
    expect(cacheDirFromEnv("cards", {})).toBe(cards);
    expect(cacheDirFromEnv("cards", { FOLIO_NO_CACHE: "1" })).toBeUndefined();
    expect(cacheDirFromEnv("cards", { FOLIO_NO_CACHE: "true" })).toBeUndefined();
    expect(cacheDirFromEnv("cards", { FOLIO_NO_CACHE: "0" })).toBe(cards);
    expect(cacheDirFromEnv("cards", { FOLIO_NO_CACHE: "" })).toBe(cards);
  });

  it("is filled by a first build, with the same files as a build without it", async () => {
    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: dir }))).toEqual(uncached);
    expect(entries()).toHaveLength(4); // two articles, a cover and an OG image each
    for (const name of entries()) expect(name).toMatch(/^[0-9a-f]{64}\.png$/);
  });

  it("gives every card to a rebuild, which renders and writes none", async () => {
    const old = new Date("2020-01-01T00:00:00Z");
    for (const name of entries()) utimesSync(join(dir, name), old, old);
    // An entry is written to a new file renamed into place: the same inode is the same file, not written again.
    const inodes = entries().map((name) => statSync(join(dir, name)).ino);
    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: dir }))).toEqual(uncached);
    expect(entries()).toHaveLength(4);
    expect(entries().map((name) => statSync(join(dir, name)).ino)).toEqual(inodes);
    // Each used, so its time renewed for the cache's pruning (src/build/cache-prune.ts).
    for (const name of entries()) expect(statSync(join(dir, name)).mtime.getTime()).toBeGreaterThan(old.getTime());
  });

  it("ignores an entry it cannot use and writes it again", async () => {
    rmSync(join(dir, "by-text"), { recursive: true }); // else the index answers, and the threads never look at the entries
    const [truncated, corrupt, folder, foreign] = entries() as [string, string, string, string];
    const whole = readFileSync(join(dir, corrupt));
    writeFileSync(join(dir, truncated), readFileSync(join(dir, truncated)).subarray(0, 100));
    const middle = whole.length >> 1;
    whole[middle] = whole[middle]! ^ 0xff; // one flipped byte inside a chunk: its CRC no longer matches
    writeFileSync(join(dir, corrupt), whole);
    rmSync(join(dir, folder));
    mkdirSync(join(dir, folder)); // unreadable as a file
    writeFileSync(join(dir, foreign), Buffer.from("not a PNG at all"));

    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: dir }))).toEqual(uncached);
    expect(entries()).toHaveLength(4);
    for (const name of [truncated, corrupt, folder, foreign]) expect(statSync(join(dir, name)).isFile()).toBe(true);
    const rewritten = [truncated, corrupt, folder, foreign].map((name) => readFileSync(join(dir, name)));
    expect(rewritten.filter((png) => isWholePng(png, 1600, 2400) || isWholePng(png, 1200, 630))).toHaveLength(4);
  });

  it("keys an entry on the SVG, the layout and the renderer", () => {
    const text = { title: "Keyed", source: "A Source", site: "Folio" };
    const svg = cardSvg(text, layouts.og);
    const png = ogImagePng(text);
    const keyed = join(dir, "keyed");
    openCardCache(keyed, rendererKey()).put(layouts.og, svg, png);
    expect(openCardCache(keyed).get(layouts.og, svg)).toEqual(png);
    expect(openCardCache(keyed).get(layouts.og, svg.replace("Keyed", "Other"))).toBeUndefined();
    expect(openCardCache(keyed).get({ ...layouts.og, margin: 70 }, svg)).toBeUndefined();
    expect(openCardCache(keyed, rendererKey().replace(`"shapeRendering":2`, `"shapeRendering":1`)).get(layouts.og, svg)).toBeUndefined();
    expect(rendererKey()).toMatch(/"resvg":"\d+\.\d+\.\d+".*"fontFiles":"[0-9a-f]{64}".*"zlib":/);
    rmSync(keyed, { recursive: true });
  });

  it("accepts only a whole PNG of the layout's size", () => {
    const png = readFileSync(join(dir, entries()[0]!));
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(isWholePng(png, width, height)).toBe(true);
    expect(isWholePng(png, width + 1, height)).toBe(false);
    expect(isWholePng(png.subarray(0, png.length - 1), width, height)).toBe(false);
    expect(isWholePng(Buffer.concat([png, Buffer.from([0])]), width, height)).toBe(false);
  });

  it("answers a card its index by text holds without drawing it, and draws one whose index entry is broken", async () => {
    const own = join(dir, "indexed");
    const drawn = () => readdirSync(own).filter((name) => name.endsWith(".png"));
    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: own }))).toEqual(uncached);
    const indexed = readdirSync(join(own, "by-text")).sort();
    expect(indexed).toHaveLength(4);
    // The entries by SVG gone: only the index can answer, and nothing is drawn (a thread writes what it draws).
    for (const name of drawn()) rmSync(join(own, name));
    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: own }))).toEqual(uncached);
    expect(drawn()).toEqual([]);
    writeFileSync(join(own, "by-text", indexed[0]!), "not a PNG at all");
    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: own }))).toEqual(uncached);
    expect(drawn()).toHaveLength(1);
    expect(isWholePng(readFileSync(join(own, "by-text", indexed[0]!)), 1600, 2400) || isWholePng(readFileSync(join(own, "by-text", indexed[0]!)), 1200, 630)).toBe(true);
    rmSync(own, { recursive: true });
  });

  it("never fails the build when it cannot be written", async () => {
    const blocked = join(dir, "blocked");
    writeFileSync(blocked, "a file where the cache folder should be");
    expect(hashes(await makeArticleFiles(testCorpus(), () => {}, { cacheDir: join(blocked, "cards") }))).toEqual(uncached);
    expect(existsSync(join(blocked, "cards"))).toBe(false);
    rmSync(blocked);
  });
});
