/**
 * The cache folder's pruning (src/build/cache-prune.ts): what the newest builds used stays, what
 * none of them used and no build touched since is removed, every `keep` builds.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureContent, withCacheDir } from "./fixture-project.ts";
import { build, type BuildOptions } from "../../src/build/build.ts";
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

describe("real builds with a pruned cache", () => {
  /** A build of `content` with FOLIO_CACHE_DIR at `cache`. */
  const buildWith = (cache: string, options: BuildOptions) => withCacheDir(cache, () => build(options));
  const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(dir, f)).isFile());

  it("lose what an edit left behind, keep what the last build used, and the next build makes nothing again", async () => {
    const tmp = cacheRoot();
    const slugs = ["fixture-harbour-lights-return", "fixture-tea-house-glossary"];
    const content = fixtureContent(tmp, slugs);
    const cache = join(tmp, "cache");
    const options: BuildOptions = { contentDir: content, outDir: join(tmp, "dist"), root: content, keptBuilds: 1 };

    const cold = await buildWith(cache, options);
    expect(cold.made.sort()).toEqual(slugs);
    // Each article's entry in the file cache, by the EPUB it holds.
    const entryOf = (slug: string) =>
      readdirSync(join(cache, "files")).find((key) => {
        const entry = join(cache, "files", key, "entry.json");
        return existsSync(entry) && (JSON.parse(readFileSync(entry, "utf8")) as { path: string }[]).some((f) => f.path === `articles/${slug}.epub`);
      });
    const [editedEntry, keptEntry] = slugs.map(entryOf);
    expect(editedEntry && keptEntry).toBeTruthy();

    // One note edited: its article's model, EPUB and packs change; the old ones are used by no build any more.
    const notes = join(content, "articles", slugs[0]!, "annotations.yaml");
    const text = readFileSync(notes, "utf8");
    const edited = text.replace(/^(\s*body: [|>]?-?\s*"?)/m, "$1Edited. ");
    expect(edited).not.toBe(text);
    writeFileSync(notes, edited);
    const started = Date.now();
    const warm = await buildWith(cache, { ...options, progress: () => {} });
    expect(warm.made).toEqual([slugs[0]]);

    // Two journals with keptBuilds 1: the second build pruned, and one journal is left, its own.
    const journals = readdirSync(join(cache, "journal"));
    expect(journals).toHaveLength(1);
    const used = new Set(readFileSync(join(cache, "journal", journals[0]!), "utf8").split("\n"));
    // Everything left in the cache is named by that journal (or inside an entry folder it names), or was made by that build.
    for (const part of readdirSync(cache)) {
      if (part === "journal" || !statSync(join(cache, part)).isDirectory()) continue;
      for (const rel of filesUnder(join(cache, part))) {
        const path = `${part}/${rel}`;
        const named = [...used].some((u) => path === u || path.startsWith(`${u}/`));
        expect(named || statSync(join(cache, path)).mtimeMs >= started, path).toBe(true);
      }
    }
    // The edited article's first entry went (with the collection volumes that held it); the unchanged one's stayed.
    expect(existsSync(join(cache, "files", editedEntry!))).toBe(false);
    expect(existsSync(join(cache, "files", keptEntry!, "entry.json"))).toBe(true);
    expect(entryOf(slugs[0]!)).not.toBe(editedEntry);

    // Nothing the next build needs was removed: it makes nothing, and writes the same bytes.
    const kept = (filesUnder(cache) as string[]).filter((f) => !f.startsWith("journal")).sort();
    const again = await buildWith(cache, options);
    expect(again.made).toEqual([]);
    // No entry made again (this build prunes too, with keptBuilds 1: what it did not need, e.g. the cards behind kept EPUBs, goes).
    expect((filesUnder(cache) as string[]).filter((f) => !f.startsWith("journal") && !kept.includes(f))).toEqual([]);
    const dist = join(tmp, "dist");
    const before = readFileSync(join(dist, "model.json"));
    const cold2 = await buildWith(join(tmp, "cold-cache"), { ...options, outDir: join(tmp, "dist-cold") });
    expect(cold2.made.sort()).toEqual(slugs);
    expect(readFileSync(join(tmp, "dist-cold", "model.json")).equals(before)).toBe(true);
  }, 120_000);
});
