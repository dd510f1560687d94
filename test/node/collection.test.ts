/**
 * Collections: the plan (one book per tag and per month, volumes in date order within the byte
 * bound), and the books themselves from the test fixtures: a table of contents by article, each
 * article's notes numbered from 1 and linked both ways within that article, the same bytes on
 * every build, and EPUBCheck's 0 errors and 0 warnings.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { epubcheckProblems } from "../../scripts/conformance/epubcheck.ts";
import { epubcheckJar } from "../../scripts/conformance/tools.ts";
import { figureBytes, makeFigures } from "../../src/build/figures.ts";
import { collectionFiles, collectionPath, splitVolumes, volumeBudget, type Collection } from "../../src/collections/plan.ts";
import { collectionImages, collectionParts, makeCollectionEpub } from "../../src/epub/collection-book.ts";
import { collectionsOf, estimatedBytes } from "../../src/epub/collection-size.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import { coverPng } from "../../src/cards/draw.ts";
import { bookIdentifier } from "../../src/epub/identifier.ts";
import { catalogOf } from "../../src/model/catalog.ts";
import type { Corpus } from "../../src/model/document.ts";
import { resourceMap } from "../../src/worker/resources.ts";
import { decide } from "../../src/worker/route.ts";
import { readBook, sha256 } from "./epub-corpus.ts";

const repo = resolve(import.meta.dirname, "../..");
const fixtureSlugs = { escaping: "fixture-escaping-stress-test", tea: "fixture-tea-house-glossary", harbour: "fixture-harbour-lights-return" };
const figureSlug = "fixture-figure-and-table";
/** Estimates without the figures' bytes, as the plan makes them when not given the build's. */
const noImages = () => 0;
const realImages = (path: string) => figureBytes(path)?.byteLength ?? 0;

let corpus: Corpus;
let plan: Collection[];
let cover: Uint8Array;
const tagged = () => plan.find((c) => c.path === "/collections/tags/test-fixture.epub")!;
const month = () => plan.find((c) => c.path === "/collections/months/2026-11.epub")!;
const epubs = new Map<string, Uint8Array>();
const make = async (c: Collection) => {
  if (!epubs.has(c.path)) epubs.set(c.path, await makeCollectionEpub(corpus.site, c, cover));
  return epubs.get(c.path)!;
};

beforeAll(async () => {
  const sources = { contentDir: resolve(repo, "content"), articleDirs: [resolve(repo, "test/fixtures/articles")], root: repo };
  corpus = loadCorpus(sources);
  await makeFigures(corpus, sources); // the figures' variants and bytes, which the books embed
  plan = collectionsOf(corpus);
  cover = coverPng({ title: "Test fixture collection", source: "3 articles", site: corpus.site.title });
});
afterEach(() => vi.useRealTimers());

