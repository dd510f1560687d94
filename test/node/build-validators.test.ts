/**
 * The build's record of validators (src/build/validators.ts): an output's Last-Modified moves
 * when its bytes change, for whatever reason, and stays when a rebuild leaves them alone.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { build } from "../../src/build/build.ts";
import { stampValidators } from "../../src/build/validators.ts";
import type { AssetManifest, PackTable } from "../../src/model/assets.ts";

// A template change, made for real: the icon's renderer draws another colour when asked to.
const template = vi.hoisted(() => ({ changed: false }));
vi.mock("../../src/render/crawlers.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/render/crawlers.ts")>();
  return { ...real, renderFavicon: () => (template.changed ? real.renderFavicon().replace(/fill="#[0-9a-f]{6}"/, 'fill="#123456"') : real.renderFavicon()) };
});

const repo = resolve(import.meta.dirname, "../..");
const OLD = "2020-01-01T00:00:00Z";
const page = "/articles/fixture-harbour-lights-return";
let tmp: string;
let outDir: string;

/** The whole record: assets.json holds every output's (each article's own record is packed beside its model for the worker). */
function record(): AssetManifest {
  return JSON.parse(readFileSync(join(outDir, "assets.json"), "utf8")) as AssetManifest;
}

/** Dates every record of the current output to 2020, as if an old build had made these bytes. */
function ageRecord(): void {
  const file = join(outDir, "assets.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as AssetManifest;
  for (const entry of Object.values(data)) entry.modified = OLD;
  writeFileSync(file, JSON.stringify(data));
}

// One article in the feeds: the harbour lights (the newest) is bundled in full, the others are not.
const run = () => build({ contentDir: join(tmp, "content"), articleDirs: [join(repo, "test/fixtures/articles")], outDir, feedItems: 1 });
const older = "/articles/fixture-escaping-stress-test";

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-validators-"));
  cpSync(join(repo, "content/site.yaml"), join(tmp, "content/site.yaml"), { recursive: true });
  outDir = join(tmp, "dist");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("recorded validators", () => {
  it("record every output the worker serves, rendered pages and feeds included", async () => {
    await run();
    const all = record();
    for (const path of ["/", "/articles.json", "/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", "/schema/article.json", "/sitemap.xml", "/robots.txt", "/favicon.svg", page, `${page}.json`, `${page}/annotations.jsonld`]) {
      expect(all[path], path).toMatchObject({ etag: expect.stringMatching(/^"[\w-]{27}"$/), modified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    }
    // An older article's pages are recorded beside its model only (packed); the newest's are bundled too, in the pack table.
    const bundled = (JSON.parse(readFileSync(join(outDir, "packs.json"), "utf8")) as PackTable).site;
    expect(all[older]).toBeDefined();
    expect(bundled[older]).toBeUndefined();
    expect(bundled[page]).toEqual(all[page]);
  });

  it("keep the time of bytes an unchanged rebuild makes again", async () => {
    ageRecord();
    await run();
    for (const [path, { modified }] of Object.entries(record())) expect(modified, path).toBe(OLD);
  });

  it("move the time of every output whose bytes a change to site.yaml changes, and only those", async () => {
    ageRecord();
    const before = record();
    const site = join(tmp, "content/site.yaml");
    writeFileSync(site, readFileSync(site, "utf8").replace(/^title: .*$/m, "title: Folio Renamed"));
    await run();
    const after = record();
    for (const path of ["/", "/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", page]) {
      expect(after[path]!.etag, path).not.toBe(before[path]!.etag);
      expect(after[path]!.modified, path).not.toBe(OLD);
      expect(Date.parse(after[path]!.modified!)).toBeGreaterThan(Date.now() - 60_000);
    }
    // The icon and robots.txt do not name the site's title: same bytes, same time.
    for (const path of ["/favicon.svg", "/robots.txt"]) expect(after[path], path).toEqual(before[path]);
  });
});

describe("a template change", () => {
  it("moves the time of the outputs it changes, and of no other", async () => {
    ageRecord();
    const before = record();
    template.changed = true;
    await run();
    const after = record();
    expect(after["/favicon.svg"]!.etag).not.toBe(before["/favicon.svg"]!.etag);
    expect(after["/favicon.svg"]!.modified).not.toBe(OLD);
    for (const [path, entry] of Object.entries(after)) if (path !== "/favicon.svg") expect(entry, path).toEqual(before[path]);
  });
});

describe("stampValidators", () => {
  const out = (etag: string) => new Map([["/feed.xml", { type: "application/rss+xml", size: 10, etag }]]);
  const now = new Date("2026-11-30T12:00:00.500Z");

  it("keeps the time of the same bytes, and gives new bytes (a template change) the build's time", () => {
    const previous: AssetManifest = { "/feed.xml": { type: "application/rss+xml", size: 10, etag: '"a"', modified: OLD } };
    expect(stampValidators(out('"a"'), previous, now)["/feed.xml"]!.modified).toBe(OLD);
    expect(stampValidators(out('"b"'), previous, now)["/feed.xml"]!.modified).toBe("2026-11-30T12:00:00Z");
    expect(stampValidators(out('"b"'), {}, now)["/feed.xml"]!.modified).toBe("2026-11-30T12:00:00Z");
  });

  it("never dates new bytes with the second of the bytes they replace", () => {
    const previous: AssetManifest = { "/feed.xml": { type: "application/rss+xml", size: 10, etag: '"a"', modified: "2026-11-30T12:00:00Z" } };
    expect(stampValidators(out('"b"'), previous, now)["/feed.xml"]!.modified).toBe("2026-11-30T12:00:01Z");
  });
});
