/**
 * Smoke test of the deployable: the exact bundle `wrangler deploy --dry-run` would upload,
 * loaded into Miniflare with the built static assets, answering every route.
 */
import { readFileSync } from "node:fs";
import type { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeployable } from "./deployable.ts";

const outdir = ".test-out/bundle";
let mf: Miniflare;
let script: string;

beforeAll(async () => {
  ({ mf, script } = await startDeployable(outdir));
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
});

describe("the deployable bundle in Miniflare", () => {
  it("contains no Node-only or schema code", () => {
    const code = readFileSync(script, "utf8");
    expect(code).not.toContain("epub-gen-memory");
    expect(code).not.toMatch(/from "zod"|ZodError/);
    expect(code).not.toContain("markdown-it");
  });

  it("answers every route of every article", async () => {
    // The index comes in pages: follow next from the first.
    const index: { articles: { slug: string }[] } = { articles: [] };
    for (let url: string | undefined = "http://127.0.0.1/articles.json"; url; ) {
      const page = (await (await mf.dispatchFetch(url)).json()) as { articles: { slug: string }[]; next?: string };
      index.articles.push(...page.articles);
      url = page.next && `http://127.0.0.1${new URL(page.next).pathname}`;
    }
    const manifest = JSON.parse(readFileSync("dist/assets.json", "utf8")) as Record<string, { type: string }>;
    const paths = ["/", "/articles.json", "/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", "/schema/article.json", "/sitemap.xml", "/robots.txt"];
    for (const { slug } of index.articles) paths.push(`/articles/${slug}`, `/articles/${slug}.json`, `/articles/${slug}/annotations.jsonld`);
    paths.push(...Object.keys(manifest));
    expect(index.articles.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      const res = await mf.dispatchFetch(`http://127.0.0.1${path}`);
      const body = new Uint8Array(await res.arrayBuffer());
      expect(res.status, path).toBe(200);
      expect(res.headers.get("ETag"), path).toMatch(/^"[\w-]+"$/);
      expect(body.byteLength, path).toBeGreaterThan(0);
      if (manifest[path]) expect(res.headers.get("Content-Type"), path).toBe(manifest[path]!.type);
    }
    const missing = await mf.dispatchFetch("http://127.0.0.1/no/such/page");
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it("serves built files through the worker, with byte ranges", async () => {
    const manifest = JSON.parse(readFileSync("dist/assets.json", "utf8")) as Record<string, { size: number }>;
    const epub = Object.keys(manifest).find((p) => p.endsWith(".epub"));
    expect(epub, "the build made no EPUB").toBeDefined();
    const res = await mf.dispatchFetch(`http://127.0.0.1${epub!}`, { headers: { Range: "bytes=0-57" } });
    expect(res.status).toBe(206);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(30, 58))).toBe("mimetypeapplication/epub+zip");
  });
});
