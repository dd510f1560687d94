/**
 * Built files served from packs (src/build/packs.ts, src/worker/data.ts): each file is its
 * slice of a pack, with byte ranges, If-Range and 304 as before; an article whose model is
 * not bundled is read from its pack; the isolate's byte budget drops what it kept longest.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import packsJson from "../../dist/packs.json";
import { indexPacks, packPath, type PackTable } from "../../src/model/assets.ts";
import { BUDGET, keep, keptBytes } from "../../src/worker/budget.ts";
import { get } from "./helpers.ts";

const table = packsJson as unknown as PackTable;
const packs = indexPacks(table);

async function packBytes(n: number): Promise<Uint8Array> {
  return new Uint8Array(await (await env.ASSETS.fetch(new Request(`https://assets.invalid${packPath(n)}`))).arrayBuffer());
}

describe("built files from packs", () => {
  const epub = table.path.find((p) => p.endsWith(".epub"))!;

  it("leaves no built file but the packs among the static assets", async () => {
    for (const path of table.path) expect((await env.ASSETS.fetch(new Request(`https://assets.invalid${path}`))).status, path).toBe(404);
    for (const [n, size] of table.packs.entries()) expect((await packBytes(n)).byteLength).toBe(size);
  });

  it("serves each built file as its slice of a pack, whole and by ranges", async () => {
    const served = table.path.filter((_, i) => table.etag[i] !== "");
    expect(served.some((p) => p.endsWith(".epub"))).toBe(true);
    expect(served.some((p) => p.includes("/figures/"))).toBe(true);
    for (const path of served) {
      const at = packs.locate(path)!;
      const want = (await packBytes(at.pack)).slice(at.offset, at.offset + at.size);
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type"), path).toBe(at.type);
      expect(res.headers.get("ETag"), path).toBe(at.etag);
      expect(new Uint8Array(await res.arrayBuffer()), path).toEqual(want);
      const part = await get(path, { headers: { Range: `bytes=${at.size - 100}-` } });
      expect(part.status, path).toBe(206);
      expect(part.headers.get("Content-Range"), path).toBe(`bytes ${at.size - 100}-${at.size - 1}/${at.size}`);
      expect(new Uint8Array(await part.arrayBuffer()), path).toEqual(want.slice(at.size - 100));
    }
  });

  it("packs the internal files (models, records, the search index) too, and serves none of them at its own path", async () => {
    const internal = table.path.filter((_, i) => table.etag[i] === "");
    expect(internal.some((p) => p.startsWith("/_model/"))).toBe(true);
    expect(internal.some((p) => p.startsWith("/_search/"))).toBe(true);
    for (const path of internal) expect((await get(path)).status, path).toBe(404);
    // The search index is read through the packs: a query finds the fixtures' words.
    const res = await get("/search.json?q=harbour");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
  });

  it("answers If-Range and If-None-Match from the packed file's record", async () => {
    const { etag, size } = packs.locate(epub)!;
    const same = await get(epub, { headers: { Range: "bytes=0-9", "If-Range": etag } });
    expect(same.status).toBe(206);
    expect((await same.arrayBuffer()).byteLength).toBe(10);
    const other = await get(epub, { headers: { Range: "bytes=0-9", "If-Range": '"not-this-one"' } });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(size);
    const cached = await get(epub, { headers: { "If-None-Match": etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("Last-Modified")).toBeNull();
  });

  it("reads an article whose model is not bundled from its pack, with its packed record", async () => {
    const models = table.path.filter((p) => /^\/_model\/[^/]+(?<!\.validators)\.json$/.test(p));
    expect(models.length).toBeGreaterThan(1);
    const slug = models.at(-1)!.slice("/_model/".length, -".json".length);
    const at = packs.locate(`/_model/${slug}.validators.json`)!;
    const record = JSON.parse(new TextDecoder().decode((await packBytes(at.pack)).slice(at.offset, at.offset + at.size))) as Record<string, { etag: string }>;
    const res = await get(`/articles/${slug}.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { slug: string }).slug).toBe(slug);
    expect(res.headers.get("ETag")).toBe(record[`/articles/${slug}.json`]!.etag);
  });

  it("keeps packs and prepared responses within one byte budget, dropping the oldest first", () => {
    const dropped: string[] = [];
    const start = keptBytes();
    keep("test a", BUDGET / 2, () => dropped.push("a"));
    keep("test b", BUDGET / 2, () => dropped.push("b"));
    expect(dropped).not.toContain("b");
    keep("test c", BUDGET / 4, () => dropped.push("c"));
    expect(dropped).toContain("a");
    expect(dropped).not.toContain("c");
    expect(keptBytes()).toBeLessThanOrEqual(BUDGET);
    expect(start).toBeLessThanOrEqual(BUDGET);
  });
});
