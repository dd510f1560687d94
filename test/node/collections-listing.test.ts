/**
 * The collections as the site lists them, with volumes (the test build has none: its books are
 * small): the order, which articles each volume holds, and how a tag's page, /collections and
 * the OPDS feed show a collection cut into volumes. From the fixtures, planned with a budget of
 * one article a volume.
 */
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectionsByTag, humanBytes, listedCollections, volumeArticles, type ListedCollection } from "../../src/collections/listing.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import { collectionsOf, estimatedBytes } from "../../src/epub/collection-size.ts";
import { catalogOf, collectionInfo } from "../../src/model/catalog.ts";
import type { Corpus } from "../../src/model/document.ts";
import { pageOf } from "../../src/model/paging.ts";
import { renderOpdsCollections } from "../../src/render/feeds/opds-collections.ts";
import { renderCollectionsPage, tagBooks } from "../../src/render/html/collections-page.ts";

const repo = resolve(import.meta.dirname, "../..");
let corpus: Corpus;
let listed: ListedCollection[];

beforeAll(() => {
  corpus = loadCorpus({ contentDir: resolve(repo, "content"), articleDirs: [resolve(repo, "test/fixtures/articles")], root: repo });
  const budget = Math.max(...corpus.articles.map((a) => estimatedBytes(corpus.site, a, () => 0)));
  // Sizes as the build would record them; one collection left unbuilt (no size) is not listed.
  const plan = collectionsOf(corpus, { budget }).map(collectionInfo);
  listed = listedCollections(plan.map((c, i) => (c.key === "russia" ? c : { ...c, bytes: 1000 * (i + 1) })));
});

describe("the listed collections", () => {
  it("are the built ones, months newest first, then tags by slug, volumes in order", () => {
    expect(listed.some((c) => c.key === "russia")).toBe(false);
    const keys = listed.map((c) => `${c.kind} ${c.key} ${c.volume}`);
    const months = keys.filter((k) => k.startsWith("month"));
    expect(keys.slice(0, months.length)).toEqual(months);
    const monthKeys = months.map((k) => k.split(" ")[1]!);
    expect(new Set(monthKeys).size).toBeGreaterThan(1);
    expect(monthKeys).toEqual([...monthKeys].sort().reverse());
    expect(keys.filter((k) => k.startsWith("tag test-fixture "))).toEqual(["tag test-fixture 1", "tag test-fixture 2", "tag test-fixture 3"]);
  });

  it("give each volume its own articles, oldest first, as the plan cut them", () => {
    const budget = Math.max(...corpus.articles.map((a) => estimatedBytes(corpus.site, a, () => 0)));
    const plan = collectionsOf(corpus, { budget });
    const byPath = volumeArticles(corpus.articles, listed);
    for (const c of listed) expect(byPath.get(c.path)!.map((a) => a.slug), c.path).toEqual(plan.find((p) => p.path === c.path)!.articles.map((a) => a.slug));
    // The same from the tags as the catalog gives them (worked out by the build), as the worker calls it.
    const catalog = catalogOf(corpus, plan);
    const tags = (catalog.tags ?? []).map((t) => ({ slug: t.slug, articles: t.articles.map((i) => catalog.articles[i]!) }));
    expect(tags.length).toBeGreaterThan(1);
    const fromTags = volumeArticles(catalog.articles, listed, tags);
    for (const c of listed) expect(fromTags.get(c.path)!.map((a) => a.slug), c.path).toEqual(plan.find((p) => p.path === c.path)!.articles.map((a) => a.slug));
  });

  it("show a tag cut into volumes as a list of volumes, each link naming its volume, with its size", () => {
    const books = collectionsByTag(listed).get("test-fixture")!;
    const html = tagBooks(books);
    expect(html).toContain(`<h2 id="tag-books">This tag as EPUB, in 3 volumes</h2>`);
    expect(html).toContain(`<a href="/collections/tags/test-fixture.2.epub" type="application/epub+zip" download>test fixture — articles tagged test fixture, 2026, volume 2 of 3</a> <span class="small">One article · EPUB, ${humanBytes(books[1]!.bytes)}</span>`);
    expect(tagBooks([])).toBe("");
  });

  it("say which volume an OPDS entry is and escape what the content wrote", () => {
    const page = pageOf(listed, "/opds/collections.xml", 1, 100)!;
    const byPath = volumeArticles(corpus.articles, listed);
    const xml = renderOpdsCollections(corpus, page, (c) => byPath.get(c.path) ?? []);
    expect(xml).toContain(`<summary type="text">One article tagged test fixture (volume 2 of 3): “`);
    expect(xml).toContain(`<title type="text">&lt;b&gt;escaping&lt;/b&gt; — articles tagged &lt;b&gt;escaping&lt;/b&gt;, 2026</title>`);
    const html = renderCollectionsPage(corpus.site, page);
    expect(html).not.toContain("<b>escaping</b>");
    expect(html).toContain(`<h2 id="by-month">By month, newest first</h2>`);
  });

  it("write sizes as people read them", () => {
    expect([humanBytes(512), humanBytes(48_944), humanBytes(24_117_248)]).toEqual(["512 bytes", "49 KB", "24.1 MB"]);
  });
});
