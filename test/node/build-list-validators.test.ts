/**
 * The validators step keeps each list's output (lists, feeds, sitemaps, schemas) by what the list
 * declares it is made of (`Resource.inputs`, src/worker/from-value.ts) and renders it again only
 * when that changes (src/build/validators.ts). A declaration that left out something its render
 * reads would record a stale ETag: so after each kind of edit that reaches a list (a note, a
 * title, tags, dates, an EPUB's size that OPDS shows, site.yaml, the page size, the feeds'
 * length, articles added and deleted), the record of a build that kept its cache is compared
 * with that of a build without one, output by output. The pages are small (two articles) so
 * that every list has several, and neighbours move.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureContent, withCacheDir } from "./fixture-project.ts";
import { build } from "../../src/build/build.ts";
import { fingerprinter } from "../../src/build/validators.ts";
import type { AssetManifest } from "../../src/model/assets.ts";

const repo = resolve(import.meta.dirname, "../..");
const fixtures = join(repo, "test/fixtures/articles");
let tmp: string;
let content: string;
let cards: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-list-validators-"));
  content = fixtureContent(tmp);
  cards = join(tmp, "cards");
  mkdirSync(cards);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A cache folder with nothing in it but the drawn cards (shared: keyed by exactly what a card draws). */
function freshCache(): string {
  const root = mkdtempSync(join(tmp, "cache-"));
  symlinkSync(cards, join(root, "cards"), "dir");
  return root;
}

let builds = 0;
/** Builds `content` with the cache folder `cacheRoot` and returns the record of every site-wide output, its times left out. */
async function recordOf(cacheRoot: string, options: { pageSize?: number; feedItems?: number } = {}, outDir = join(tmp, `dist-${++builds}`)): Promise<Record<string, { type: string; etag: string; size: number }>> {
  await withCacheDir(cacheRoot, () => build({ contentDir: content, outDir, pageSize: 2, feedItems: 2, ...options }));
  const all = JSON.parse(readFileSync(join(outDir, "assets.json"), "utf8")) as AssetManifest;
  return Object.fromEntries(Object.entries(all).map(([path, { type, etag, size }]) => [path, { type, etag, size }]));
}

const article = (slug: string) => join(content, "articles", slug, "article.md");
function edit(file: string, change: (text: string) => string): void {
  const text = readFileSync(file, "utf8");
  const changed = change(text);
  expect(changed, `the edit changes ${file}`).not.toBe(text);
  writeFileSync(file, changed);
}
const frontMatter = (slug: string, name: string, line: string) => edit(article(slug), (t) => t.replace(new RegExp(`^${name}: .*$`, "m"), line));
const firstNote = (slug: string, words: string) => edit(join(content, "articles", slug, "annotations.yaml"), (t) => t.replace(/^(\s+)body: (\|\n\s+)?/m, (_, indent: string, block?: string) => `${indent}body: ${block ?? ""}${words} `));

const edits: [string, () => void, { pageSize?: number; feedItems?: number }?][] = [
  ["a note of the newest article", () => firstNote("fixture-harbour-lights-return", "Rewritten.")],
  ["a note of an older article", () => firstNote("fixture-tea-house-glossary", "Rewritten.")],
  ["an older article's title", () => frontMatter("fixture-ru-lighthouse-keeper", "title", 'title: "Retitled"')],
  ["an article's tags: a new tag, and one tag left", () => frontMatter("fixture-tea-house-glossary", "tags", "tags: [towns, tea]")],
  ["a tag's spelling", () => frontMatter("fixture-zh-harbour-nets", "tags", "tags: [Harbours]")],
  ["a date that moves an article to the top", () => frontMatter("fixture-figure-and-table", "published", 'published: "2026-12-01"')],
  ["an article's text, so its EPUB and the books holding it change size", () => edit(article("fixture-escaping-stress-test"), (t) => `${t.trimEnd()}\n\n${"A paragraph that makes the books longer. ".repeat(40)}\n`)],
  ["site.yaml's title", () => edit(join(content, "site.yaml"), (t) => t.replace(/^title: .*$/m, "title: Folio Renamed"))],
  ["the page size", () => {}, { pageSize: 3 }],
  ["the feeds' length", () => {}, { feedItems: 3 }],
  ["an article deleted", () => rmSync(join(content, "articles", "fixture-ar-harbour-lighthouse"), { recursive: true })],
  ["an article added", () => cpSync(join(fixtures, "fixture-tea-house-glossary"), join(content, "articles", "fixture-tea-house-glossary-again"), { recursive: true })],
];

