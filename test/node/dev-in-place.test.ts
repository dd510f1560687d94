/**
 * npm run dev over a dist/ that a production build left as a link: the dev server makes it a
 * real folder and updates it in place (src/build/output.ts), and the worker, started once,
 * serves the changed files, the catalog and the packed assets alike, read from the dev server
 * (src/dev/data-server.ts) without a re-bundle or a restart; files the edit did not change keep
 * their inode. A production build afterwards links it again.
 */
import { lstatSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/build.ts";
import { listen, page, projectCopy, removeCopy, startDev, type RunningDev } from "./dev-helpers.ts";

const harbour = "fixture-harbour-lights-return";
let dir: string;
let dev: RunningDev | undefined;

beforeAll(async () => {
  dir = projectCopy([`test/fixtures/articles/${harbour}`]);
  await build({ contentDir: join(dir, "content"), outDir: join(dir, "dist"), siteUrl: "http://127.0.0.1:1" });
  expect(lstatSync(join(dir, "dist")).isSymbolicLink()).toBe(true);
  dev = await startDev(dir);
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  if (dir) removeCopy(dir);
}, 30_000);

const epub = async (url: string) => Buffer.from(await (await fetch(`${url}/articles/${harbour}.epub`, { signal: AbortSignal.timeout(10_000) })).arrayBuffer());

describe("npm run dev over a linked dist/", () => {
  it("makes dist/ a real folder, and the worker serves the changed JSON and assets without a restart", async () => {
    const d = dev!;
    const dist = join(dir, "dist");
    expect(lstatSync(dist).isSymbolicLink()).toBe(false);
    expect(lstatSync(dist).isDirectory()).toBe(true);
    const schema = statSync(join(dist, "article.schema.json"));
    const epubBefore = await epub(d.url);
    expect(epubBefore.subarray(0, 2).toString()).toBe("PK");

    const events = await listen(d.url);
    try {
      const from = d.output().length;
      const file = join(dir, "content/articles", harbour, "article.md");
      const text = readFileSync(file, "utf8");
      const edited = text.replace("came back on last night", "came back on this very morning");
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      await events.next("reload", 30_000);
      expect((await page(`${d.url}/articles/${harbour}`)).body).toContain("came back on this very morning");
      expect((await epub(d.url)).equals(epubBefore)).toBe(false); // the asset, served anew
      const log = d.output().slice(from);
      expect(log).toContain("the worker reads the new output");
      expect(log).not.toMatch(/Reloading local server/); // neither re-bundled nor restarted
      expect(log).not.toMatch(/Ready on http/); // no second start of wrangler
      expect(d.output().match(/Ready on http/g)).toHaveLength(1);
    } finally {
      events.close();
    }
    expect(lstatSync(dist).isSymbolicLink()).toBe(false);
    const after = statSync(join(dist, "article.schema.json"));
    expect([after.ino, after.mtimeMs]).toEqual([schema.ino, schema.mtimeMs]); // unchanged: not touched

    await d.stop();
    dev = undefined;
    await build({ contentDir: join(dir, "content"), outDir: dist, siteUrl: "http://127.0.0.1:1" });
    expect(lstatSync(dist).isSymbolicLink()).toBe(true); // npm run build links it again
    expect(readFileSync(join(dist, "catalog.json"), "utf8")).toContain("this very morning");
  }, 120_000);
});
