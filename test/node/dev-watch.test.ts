/** The dev server's watcher sees every save, however the editor writes the file. */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { watchFolders } from "../../src/dev/watch.ts";

const root = mkdtempSync(join(tmpdir(), "folio-watch-"));
mkdirSync(join(root, "content", "articles", "a"), { recursive: true });
writeFileSync(join(root, "content", "articles", "a", "article.md"), "one");
const batches: string[][] = [];
const waiting = new Set<() => void>();
const stop = watchFolders(root, ["content"], (paths) => {
  batches.push(paths);
  for (const w of waiting) w();
}, 30);
afterAll(() => {
  stop();
  rmSync(root, { recursive: true, force: true });
});

/** The next batch that names `path`; fails after 5 s. */
function seen(path: string): Promise<void> {
  const from = batches.length;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (batches.slice(from).some((b) => b.includes(path))) done(resolve);
    };
    const timer = setTimeout(() => done(() => reject(new Error(`${path} not reported within 5 s; batches: ${JSON.stringify(batches.slice(from))}`))), 5_000);
    const done = (then: () => void) => {
      clearTimeout(timer);
      waiting.delete(check);
      then();
    };
    waiting.add(check);
  });
}

describe("watchFolders", () => {
  const file = join(root, "content", "articles", "a", "article.md");
  const shown = join("content", "articles", "a", "article.md");

  it("reports a write in place", async () => {
    const next = seen(shown);
    writeFileSync(file, "two");
    await next;
  });

  it("reports a save that renames a new file over the old one, and every write after it", async () => {
    let next = seen(shown);
    writeFileSync(`${file}.tmp`, "three");
    renameSync(`${file}.tmp`, file);
    await next;
    // Node's recursive watcher on Linux loses the file here; a directory's watcher does not.
    next = seen(shown);
    writeFileSync(file, "four");
    await next;
  });

  it("reports files in a folder made after it started (a new article)", async () => {
    const dir = join(root, "content", "articles", "b");
    let next = seen(join("content", "articles", "b"));
    mkdirSync(dir);
    await next;
    next = seen(join("content", "articles", "b", "article.md"));
    writeFileSync(join(dir, "article.md"), "new");
    await next;
  });
});