describe("the validators step's kept list outputs", () => {
  it("record the same ETags as a build without a cache, after every kind of edit", async () => {
    const kept = freshCache();
    await recordOf(kept);
    expect(existsSync(join(kept, "pages", "lists.json"))).toBe(true);
    for (const [what, change, options] of edits) {
      change();
      const incremental = await recordOf(kept, options);
      const cold = await recordOf(freshCache(), options);
      expect(Object.keys(incremental).sort(), `after ${what}: the outputs`).toEqual(Object.keys(cold).sort());
      for (const [path, output] of Object.entries(cold)) expect(incremental[path], `after ${what}: ${path}`).toEqual(output);
    }
  }, 600_000);

  it("render again only the lists whose inputs an edit changed", async () => {
    const kept = freshCache();
    const before = await recordOf(kept);
    // Mark every kept output, so that an output taken from the cache shows it.
    const file = join(kept, "pages", "lists.json");
    const lists = JSON.parse(readFileSync(file, "utf8")) as Record<string, { etag: string }>;
    expect(Object.keys(lists).length).toBeGreaterThan(20);
    for (const output of Object.values(lists)) output.etag = `"kept"`;
    writeFileSync(file, JSON.stringify(lists));
    const unchanged = await recordOf(kept);
    for (const path of ["/", "/articles.json", "/opds.xml", "/feed.xml", "/sitemap.xml", "/tags"]) expect(unchanged[path]?.etag, path).toBe(`"kept"`);
    // A note's text is in the feeds that carry its article in full, not in any list of metadata.
    const newest = "fixture-harbour-lights-return";
    firstNote(newest, "Changed again.");
    const after = await recordOf(kept);
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/tags/towns/feed.xml"]) {
      expect(after[path]!.etag, path).not.toBe(`"kept"`);
      expect(after[path]!.etag, path).not.toBe(before[path]!.etag);
    }
    // Nor in a list of another tag (a list of the article's tag links the tag's book, whose size
    // the note changes).
    for (const path of ["/", "/articles.json", "/opds.xml", "/tags", "/tags/lighthouses", "/tags/lighthouses.json", "/sitemap.xml"]) expect(after[path]?.etag, path).toBe(`"kept"`);
  }, 300_000);
});

describe("the validators' kept files", () => {
  it("are not used where they are cut short or hold something else: the outputs are rendered again", async () => {
    const kept = freshCache();
    const cold = await recordOf(freshCache());
    await recordOf(kept);
    const lists = join(kept, "pages", "lists.json");
    const entries = JSON.parse(readFileSync(lists, "utf8")) as Record<string, unknown>;
    for (const key of Object.keys(entries)) entries[key] = { type: "text/html", etag: 5 };
    writeFileSync(lists, JSON.stringify(entries));
    writeFileSync(join(kept, "pages", "pages.json"), "{\"cut");
    expect(await recordOf(kept)).toEqual(cold);
  }, 120_000);
});

describe("a list's fingerprint", () => {
  const page = (title: string, total = 2) => ({ site: { title: "Folio", url: "https://folio.example.com" }, page: { number: 1, total, items: [{ slug: "a", title, tags: ["x"] }, { slug: "b", title: "B", tags: [] }] } });

  it("is the same for the same data, and differs for any change inside it", () => {
    const fingerprint = fingerprinter();
    expect(fingerprint(page("A"))).toBe(fingerprinter()(page("A")));
    const seen = new Set([fingerprint(page("A"))]);
    const changed = [
      page("A", 3),
      page("A "),
      { ...page("A"), extra: null },
      { ...page("A"), site: { url: "https://folio.example.com", title: "Folio" } },
      { site: page("A").site, page: { ...page("A").page, items: [...page("A").page.items].reverse() } },
      { ...page("A"), page: { ...page("A").page, number: "1" } },
      { ...page("A"), page: { ...page("A").page, items: [{ slug: "a", title: "A", tags: "x" }, { slug: "b", title: "B", tags: [] }] } },
      { ...page("A"), page: { ...page("A").page, items: [{ slug: "a", title: "A", tags: ["x", ""] }, { slug: "b", title: "B", tags: [] }] } },
    ];
    for (const value of changed) {
      const print = fingerprint(value);
      expect(seen.has(print), JSON.stringify(value)).toBe(false);
      seen.add(print);
    }
  });

  it("keeps an object's fingerprint by identity, so a shared record is hashed once", () => {
    const fingerprint = fingerprinter();
    const shared = { slug: "a", title: "A long title that makes this record longer than a fingerprint is", tags: ["x"] };
    const first = fingerprint({ items: [shared] });
    expect(fingerprint({ items: [shared] })).toBe(first);
    expect(fingerprint({ items: [{ ...shared, title: "Another" }] })).not.toBe(first);
  });

  it("refuses what is not plain data, naming where it is", () => {
    const fingerprint = fingerprinter();
    expect(() => fingerprint({ page: { items: [{ when: new Date(0) }] } })).toThrow(/a Date at value\.page\.items\[0\]\.when/);
    expect(() => fingerprint({ byTag: new Map() })).toThrow(/a Map at value\.byTag/);
    expect(() => fingerprint({ render: () => "" })).toThrow(/a function at value\.render/);
  });
});
