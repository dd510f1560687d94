/**
 * The validators the worker sends are the build's record (src/build/validators.ts), and the
 * record tells the truth: each ETag is the hash of the bytes served, each Last-Modified the
 * recorded time those bytes last changed.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import manifest from "../../dist/assets.json";
import type { AssetManifest } from "../../src/model/assets.ts";
import { strongEtag } from "../../src/model/etag.ts";
import { allArticles, get } from "./helpers.ts";

const bundled = manifest as unknown as AssetManifest;

async function recordOf(slug: string): Promise<AssetManifest> {
  const res = await env.ASSETS.fetch(new Request(`https://assets.invalid/_model/${slug}.validators.json`));
  return res.json<AssetManifest>();
}

describe("recorded validators", () => {
  it("are what every response sends: the ETag hashes the body, Last-Modified is the recorded time", async () => {
    const articles = await allArticles();
    const record: AssetManifest = { ...bundled };
    for (const { slug } of articles) Object.assign(record, await recordOf(slug));
    const site = ["/", "/articles.json", "/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", "/schema/article.json", "/sitemap.xml", "/robots.txt", "/favicon.svg"];
    const own = articles.flatMap(({ slug }) => [`/articles/${slug}`, `/articles/${slug}.json`, `/articles/${slug}/annotations.jsonld`]);
    for (const path of [...site, ...own, ...Object.keys(bundled)]) {
      const res = await get(path);
      const body = new Uint8Array(await res.arrayBuffer());
      const entry = record[path];
      expect(entry, `${path} is recorded`).toBeDefined();
      expect(res.headers.get("ETag"), path).toBe(strongEtag(new Uint8Array(await crypto.subtle.digest("SHA-256", body))));
      expect(res.headers.get("ETag"), path).toBe(entry!.etag);
      expect(res.headers.get("Last-Modified"), path).toBe(new Date(entry!.modified!).toUTCString());
      expect(res.headers.get("Content-Type"), path).toBe(entry!.type);
    }
  });

  it("are not the article's 'updated' date", async () => {
    const [first] = (await (await get("/articles.json")).json<{ articles: { slug: string; updated: string }[] }>()).articles;
    const record = await recordOf(first!.slug);
    const res = await get(`/articles/${first!.slug}`);
    expect(res.headers.get("Last-Modified")).toBe(new Date(record[`/articles/${first!.slug}`]!.modified!).toUTCString());
    expect(res.headers.get("Last-Modified")).not.toBe(new Date(first!.updated).toUTCString());
  });

  it("give the favicon its own kind of caching, not the crawler files'", async () => {
    const icon = (await get("/favicon.svg")).headers.get("Cache-Control");
    expect(icon).toContain("max-age=604800");
    expect(icon).not.toBe((await get("/robots.txt")).headers.get("Cache-Control"));
  });
});
