/**
 * What the dev server hands its worker of the build (src/dev/data-server.ts): the latest
 * version, the worker's three texts as the bundle would hold them, the schemas and files of
 * dist/assets, nothing outside dist/assets, 409 for a version that is no longer the latest, and
 * no answer at all while a build is writing.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerData } from "../../src/build/worker-data.ts";
import { dataPath, serveData } from "../../src/dev/data-server.ts";

const dist = mkdtempSync(join(tmpdir(), "folio-dev-data-"));
let version = 3;
let writing: Promise<void> | undefined;
let server: Server;
let port: number;

beforeAll(async () => {
  const catalog = JSON.stringify({ site: { title: "It's" }, articles: [] });
  const packs = JSON.stringify({ packs: [4], types: ["image/png"], path: [], pack: [], size: [], type: [], etag: [], modified: [], site: { "/": { type: "text/html", size: 1, etag: '"s"' } } });
  writeFileSync(join(dist, "catalog.json"), catalog);
  writeFileSync(join(dist, "packs.json"), packs);
  for (const [name, text] of workerData(catalog, packs)) {
    mkdirSync(join(dist, name, ".."), { recursive: true });
    writeFileSync(join(dist, name), text);
  }
  for (const s of ["article", "list", "collections", "search"]) writeFileSync(join(dist, `${s}.schema.json`), JSON.stringify({ title: s }));
  mkdirSync(join(dist, "assets", "_packs"), { recursive: true });
  writeFileSync(join(dist, "assets", "_packs", "0.bin"), "pack");
  mkdirSync(join(dist, "assets", "articles", "a b"), { recursive: true });
  writeFileSync(join(dist, "assets", "articles", "a b", "é.png"), "png");
  server = createServer((req, res) => void serveData(req, res, { dist, version: () => String(version), idle: async () => void (await writing) }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dist, { recursive: true, force: true });
});

/** A GET of the raw path (fetch would normalize "..": a hostile client need not). */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: `${dataPath}${path}`, method: "GET", timeout: 10_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`no answer for ${path}`)));
    req.on("error", reject);
    req.end();
  });
}

describe("the dev server's data for its worker", () => {
  it("serves the version, the three texts, the schemas and the assets", async () => {
    expect(await get("/version")).toEqual({ status: 200, body: "3" });
    expect((await get("/3/catalog.json")).body).toBe(JSON.stringify({ site: { title: "It's" }, articles: [] }));
    expect(JSON.parse((await get("/3/site-record.json")).body)).toEqual({ "/": { type: "text/html", size: 1, etag: '"s"' } });
    expect(JSON.parse((await get("/3/pack-directory.json")).body).packs).toEqual([4]);
    expect(JSON.parse((await get("/3/schema/collections.json")).body)).toEqual({ title: "collections" });
    expect(await get("/3/assets/_packs/0.bin")).toEqual({ status: 200, body: "pack" });
    expect((await get(`/3/assets${encodeURI("/articles/a b/é.png")}`)).body).toBe("png");
  });

  it("answers 409 for an older version, and 404 for what is not there or outside dist/assets", async () => {
    expect((await get("/2/catalog.json")).status).toBe(409);
    for (const path of ["/3/assets/_packs/9.bin", "/3/assets/../catalog.json", "/3/assets/%2e%2e/packs.json", "/3/assets/_packs", "/3/schema/model.json", "/3/packs.json", "/3/assets/%E0%A4%A", "/nothing"]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it("holds every answer while a build writes, and answers with its version after", async () => {
    let done!: () => void;
    writing = new Promise<void>((r) => (done = r));
    let answered = false;
    const pending = get("/version").then((r) => ((answered = true), r));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    version = 4;
    done();
    writing = undefined;
    expect(await pending).toEqual({ status: 200, body: "4" });
    expect((await get("/3/catalog.json")).status).toBe(409);
  });
});
