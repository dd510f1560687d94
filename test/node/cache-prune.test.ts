/**
 * The cache folder's pruning (src/build/cache-prune.ts): what the newest builds used stays, what
 * none of them used and no build touched since is removed, every `keep` builds.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { abandonCacheUse, finishCacheUse, noteCacheUse, startCacheUse } from "../../src/build/cache-prune.ts";

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function cacheRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "folio-prune-"));
  roots.push(root);
  return root;
}

/** Writes a file dated `at` (ms). */
function put(root: string, rel: string, at: number, bytes = "x"): string {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  utimesSync(path, at / 1000, at / 1000);
  return path;
}

/** One build started at `at` that used `entries`. */
function buildAt(root: string, at: number, entries: string[], keep: number) {
  startCacheUse(root, at);
  for (const e of entries) noteCacheUse(join(root, e));
  return finishCacheUse(keep);
}

describe("the cache's pruning", () => {
  it("keeps what the newest builds used, removes the rest every `keep` builds, and keeps its journals to `keep`", () => {
    const root = cacheRoot();
    const t0 = Date.UTC(2026, 0, 1);
    put(root, "models/aa/old.json", t0, "old model");
    put(root, "models/bb/live.json", t0);
    put(root, "files/k1/entry.json", t0);
    put(root, "files/k1/book.epub", t0, "a book");
    put(root, "files/k2/entry.json", t0);
    put(root, "files/k2/book.epub", t0);
    put(root, "sizes.json", t0);
    const keep = 2;
    // Build 1 used the old model; builds 2–4 use the live one and the folder entry k1.
    expect(buildAt(root, t0 + 1000, ["models/aa/old.json", "models/bb/live.json", "files/k1"], keep).pruned).toBe(false);
    expect(buildAt(root, t0 + 2000, ["models/bb/live.json", "files/k1"], keep).pruned).toBe(false);
    expect(buildAt(root, t0 + 3000, ["models/bb/live.json", "files/k1"], keep).pruned).toBe(false);
    // Cards drawn in a card thread (which journals nothing): one renewed since build 3 began (the oldest kept), one not.
    put(root, "cards/fresh.png", t0 + 3500);
    put(root, "cards/stale.png", t0 + 500);
    const summary = buildAt(root, t0 + 4000, ["models/bb/live.json", "files/k1"], keep);
    expect(summary.pruned).toBe(true);
    expect(summary.removedFiles).toBe(4); // old.json, k2's two files, stale.png
    expect(summary.removedBytes).toBe("old model".length + 1 + 1 + 1);
    expect(existsSync(join(root, "models/aa"))).toBe(false); // emptied folders go too
    expect(existsSync(join(root, "models/bb/live.json"))).toBe(true);
    expect(existsSync(join(root, "files/k1/book.epub"))).toBe(true); // a folder entry is kept whole
    expect(existsSync(join(root, "files/k2"))).toBe(false);
    expect(existsSync(join(root, "cards/fresh.png"))).toBe(true);
    expect(existsSync(join(root, "cards/stale.png"))).toBe(false);
    expect(existsSync(join(root, "sizes.json"))).toBe(true);
    expect(readdirSync(join(root, "journal"))).toHaveLength(keep);
    // The next build does not prune again until there are twice `keep` journals.
    expect(buildAt(root, t0 + 5000, ["models/bb/live.json"], keep).pruned).toBe(false);
  });

  it("writes no journal for a build that failed, and notes nothing outside the root", () => {
    const root = cacheRoot();
    startCacheUse(root, 1);
    noteCacheUse(join(root, "models/aa/x.json"));
    abandonCacheUse();
    expect(finishCacheUse(1).pruned).toBe(false);
    expect(existsSync(join(root, "journal"))).toBe(false);
    startCacheUse(root, 2);
    noteCacheUse(join(root, "..", "elsewhere.json"));
    noteCacheUse("/etc/passwd");
    finishCacheUse(10);
    const [journal] = readdirSync(join(root, "journal"));
    expect(journal).toMatch(/^[0-9a-z]{9}-\d+\.txt$/);
  });
});
