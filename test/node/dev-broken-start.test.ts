/** npm run dev on content that does not build yet (a fresh `npm run new`): it serves the problems, then the site once fixed. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, page, projectCopy, removeCopy, startDev, type RunningDev } from "./dev-helpers.ts";

const slug = "fixture-harbour-lights-return";
let dir: string;
let dev: RunningDev;
const file = () => join(dir, "content", "articles", slug, "article.md");

beforeAll(async () => {
  dir = projectCopy([`test/fixtures/articles/${slug}`]);
  writeFileSync(file(), readFileSync(file(), "utf8").replace(/^title: .*$/m, 'title: ""'));
  dev = await startDev(dir);
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  if (dir) removeCopy(dir);
}, 30_000);

describe("npm run dev with broken content and no build yet", () => {
  it("starts, shows the problem on every page, and serves the site once it is fixed", async () => {
    expect(dev.output()).toContain(`content/articles/${slug}/article.md:3 title: must not be empty`);
    const broken = await page(`${dev.url}/articles/${slug}`);
    expect(broken.status).toBe(422);
    expect(broken.body).toContain(`content/articles/${slug}/article.md:3 title: must not be empty (the headline)`);
    const data = await fetch(`${dev.url}/articles.json`, { signal: AbortSignal.timeout(10_000) });
    expect(data.status).toBe(503); // nothing built yet to serve
    expect(data.headers.get("retry-after")).toBe("1");

    const events = await listen(dev.url);
    try {
      writeFileSync(file(), readFileSync(file(), "utf8").replace(/^title: ""$/m, 'title: "Harbour Lights, Fixed"'));
      await events.next("reload", 120_000); // the first good build also starts wrangler
      const fixed = await page(`${dev.url}/articles/${slug}`);
      expect(fixed.status).toBe(200);
      expect(fixed.body).toContain("Harbour Lights, Fixed");
    } finally {
      events.close();
    }
  }, 180_000);
});
