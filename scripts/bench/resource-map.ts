/**
 * The resource map at scale, in Node: how long `resourceMap()` takes to build at start-up for
 * 1 to 10,000 articles (synthetic metadata, three tags each from a pool of 500), how many entries
 * it lists, and what the first request of a later page, a tag page and the sitemap costs (the
 * tag index is worked out then). Medians of several runs; ratios carry over to workerd, not
 * absolute times.
 *
 *   node scripts/bench/resource-map.ts [--runs 7]
 */
import { parseArgs } from "node:util";
import type { ArticleMeta, Catalog } from "../../src/model/document.ts";
import { resourceMap } from "../../src/worker/resources.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Number(values.runs);

function catalog(n: number): Catalog {
  const articles: ArticleMeta[] = Array.from({ length: n }, (_, i) => {
    const date = new Date(Date.UTC(2026, 10, 28) - i * 3_600_000).toISOString();
    return {
      slug: `article-${i}`,
      title: `Article number ${i}`,
      dek: `The standfirst of article ${i}.`,
      language: "en",
      source: { publisher: "Publisher", url: `https://example.org/${i}`, date: "2025-02" },
      published: date,
      updated: date,
      tags: [`Topic ${i % 500}`, `Région ${(i * 7) % 500}`, `Thème ${(i * 13) % 500}`],
      wordCount: 900,
      noteCount: 8,
    };
  });
  return { site: { title: "Folio", description: "D", url: "https://folio.example.com", language: "en", publisher: { name: "Folio" }, feedItems: 20, pageSize: 50, rights: "R" }, articles, feedArticles: [] };
}

const loaders = { article: async () => Promise.reject(new Error("not in this benchmark")), file: async () => new Uint8Array() };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

console.log("articles | map built | entries listed | /page/<last> first request | /tags/<slug> first request (tag index) | /sitemap.xml");
for (const n of [1, 100, 1000, 10_000]) {
  const c = catalog(n);
  const build: number[] = [];
  const later: number[] = [];
  const tag: number[] = [];
  const sitemap: number[] = [];
  let listed = 0;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const map = resourceMap(c, {}, {}, loaders);
    build.push(performance.now() - t);
    listed = map.size;
    const last = Math.max(2, Math.ceil(n / 50));
    t = performance.now();
    const page = map.get(`/page/${last}`);
    if (page) await page.render!();
    later.push(performance.now() - t);
    t = performance.now();
    await map.get("/tags/topic-0")!.render!();
    tag.push(performance.now() - t);
    t = performance.now();
    await map.get("/sitemap.xml")!.render!();
    sitemap.push(performance.now() - t);
  }
  console.log(`${n.toLocaleString("en")} | ${ms(median(build))} | ${listed.toLocaleString("en")} | ${ms(median(later))} | ${ms(median(tag))} | ${ms(median(sitemap))}`);
}
