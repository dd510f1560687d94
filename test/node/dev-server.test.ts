/**
 * npm run dev, as an editor uses it: started in a copy of the project on a free port, with two
 * fixture articles; edits are saved to that copy and the open page must change.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, page, projectCopy, removeCopy, startDev, type RunningDev } from "./dev-helpers.ts";

const harbour = "fixture-harbour-lights-return";
const tea = "fixture-tea-house-glossary";
let dir: string;
let dev: RunningDev;

beforeAll(async () => {
  dir = projectCopy([`test/fixtures/articles/${harbour}`, `test/fixtures/articles/${tea}`]);
  dev = await startDev(dir);
}, 180_000);

afterAll(async () => {
  await dev?.stop();
  if (dir) removeCopy(dir);
}, 30_000);

/** Opening tags of script elements a browser would run (JSON-LD is data, not script). */
function executableScripts(html: string): string[] {
  return (html.match(/<script\b[^>]*>/gi) ?? []).filter((tag) => !/type="application\/ld\+json"/.test(tag));
}

/** Rewrites a file of the copy as an editor's save would. */
function edit(path: string, change: (text: string) => string): void {
  const file = join(dir, path);
  const before = readFileSync(file, "utf8");
  const after = change(before);
  expect(after, `the edit to ${path} changed nothing`).not.toBe(before);
  writeFileSync(file, after);
}

