/**
 * Smoke test of the deployable: the exact bundle `wrangler deploy --dry-run` would upload,
 * loaded into Miniflare with the built static assets, answering every route.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const outdir = ".test-out/bundle";
let mf: Miniflare;

beforeAll(async () => {
  const run = spawnSync(process.execPath, ["scripts/wrangler.ts", "deploy", "--dry-run", "--outdir", outdir], { encoding: "utf8" });
  expect(run.status, run.stderr + run.stdout).toBe(0);
  const main = readdirSync(outdir).find((f) => f.endsWith(".js"))!;
  const compatibilityDate = /compatibility_date = "([\d-]+)"/.exec(readFileSync("wrangler.toml", "utf8"))![1]!;
  mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: [{ type: "ESModule", path: join(outdir, main) }],
      modulesRoot: outdir,
      compatibilityDate,
      assets: { directory: "dist/assets", binding: "ASSETS", routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true } },
    }),
  );
  await mf.ready;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
});

describe("the deployable bundle in Miniflare", () => {
  it("contains no Node-only or schema code", () => {
    const main = readdirSync(outdir).find((f) => f.endsWith(".js"))!;
    const code = readFileSync(join(outdir, main), "utf8");
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
