/**
 * The package document (content.opf), the navigation document and the NCX, from a corpus
 * with fixed dates: snapshots of each, and the facts that matter asserted one by one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { makeEpub } from "../../src/epub/book.ts";
import { bookIdentifier, uuidV5 } from "../../src/epub/identifier.ts";
import { modifiedDate } from "../../src/epub/package-document.ts";
import type { Corpus } from "../../src/model/document.ts";
import { readBook, slugs, testCorpus } from "./epub-corpus.ts";

let corpus: Corpus;
let full: Map<string, string>;
let bare: Map<string, string>;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]); // the cover's bytes do not matter here

beforeAll(async () => {
  corpus = testCorpus();
  const bySlug = (slug: string) => corpus.articles.find((a) => a.slug === slug)!;
  full = await readBook(await makeEpub(corpus.site, bySlug(slugs.full), png));
  bare = await readBook(await makeEpub(corpus.site, bySlug(slugs.bare), png));
});

describe("the identifier", () => {
  it("is a version 5 UUID of the canonical URL (same value as Python's uuid.uuid5(NAMESPACE_URL, …))", () => {
    expect(uuidV5("https://folio.example.com/articles/x")).toBe("b9e86fcf-3df9-52cb-8a95-ff7b327c9554");
    expect(bookIdentifier("https://folio.test/articles/harbour-lamps")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("is the same in the OPF and the NCX, derived from site.url + /articles/<slug>", () => {
    const id = bookIdentifier(`https://folio.test/articles/${slugs.full}`);
    expect(full.get("OEBPS/content.opf")).toContain(`<dc:identifier id="uid">${id}</dc:identifier>`);
    expect(full.get("OEBPS/toc.ncx")).toContain(`<meta name="dtb:uid" content="${id}"/>`);
  });
});

describe("the package document", () => {
  it("matches the snapshot", async () => {
    await expect(full.get("OEBPS/content.opf")).toMatchFileSnapshot("__snapshots__/epub/content.opf");
    await expect(bare.get("OEBPS/content.opf")).toMatchFileSnapshot("__snapshots__/epub/bare-content.opf");
  });

  it("is in the article's language, not epub-gen-memory's hard-coded en", () => {
    expect(bare.get("OEBPS/content.opf")).toContain(`unique-identifier="uid" xml:lang="fr"`);
    expect(bare.get("OEBPS/content.opf")).toContain("<dc:language>fr</dc:language>");
    expect(bare.get("OEBPS/article.xhtml")).toContain(`xml:lang="fr" lang="fr"`);
  });

  it("dates the edition and the original from the content, never from the clock", () => {
    const opf = full.get("OEBPS/content.opf")!;
    expect(opf).toContain(`<meta property="dcterms:modified">2026-01-03T04:05:06Z</meta>`);
    expect(opf).toContain("<dc:date>2026-01-02</dc:date>");
    expect(opf).toContain(`<dc:source id="source">https://example.org/gazette/lamps?issue=3&amp;page=2</dc:source>`);
    expect(opf).toContain(`<meta property="dcterms:issued" refines="#source">2024-05</meta>`);
    expect(bare.get("OEBPS/content.opf")).toContain(`<meta property="dcterms:issued" refines="#source">2019</meta>`);
    expect(modifiedDate("2026-11-28T00:00:00.000Z")).toBe("2026-11-28T00:00:00Z");
  });

  it("names the author only when known", () => {
    expect(full.get("OEBPS/content.opf")).toContain(`<dc:creator id="author">Ada Fixture</dc:creator>`);
    expect(bare.get("OEBPS/content.opf")).not.toContain("<dc:creator");
  });

  it("has rights, description, publisher and the accessibility metadata", () => {
    const opf = full.get("OEBPS/content.opf")!;
    expect(opf).toContain("<dc:publisher>Folio Test Press</dc:publisher>");
    expect(opf).toContain("<dc:description>A made-up report, for tests, on a harbour that kept its lamps lit.</dc:description>");
    expect(opf).toMatch(/<dc:rights>The article text belongs to its publisher\. .* published by The Test Gazette, May 2024, at https:\/\/example\.org/);
    for (const m of [
      `"schema:accessMode">textual<`,
      `"schema:accessMode">visual<`,
      `"schema:accessModeSufficient">textual<`,
      `"schema:accessibilityFeature">structuralNavigation<`,
      `"schema:accessibilityFeature">tableOfContents<`,
      `"schema:accessibilityHazard">none<`,
      `"schema:accessibilitySummary">`,
      `"dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA<`,
    ])
      expect(opf).toContain(m);
  });

  it("marks the cover image and opens on the article, with no contents page in the spine", () => {
    const opf = full.get("OEBPS/content.opf")!;
    expect(opf).toContain(`<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>`);
    const spine = opf.slice(opf.indexOf("<spine"), opf.indexOf("</spine>"));
    expect([...spine.matchAll(/idref="([^"]+)"/g)].map((m) => m[1])).toEqual(["article", "endnotes", "cover"]);
    expect(spine).toContain(`<itemref idref="cover" linear="no"/>`);
    expect(spine).not.toContain("nav");
    expect(bare.get("OEBPS/content.opf")).not.toContain("endnotes");
  });

  it("keeps none of epub-gen-memory's default metadata", () => {
    for (const f of ["OEBPS/content.opf", "OEBPS/toc.ncx"]) expect(full.get(f)).not.toMatch(/epub-gen|All rights reserved|ibooks:/);
  });
});

describe("the navigation", () => {
  it("matches the snapshots", async () => {
    await expect(full.get("OEBPS/toc.xhtml")).toMatchFileSnapshot("__snapshots__/epub/toc.xhtml");
    await expect(full.get("OEBPS/toc.ncx")).toMatchFileSnapshot("__snapshots__/epub/toc.ncx");
  });

  it("has a toc and landmarks for the text, the notes and the cover", () => {
    const nav = full.get("OEBPS/toc.xhtml")!;
    expect(nav).toContain(`<nav epub:type="toc" role="doc-toc" id="toc">`);
    expect(nav).toContain(`<a epub:type="bodymatter" href="article.xhtml">`);
    expect(nav).toContain(`<a epub:type="endnotes" href="endnotes.xhtml">Notes</a>`);
    expect(nav).toContain(`<a epub:type="cover" href="cover.xhtml">Cover</a>`);
    expect(full.get("OEBPS/toc.ncx")).toContain(`<content src="endnotes.xhtml"/>`);
    expect(bare.get("OEBPS/toc.xhtml")).not.toContain("endnotes.xhtml");
  });

  it("gives the cover page a text alternative", () => {
    expect(full.get("OEBPS/cover.xhtml")).toContain(`<img src="cover.png" alt="Cover: Lamps &amp; Ledgers: The Harbour&#39;s &#39;Quiet&#39; Year. The Test Gazette, annotated edition." role="doc-cover"/>`);
  });
});