describe("npm run dev", () => {
  it("serves the worker's pages with the reload script, which only the dev CSP allows", async () => {
    const res = await page(`${dev.url}/articles/${harbour}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain("harbour lights of the old port");
    expect(executableScripts(res.body)).toEqual(['<script src="/__folio/reload.js" defer>']);
    expect(res.body).toContain('<script src="/__folio/reload.js" defer></script></head>');
    expect(res.csp).toContain(`script-src ${dev.url}/__folio/reload.js`);
    expect(res.csp).toContain(`connect-src ${dev.url}/__folio/events`);
    expect(res.csp).toMatch(/style-src 'sha256-[\w+/=]+'/); // the worker's own policy is kept
    expect(res.headers.get("etag")).toBeNull(); // the page is not the worker's, byte for byte
    expect(res.headers.get("cache-control")).toBe("no-store");

    const script = await fetch(`${dev.url}/__folio/reload.js`, { signal: AbortSignal.timeout(10_000) });
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('new EventSource("/__folio/events")');

    // Not HTML: passed through untouched.
    const json = await fetch(`${dev.url}/articles/${harbour}.json`, { signal: AbortSignal.timeout(10_000) });
    expect(json.headers.get("content-type")).toMatch(/^application\/json/);
    expect(json.headers.get("etag")).toMatch(/^"/);
    expect(await json.text()).not.toContain("__folio");

    // The worker itself, behind the dev server, sends no script and allows none.
    const upstream = /Ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(dev.output())![1]!;
    const direct = await page(`${upstream}/articles/${harbour}`);
    expect(direct.status).toBe(200);
    expect(executableScripts(direct.body)).toEqual([]);
    expect(direct.body).toContain('<script type="application/ld+json">'); // data, never run: the same page
    expect(direct.csp).not.toContain("script-src");
    expect(direct.csp).toContain("default-src 'none'");
  });

  it("reloads the open page after an edit to one article, re-making only that article's files, in the same worker", async () => {
    const events = await listen(dev.url);
    try {
      // The worker's isolate names itself on every response (src/worker/dev.ts), and so does the build it read.
      const before = await page(`${dev.url}/articles/${harbour}`);
      const isolate = before.headers.get("x-folio-dev-isolate");
      const version = before.headers.get("x-folio-dev-data");
      expect(isolate).toMatch(/^[0-9a-f-]{36}$/);
      expect(version).toMatch(/^\d+$/);
      const from = dev.output().length;
      edit(`content/articles/${harbour}/article.md`, (t) => t.replace("came back on last night", "came back on this very morning"));
      await events.next("reload", 30_000);
      const res = await page(`${dev.url}/articles/${harbour}`);
      expect(res.body).toContain("came back on this very morning");
      const log = dev.output().slice(from);
      expect(log).toContain(`files made for ${harbour}`);
      expect(log).not.toContain(tea);
      expect(log).toMatch(/pages reloaded \d+ ms after the save/);
      // Neither re-bundled nor restarted: the same isolate answered, over the new build's data,
      // and wrangler reported no reload (it prints one for every re-bundle or restart).
      expect(res.headers.get("x-folio-dev-isolate")).toBe(isolate);
      expect(Number(res.headers.get("x-folio-dev-data"))).toBeGreaterThan(Number(version));
      expect(log).toContain("the worker reads the new output");
      expect(log).not.toMatch(/Reloading local server|Local server updated|re-bundled/);
      expect(dev.output().match(/Ready on http/g)).toHaveLength(1);
      // Other pages of the same isolate follow too: the index lists the article with the new build.
      const index = await page(`${dev.url}/`);
      expect(index.status).toBe(200);
      expect(index.headers.get("x-folio-dev-isolate")).toBe(isolate);
      expect(index.headers.get("x-folio-dev-data")).toBe(res.headers.get("x-folio-dev-data"));
    } finally {
      events.close();
    }
  });

  it("shows every content problem on the page and in the terminal, stays up, and recovers once fixed", async () => {
    const events = await listen(dev.url);
    try {
      const from = dev.output().length;
      edit(`content/articles/${harbour}/annotations.yaml`, (t) => t.replace("kind: context", "kind: contxt"));
      edit(`content/articles/${tea}/article.md`, (t) => t.replace(/^dek: .*$/m, 'dek: ""'));
      const problems = [
        `content/articles/${harbour}/annotations.yaml:3 [0].kind: must be one of`,
        `content/articles/${tea}/article.md:4 dek: must not be empty`,
      ];
      await dev.waitForOutput(/2 problems in the content/, from, 30_000);
      await events.next("reload", 30_000);
      for (const path of ["/", `/articles/${harbour}`, `/articles/${tea}`]) {
        const res = await page(`${dev.url}${path}`);
        expect(res.status, path).toBe(422);
        for (const p of problems) expect(res.body, path).toContain(p);
        expect(res.body).toContain('<script src="/__folio/reload.js" defer></script>'); // reloads itself once fixed
        expect(res.csp).toContain(`script-src ${dev.url}/__folio/reload.js`);
      }
      for (const p of problems) expect(dev.output().slice(from)).toContain(p);
      // Data requests still reach the last good build.
      expect((await fetch(`${dev.url}/articles.json`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);

      edit(`content/articles/${harbour}/annotations.yaml`, (t) => t.replace("kind: contxt", "kind: context"));
      edit(`content/articles/${tea}/article.md`, (t) => t.replace(/^dek: ""$/m, 'dek: "Fixed again."'));
      await events.next("reload", 30_000);
      const fixed = await page(`${dev.url}/articles/${tea}`);
      expect(fixed.status).toBe(200);
      expect(fixed.body).toContain("Fixed again.");
      expect(dev.child.exitCode).toBeNull();
    } finally {
      events.close();
    }
  });

  it("rebuilds everything on fresh code after an edit to a renderer", async () => {
    const events = await listen(dev.url);
    try {
      const from = dev.output().length;
      edit("src/render/html/layout.ts", (t) => t.replace('<footer class="small">', '<footer class="small" data-dev-probe="1">'));
      await events.next("reload", 60_000);
      const res = await page(`${dev.url}/articles/${tea}`);
      expect(res.body).toContain('data-dev-probe="1"');
      expect(dev.output().slice(from)).toContain("every article's files made");
      // Code the worker imports: this one is re-bundled, and the pages wait for it.
      expect(dev.output().slice(from)).toMatch(/wrangler re-bundled the worker in \d+ ms/);
    } finally {
      events.close();
    }
  });
});
