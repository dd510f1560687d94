/**
 * model.json is assembled from the articles' JSON made once for their own files
 * (build.ts jsonWithArticles): byte for byte what JSON.stringify of the whole model gives.
 */
import { describe, expect, it } from "vitest";
import { jsonWithArticles } from "../../src/build/build.ts";
import { testCorpus } from "./epub-corpus.ts";

describe("model.json", () => {
  it("is JSON.stringify of the model, byte for byte", () => {
    const corpus = testCorpus();
    expect(jsonWithArticles(corpus, corpus.articles.map((a) => JSON.stringify(a)))).toBe(JSON.stringify(corpus));
    const none = { ...corpus, articles: [] };
    expect(jsonWithArticles(none, [])).toBe(JSON.stringify(none));
    // A site whose text looks like the hole is kept as it is.
    const odd = { ...corpus, site: { ...corpus.site, title: "\u0000articles\u0000 [] \"articles\"" } };
    expect(jsonWithArticles(odd, odd.articles.map((a) => JSON.stringify(a)))).toBe(JSON.stringify(odd));
  });
});
