/**
 * Keeps the cache folder (cache-dir.ts) from growing without bound. Every edit leaves entries
 * no later build will ask for (the article's old model, EPUB and cover, the packs that held
 * them), and a dev session makes hundreds of edits.
 *
 * Each build that uses the cache notes every entry it reads or writes (`noteCacheUse`, called
 * by the stores in the build's own thread), and when it succeeds writes them as its journal:
 *
 *   .cache/folio/journal/<start, base 36>-<pid>.txt   one entry per line, relative to the root
 *
 * An entry is a file (models/ab/ab….json) or a folder kept whole (files/<key>/). Once there are
 * twice `keep` journals, the cache is pruned and all but the newest `keep` journals removed, so
 * pruning runs every `keep` builds. An entry survives when one of the newest `keep` journals
 * names it, or when it was modified after the oldest of those builds started (an entry another
 * build is writing right now, a card drawn in a card thread, which journals nothing but renews
 * its file's time on every use: src/cards/cache.ts). Anything else is removed: an entry that a
 * later build wants after all is made again, as in a cold build.
 */
import { readdirSync, readFileSync, rmdirSync, rmSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { writeCacheFile } from "./cache-write.ts";

/** Builds whose entries are kept; the cache is pruned every this many builds. */
export const keptBuilds = 8;

const journalDir = "journal";

/** The entries the build in this thread has used, while one runs (startCacheUse … finishCacheUse). */
let uses: { root: string; started: number; entries: Set<string> } | undefined;

/** Begins noting the entries this build uses under `root`. */
export function startCacheUse(root: string, started = Date.now()): void {
  uses = { root, started, entries: new Set() };
}

/** Notes an entry (a file or an entry's folder, by its absolute path) as used by this build. */
export function noteCacheUse(path: string): void {
  if (!uses) return;
  const rel = relative(uses.root, path);
  if (rel === "" || rel.startsWith("..")) return;
  uses.entries.add(sep === "/" ? rel : rel.split(sep).join("/"));
}

/** Stops noting without a journal (a failed build: what it made may be garbage). */
export function abandonCacheUse(): void {
  uses = undefined;
}

export interface PruneSummary {
  /** Whether this build pruned (every `keep` builds). */
  pruned: boolean;
  removedFiles: number;
  removedBytes: number;
}

/** Writes this build's journal and prunes when it is time. A cache that cannot be written or pruned never fails the build. */
export function finishCacheUse(keep = keptBuilds): PruneSummary {
  const done = uses;
  uses = undefined;
  const none = { pruned: false, removedFiles: 0, removedBytes: 0 };
  if (!done) return none;
  try {
    const dir = join(done.root, journalDir);
    const name = `${done.started.toString(36).padStart(9, "0")}-${process.pid}.txt`;
    if (!writeCacheFile(join(dir, name), [...done.entries].join("\n"))) return none;
    const journals = listJournals(done.root);
    if (journals.length < 2 * keep) return none;
    return pruneCache(done.root, keep);
  } catch {
    return none;
  }
}

/** The journals, oldest first: [file name, start ms]. */
function listJournals(root: string): [string, number][] {
  let names: string[];
  try {
    names = readdirSync(join(root, journalDir));
  } catch {
    return [];
  }
  return names
    .map((name) => [name, /^([0-9a-z]{9})-\d+\.txt$/.exec(name)] as const)
    .filter((x): x is readonly [string, RegExpExecArray] => x[1] !== null)
    .map(([name, m]): [string, number] => [name, parseInt(m[1]!, 36)])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

/** Removes every entry the newest `keep` journals do not name and no build touched since the oldest of them began; then the older journals. */
export function pruneCache(root: string, keep = keptBuilds): PruneSummary {
  const journals = listJournals(root);
  const kept = journals.slice(-keep);
  const summary: PruneSummary = { pruned: true, removedFiles: 0, removedBytes: 0 };
  if (kept.length === 0) return { ...summary, pruned: false };
  const horizon = kept[0]![1];
  const used = new Set<string>();
  for (const [name] of kept) {
    for (const line of readFileSync(join(root, journalDir, name), "utf8").split("\n")) if (line) used.add(line);
  }
  /** Walks `rel` (a folder); returns whether it is empty afterwards. */
  const walk = (rel: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (used.has(child)) {
        empty = false;
        continue;
      }
      const path = join(root, child);
      if (entry.isDirectory()) {
        if (walk(child)) {
          try {
            rmdirSync(path); // fails if a build just put something in it: then it stays
          } catch {
            empty = false;
          }
        } else empty = false;
        continue;
      }
      try {
        const stat = statSync(path);
        if (stat.mtimeMs >= horizon) {
          empty = false;
          continue;
        }
        rmSync(path, { force: true });
        summary.removedFiles++;
        summary.removedBytes += stat.size;
      } catch {
        empty = false;
      }
    }
    return empty;
  };
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    // The parts are folders; files at the root (sizes.json) are one small record each, rewritten by every build.
    if (!entry.isDirectory() || entry.name === journalDir) continue;
    walk(entry.name);
  }
  for (const [name] of journals.slice(0, -keep)) rmSync(join(root, journalDir, name), { force: true });
  return summary;
}
