/**
 * Positions checked against what is served: the deployable bundle in Miniflare answers each
 * article's page, its JSON and its annotation collection, and the page is parsed by jsdom (the
 * HTML standard's tree construction). The collection's TextPositionSelectors count into the
 * page's `document.body.textContent`; the article JSON's positions count into the article's
 * plain text, each run starting at its `offset`.
 */
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHtml } from "../../scripts/conformance/dom.ts";
import { anchoringProblems, collectionItems, rootTexts } from "../../scripts/conformance/w3c-anchoring.ts";
import { startDeployable } from "./deployable.ts";

type Json = Record<string, any>;

const outdir = ".test-out/bundle-anchors";
let mf: Miniflare;

beforeAll(async () => {
  ({ mf } = await startDeployable(outdir));
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
});

async function served(path: string, accept: string): Promise<string> {
  const res = await mf.dispatchFetch(`http://127.0.0.1${path}`, { headers: { Accept: accept } });
  expect(res.status, path).toBe(200);
  return res.text();
}

/** Every article the index lists, following `next` from its first page. */
async function everyArticle<T>(): Promise<T[]> {
  const all: T[] = [];
  for (let path: string | undefined = "/articles.json", pages = 0; path && pages < 100; pages++) {
    const page = JSON.parse(await served(path, "application/json")) as { articles: T[]; next?: string };
    all.push(...page.articles);
    path = page.next ? new URL(page.next).pathname : undefined;
  }
  return all;
}

describe("positions, against what is served", () => {
  it("the annotation collection's selectors select each phrase in the served page's text", async () => {
    const listed = await everyArticle<{ slug: string; annotations: number }>();
    expect(listed.length).toBeGreaterThanOrEqual(4);
    let checked = 0;
    for (const { slug, annotations: noteCount } of listed) {
      const collection = JSON.parse(await served(`/articles/${slug}/annotations.jsonld`, "application/ld+json")) as Json;
      const article = JSON.parse(await served(`/articles/${slug}.json`, "application/json")) as Json;
      const html = await served(`/articles/${slug}`, "text/html");
      const items = collectionItems(collection);
      expect(items.length, slug).toBe(noteCount);
      // The page's own URL, as the collection names it.
      const source = (items[0]?.["target"] as Json | undefined)?.["source"] ?? article["url"];
      expect(anchoringProblems(slug, collection, new Map([[source, html]]), noteCount), slug).toEqual([]);

      const { raw } = rootTexts(parseHtml(html, source).body!);
      for (const [i, item] of items.entries()) {
        const [quote, position] = (item["target"] as Json)["selector"] as Json[];
        // The served page's text at the position is the editor's phrase (notes do not nest or cross a line break here).
        expect(raw.slice(position!["start"], position!["end"]), String(item["id"])).toBe(article["annotations"][i].anchor.exact);
        expect(quote!["exact"]).toBe(article["annotations"][i].anchor.exact);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("the article JSON's positions select each phrase in the runs it serves", async () => {
    const index = { articles: await everyArticle<{ slug: string }>() };
    for (const { slug } of index.articles) {
      const article = JSON.parse(await served(`/articles/${slug}.json`, "application/json")) as Json;
      const runs = (article["blocks"] as Json[]).flatMap((b) => (b["content"] ? [b["content"]] : b["head"] ? [...b["head"], ...b["rows"].flat()] : (b["paragraphs"] ?? b["items"] ?? []))) as { text: string; offset: number }[];
      for (const a of article["annotations"] as Json[]) {
        const run = runs.find((r) => r.offset <= a["position"].start && a["position"].end <= r.offset + r.text.length);
        expect(run, `${slug} ${a["id"]}`).toBeDefined();
        expect(run!.text.slice(a["position"].start - run!.offset, a["position"].end - run!.offset), `${slug} ${a["id"]}`).toBe(a["anchor"].exact);
      }
    }
  });
});