describe("the plan", () => {
  it("has a book per tag (by slug) and per month of publication, oldest month first", () => {
    expect(plan.map((c) => c.path)).toEqual([
      "/collections/tags/b-escaping-b.epub",
      "/collections/tags/harbours.epub",
      "/collections/tags/lighthouses.epub",
      "/collections/tags/test-fixture.epub",
      "/collections/tags/towns.epub",
      "/collections/months/2026-07.epub",
      "/collections/months/2026-08.epub",
      "/collections/months/2026-09.epub",
      "/collections/months/2026-10.epub",
      "/collections/months/2026-11.epub",
    ]);
    expect(plan.map((c) => [c.kind, c.key, c.name])).toContainEqual(["tag", "b-escaping-b", "<b>escaping</b>"]);
    expect(plan.map((c) => [c.kind, c.key, c.name])).toContainEqual(["month", "2026-10", "October 2026"]);
  });

  it("holds each tag's articles oldest first, titled as the brief asks, with the newest update", () => {
    const c = tagged();
    expect(c.articles.map((a) => a.slug)).toEqual([fixtureSlugs.escaping, fixtureSlugs.tea, fixtureSlugs.harbour]);
    expect(c.title).toBe("test fixture — articles tagged test fixture, 2026");
    expect([c.volume, c.volumes, c.count]).toEqual([1, 1, 3]);
    expect(c.updated).toBe("2026-11-21T08:30:00.000Z");
    expect(month().title).toBe("November 2026");
    expect(month().articles.map((a) => a.slug)).toEqual([fixtureSlugs.harbour]);
  });

  it("percent-encodes a slug in another script, and numbers later volumes with a dot no slug or month has", () => {
    expect(collectionPath("tag", "中国")).toBe("/collections/tags/%E4%B8%AD%E5%9B%BD.epub");
    expect(collectionPath("tag", "china", 2)).toBe("/collections/tags/china.2.epub");
    expect(collectionPath("month", "2025-02", 3)).toBe("/collections/months/2025-02.3.epub");
    // "china-2" is a possible tag slug: volume 2 of "china" must not take its URL.
    expect(collectionPath("tag", "china", 2)).not.toBe(collectionPath("tag", "china-2"));
  });

  it("cuts volumes in date order, each within the budget unless one article alone is over it", () => {
    const sizes = [5, 4, 3, 9, 1, 12, 2];
    const volumes = splitVolumes(sizes, (s) => s, 10);
    expect(volumes).toEqual([[5, 4], [3], [9, 1], [12], [2]]);
    expect(volumes.flat()).toEqual(sizes);
    expect(splitVolumes([], (s: number) => s, 10)).toEqual([]);
  });

  it("splits a collection over its budget into volumes with stable URLs; newer articles change only the last", () => {
    const sizes = new Map(corpus.articles.map((a) => [a.slug, estimatedBytes(corpus.site, a, noImages)]));
    const budget = Math.max(...sizes.values()); // one article a volume
    const split = collectionsOf(corpus, { budget }).filter((c) => c.kind === "tag" && c.key === "test-fixture");
    expect(split.map((c) => [c.path, c.volume, c.volumes, c.count])).toEqual([
      ["/collections/tags/test-fixture.epub", 1, 3, 1],
      ["/collections/tags/test-fixture.2.epub", 2, 3, 1],
      ["/collections/tags/test-fixture.3.epub", 3, 3, 1],
    ]);
    expect(split.map((c) => c.articles[0]!.slug)).toEqual([fixtureSlugs.escaping, fixtureSlugs.tea, fixtureSlugs.harbour]);
    expect(split[1]!.title).toBe("test fixture — articles tagged test fixture, 2026, volume 2 of 3");
    // Without the newest article, the volumes before it are the same.
    const older = collectionsOf({ ...corpus, articles: corpus.articles.filter((a) => a.slug !== fixtureSlugs.harbour) }, { budget }).filter((c) => c.key === "test-fixture");
    expect(older.map((c) => [c.path, c.articles.map((a) => a.slug)])).toEqual(split.slice(0, 2).map((c) => [c.path, c.articles.map((a) => a.slug)]));
  });

  it("estimates more than each article's documents take in the book, and keeps volumes 1 MiB under the 25 MiB limit", async () => {
    expect(volumeBudget).toBe(24 * 1024 * 1024);
    const book = await JSZipEntries(await make(tagged()));
    for (const article of tagged().articles) {
      const files = collectionFiles(article);
      const written = book.get(`OEBPS/${files.text}`)! + (book.get(`OEBPS/${files.notes}`) ?? 0);
      expect(written, article.slug).toBeGreaterThan(0);
      expect(estimatedBytes(corpus.site, article, noImages), article.slug).toBeGreaterThan(written);
    }
  });

  it("adds each figure's embedded bytes to its article's estimate, so images count against the 25 MiB bound", async () => {
    const article = corpus.articles.find((a) => a.slug === figureSlug)!;
    const embedded = collectionImages({ ...month(), articles: [article] }).reduce((sum, i) => sum + figureBytes(i.path)!.byteLength, 0);
    expect(embedded).toBeGreaterThan(1000);
    expect(estimatedBytes(corpus.site, article, realImages) - estimatedBytes(corpus.site, article, noImages)).toBe(embedded);
    // more than its documents and its image take in the book
    const book = await JSZipEntries(await make(plan.find((c) => c.key === "2026-08")!));
    const files = collectionFiles(article);
    const written = book.get(`OEBPS/${files.text}`)! + (book.get(`OEBPS/${files.notes}`) ?? 0) + book.get(`OEBPS/${collectionImages({ ...month(), articles: [article] })[0]!.href}`)!;
    expect(written).toBeGreaterThan(embedded);
    expect(estimatedBytes(corpus.site, article, realImages)).toBeGreaterThan(written);
  });
});

