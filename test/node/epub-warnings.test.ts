/**
 * epub-gen-memory drops markup it does not know (here a `datetime` attribute) with only a
 * warning; the build turns that into an error naming the article and the file.
 */
import { describe, expect, it, vi } from "vitest";
import { makeEpub } from "../../src/epub/book.ts";
import { slugs, testCorpus } from "./epub-corpus.ts";

vi.mock("../../src/epub/endnotes.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/epub/endnotes.ts")>();
  return { ...original, endnotesBody: () => `<p>Dated <time datetime="2026-01-02">today</time>.</p>` };
});

describe("epub-gen-memory's warnings", () => {
  it("fail the build, naming the article, the file and what was dropped", async () => {
    const corpus = testCorpus();
    const article = corpus.articles.find((a) => a.slug === slugs.full)!;
    const error = await makeEpub(corpus.site, article, new Uint8Array([1])).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(`EPUB of article "${slugs.full}"`);
    expect(error!.message).toContain("Warning (endnotes.xhtml): attribute datetime isn't allowed.");
  });
});