/** Uncompressed size of each entry of a ZIP, by path. */
async function JSZipEntries(data: Uint8Array): Promise<Map<string, number>> {
  const zip = await JSZip.loadAsync(data);
  return new Map(await Promise.all(Object.entries(zip.files).map(async ([name, entry]) => [name, (await entry.async("uint8array")).byteLength] as const)));
}

describe("the book of a collection", () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    files = await readBook(await make(tagged()));
  });

  it("has one content document per article and per article's notes, and the cover last outside the reading order", () => {
    const names = [...files.keys()].filter((n) => n.endsWith(".xhtml")).sort();
    expect(names).toEqual(
      [
        "OEBPS/cover.xhtml",
        "OEBPS/toc.xhtml",
        ...Object.values(fixtureSlugs).flatMap((s) => [`OEBPS/article-${s}.xhtml`, `OEBPS/notes-${s}.xhtml`]),
      ].sort(),
    );
    const opf = files.get("OEBPS/content.opf")!;
    const spine = [...opf.matchAll(/<itemref idref="([^"]+)"([^/]*)\/>/g)].map((m) => `${m[1]}${m[2]}`);
    expect(spine).toEqual([
      ...[fixtureSlugs.escaping, fixtureSlugs.tea, fixtureSlugs.harbour].flatMap((s) => [`article-${s}`, `notes-${s}`]),
      `cover linear="no"`,
    ]);
    for (const [name, text] of files) if (/\.(xhtml|opf|ncx)$/.test(name)) expect(XMLValidator.validate(text), name).toBe(true);
  });

  it("lists the articles in its table of contents, each with its notes under it, in the nav document and the NCX", () => {
    const nav = files.get("OEBPS/toc.xhtml")!;
    const toc = nav.slice(nav.indexOf(`<nav epub:type="toc"`), nav.indexOf("</nav>"));
    const links = [...toc.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual([fixtureSlugs.escaping, fixtureSlugs.tea, fixtureSlugs.harbour].flatMap((s) => [`article-${s}.xhtml`, `notes-${s}.xhtml`]));
    expect(toc).toContain(`<li><a href="article-${fixtureSlugs.tea}.xhtml">Test fixture: A Glossary Kept in a Tea House</a>\n<ol>\n<li><a href="notes-${fixtureSlugs.tea}.xhtml">Notes</a></li>\n</ol>\n</li>`);
    expect(toc).toContain("Test fixture: &lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    const ncx = files.get("OEBPS/toc.ncx")!;
    expect([...ncx.matchAll(/playOrder="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ncx).toContain(`<meta name="dtb:depth" content="2"/>`);
    expect(ncx).toContain("<docTitle><text>test fixture — articles tagged test fixture, 2026</text></docTitle>");
    // One landmark of each kind: the body starts at the first article.
    const landmarks = nav.slice(nav.indexOf(`<nav epub:type="landmarks"`));
    expect([...landmarks.matchAll(/epub:type="(\w+)" href="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual([
      `bodymatter article-${fixtureSlugs.escaping}.xhtml`,
      `endnotes notes-${fixtureSlugs.escaping}.xhtml`,
      "cover cover.xhtml",
    ]);
  });

  it("numbers each article's notes from 1 and links them both ways within that article", () => {
    for (const article of tagged().articles) {
      const { text, notes } = collectionFiles(article);
      const body = files.get(`OEBPS/${text}`)!;
      const endnotes = files.get(`OEBPS/${notes}`)!;
      const refs = [...body.matchAll(/<a href="([^"#]+)#(note-\d+)" id="(noteref-\d+)" epub:type="noteref" role="doc-noteref">(\d+)<\/a>/g)];
      expect(refs.map((m) => Number(m[4])), article.slug).toEqual(article.annotations.map((a) => a.number).sort((x, y) => x - y).slice(0, refs.length));
      expect(refs.length, article.slug).toBeGreaterThan(0);
      expect(refs[0]![4]).toBe("1");
      for (const [, file, noteId] of refs) {
        expect(file).toBe(notes);
        expect(endnotes).toContain(`<li id="${noteId}" epub:type="endnote" role="doc-endnote">`);
      }
      const backlinks = [...endnotes.matchAll(/<a href="([^"#]+)#(noteref-\d+)" role="doc-backlink">/g)];
      expect(backlinks.length).toBe(article.annotations.length);
      for (const [, file, refId] of backlinks) {
        expect(file).toBe(text);
        expect(body).toContain(`id="${refId}"`);
      }
      expect(endnotes).toContain(`<section id="endnotes" epub:type="endnotes" role="doc-endnotes">`);
    }
  });

  it("carries the collection's metadata and the same accessibility metadata as an article's book", () => {
    const opf = files.get("OEBPS/content.opf")!;
    expect(opf).toContain(`<dc:identifier id="uid">${bookIdentifier("https://folio.example.com/collections/tags/test-fixture.epub")}</dc:identifier>`);
    expect(files.get("OEBPS/toc.ncx")).toContain(bookIdentifier("https://folio.example.com/collections/tags/test-fixture.epub"));
    expect(opf).toContain("<dc:title>test fixture — articles tagged test fixture, 2026</dc:title>");
    expect(opf).toContain(`<meta property="dcterms:modified">2026-11-21T08:30:00Z</meta>`);
    expect(opf).toContain("<dc:date>2026-11-20</dc:date>");
    expect(opf).toContain("<dc:subject>test fixture</dc:subject>");
    expect(opf.match(/<dc:source>/g)).toHaveLength(3);
    for (const m of [
      `"schema:accessMode">textual<`,
      `"schema:accessMode">visual<`,
      `"schema:accessModeSufficient">textual<`,
      `"schema:accessibilityFeature">structuralNavigation<`,
      `"schema:accessibilityFeature">tableOfContents<`,
      `"schema:accessibilityFeature">readingOrder<`,
      `"schema:accessibilityFeature">alternativeText<`,
      `"schema:accessibilityHazard">none<`,
      `"schema:accessibilitySummary">3 annotated articles tagged test fixture`,
      `"dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA<`,
    ])
      expect(opf).toContain(m);
    expect(files.get("OEBPS/cover.xhtml")).toContain(`alt="Cover: test fixture — articles tagged test fixture, 2026. Folio, annotated edition."`);
  });

  it("marks the volumes of a split collection as a series", async () => {
    const budget = Math.max(...corpus.articles.map((a) => estimatedBytes(corpus.site, a, noImages)));
    const second = collectionsOf(corpus, { budget }).find((c) => c.path === "/collections/tags/test-fixture.2.epub")!;
    const opf = (await readBook(await make(second))).get("OEBPS/content.opf")!;
    expect(opf).toContain(`<meta property="belongs-to-collection" id="volumes">test fixture: articles tagged test fixture</meta>`);
    expect(opf).toContain(`<meta property="group-position" refines="#volumes">2</meta>`);
    expect(collectionParts(second).filter((p) => p.landmark === "bodymatter").map((p) => p.file)).toEqual([`article-${fixtureSlugs.tea}.xhtml`]);
  });
});

describe("the same bytes on every build", () => {
  it("gives byte-identical books on a second build, with the clock years ahead, and ZIP times from the content", async () => {
    const first = await make(tagged());
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2031-07-15T13:14:15Z"));
    const again = await makeCollectionEpub(corpus.site, collectionsOf(corpus).find((c) => c.path === tagged().path)!, cover);
    expect(sha256(again)).toBe(sha256(first));
    vi.useRealTimers();
    const text = new TextDecoder().decode(first.subarray(30, 58));
    expect(text).toBe("mimetypeapplication/epub+zip"); // stored, first (OCF 3.2 §4.3)
  });
});

describe("a tag in another script", () => {
  it("has a percent-encoded URL that the worker's routing finds, an asset named by the decoded path, and an ASCII download name", () => {
    const articles = corpus.articles.map((a) => (a.slug === fixtureSlugs.tea ? { ...a, tags: [...a.tags, "中国"] } : a));
    const catalog = catalogOf({ ...corpus, articles }, collectionsOf({ ...corpus, articles }));
    const info = catalog.collections!.find((c) => c.key === "中国")!;
    expect(info.path).toBe("/collections/tags/%E4%B8%AD%E5%9B%BD.epub");
    const assets = { "/collections/tags/中国.epub": { type: "application/epub+zip", size: 10, etag: '"x"' } };
    const map = resourceMap(catalog, assets, {}, { article: async () => articles[0]!, file: async () => new Uint8Array() });
    const found = decide(map, new Request(`https://folio.test${info.path}`));
    expect(found && "kind" in found ? [found.kind, found.file?.download] : found).toEqual(["file", "tag-%E4%B8%AD%E5%9B%BD.epub"]);
    // not built (no asset recorded): not served
    expect(resourceMap(catalog, {}, {}, { article: async () => articles[0]!, file: async () => new Uint8Array() }).has("/collections/tags/中国.epub")).toBe(false);
  });
});

describe("articles assembled once per build", () => {
  it("give the same bytes when a book reuses the documents another book assembled", async () => {
    const reuse = new Map<string, Uint8Array>();
    await makeCollectionEpub(corpus.site, month(), cover, reuse); // assembles the harbour article
    expect([...reuse.keys()].sort()).toEqual([`OEBPS/article-${fixtureSlugs.harbour}.xhtml`, `OEBPS/notes-${fixtureSlugs.harbour}.xhtml`]);
    const reused = await makeCollectionEpub(corpus.site, tagged(), cover, reuse);
    expect(sha256(reused)).toBe(sha256(await make(tagged())));
    expect(reuse.size).toBe(6);
    // and what is reused is taken as it is, not assembled again
    const marked = new Map(reuse).set(`OEBPS/notes-${fixtureSlugs.tea}.xhtml`, new TextEncoder().encode("reused"));
    expect((await readBook(await makeCollectionEpub(corpus.site, tagged(), cover, marked))).get(`OEBPS/notes-${fixtureSlugs.tea}.xhtml`)).toBe("reused");
  });
});

describe("EPUBCheck", () => {
  // A checker that CI installs fails the test when missing; it never skips (install: apt-get install epubcheck).
  // Two JVMs (a few seconds of CPU each): a tag collection cut into volumes (its series
  // metadata is the one thing a whole collection lacks) and a month collection.
  it("finds 0 errors and 0 warnings in a volume of a tag collection, a month collection and one with a figure and a table", async () => {
    expect(existsSync(epubcheckJar), `${epubcheckJar} is missing: apt-get install epubcheck default-jre-headless`).toBe(true);
    const budget = Math.max(...corpus.articles.map((a) => estimatedBytes(corpus.site, a, noImages)));
    const volume = collectionsOf(corpus, { budget }).find((c) => c.path === "/collections/tags/test-fixture.2.epub")!;
    // A book holding the figure-and-table article twice over (as two articles): its figure's id
    // is prefixed per article, its image file is one, and its table headers keep scope="col".
    const figured = plan.find((c) => c.key === "2026-08")!;
    const twin = { ...figured.articles[0]!, slug: `${figureSlug}-twin` };
    const twice: Collection = { ...figured, articles: [figured.articles[0]!, twin], count: 2 };
    const files = await readBook(await makeCollectionEpub(corpus.site, twice, cover));
    const opf = files.get("OEBPS/content.opf")!;
    expect([...opf.matchAll(/<item id="(figure-[^"]+)" href="([^"]+)"/g)].map((m) => m[1])).toEqual([`figure-${figureSlug}-1`]);
    expect([...(await JSZipEntries(await makeCollectionEpub(corpus.site, twice, cover))).keys()].filter((n) => n.startsWith("OEBPS/images/"))).toHaveLength(1);
    for (const a of twice.articles) expect(files.get(`OEBPS/${collectionFiles(a).text}`)).toContain(`<th scope="col"`);
    const checked = await Promise.all([volume, month(), figured].map(async (c) => epubcheckProblems(c.path, await makeCollectionEpub(corpus.site, c, cover))));
    expect(checked.flat()).toEqual([]);
  }, 120_000);
});
