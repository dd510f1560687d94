/**
 * The same bytes either way: a build that starts from the previous output and a full cache
 * (the caches of src/build/cache-dir.ts, the previous dist's anchors and validators) writes the
 * same dist/ as a cold build of the same content, whatever edits came between. fast-check drives
 * random sequences of edits over a small corpus made from the test fixtures (add, edit, rename
 * and delete an article, retitle it, change its tags, its dates or a note, change site.yaml's
 * title or page size, change a figure's image, change a letter of a title and put the file's
 * modification time back); after each edit the incremental output is compared with a cold
 * build's, file by file. Half the runs keep what each build read in memory for the next, as the
 * dev server's build thread does (src/build/warm.ts).
 *
 * What may differ, and only that: the instants recorded as each output's last change (the
 * `modified` fields of the validators records, src/build/validators.ts), which a cold build
 * cannot know. They are blanked (same length, so every size and offset must still agree) in the
 * files that hold them: assets.json, packs.json, the pack table's chunks, worker-catalog.js,
 * and the articles' records packed in the pack files.
 *
 * The cold builds share one cache of drawn cards with the incremental ones (src/cards/cache.ts:
 * keyed by exactly what a card draws), so that EPUBs and covers are compared without drawing
 * them again each time.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withCacheDir } from "./fixture-project.ts";
import { build } from "../../src/build/build.ts";
import { keepBetweenBuilds } from "../../src/build/warm.ts";

const repo = resolve(import.meta.dirname, "../..");
const fixtures = join(repo, "test/fixtures/articles");
const sources = ["fixture-harbour-lights-return", "fixture-tea-house-glossary", "fixture-figure-and-table"];
const figureSlug = "fixture-figure-and-table";
const figureName = "harbour-wall.png";

let tmp: string;
let cards: string;
let figureVariants: Buffer[];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "folio-incremental-"));
  cards = join(tmp, "cards");
  mkdirSync(cards);
  const original = readFileSync(join(fixtures, figureSlug, figureName));
  // Other images of the same size and format, for "change a figure".
  figureVariants = [original, await sharp(original).negate({ alpha: false }).png().toBuffer(), await sharp(original).flop().png().toBuffer()];
});
afterAll(() => {
  keepBetweenBuilds(false);
  rmSync(tmp, { recursive: true, force: true });
});

type Edit =
  | { kind: "add"; source: number }
  | { kind: "delete"; pick: number }
  | { kind: "rename"; pick: number }
  | { kind: "text"; pick: number }
  | { kind: "title"; pick: number }
  | { kind: "tags"; pick: number; tags: string[] }
  | { kind: "note"; pick: number }
  | { kind: "site"; title: string }
  | { kind: "date"; pick: number; date: string }
  | { kind: "pageSize"; size: number }
  | { kind: "figure"; variant: number }
  | { kind: "same-size"; pick: number };

/** Tags, each in the spellings an article may write it: spellings of one tag are shown as one (src/model/tags.ts), whichever articles changed. */
const tagSpellings = [["test fixture"], ["towns", "Towns"], ["harbours", "Harbours", "HARBOURS"], ["tea", "Tea"]];
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), source: fc.nat(sources.length - 1) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("rename" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("text" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("title" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("tags" as const), pick: fc.nat(), tags: fc.subarray(tagSpellings).chain((groups) => fc.tuple(...groups.map((g) => fc.constantFrom(...g)))) }),
  fc.record({ kind: fc.constant("note" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("site" as const), title: fc.constantFrom("Folio", "Folio, again", "Les Notes") }),
  // Dates order the lists, date the sitemap and make the month books; one is another fixture's, so that slugs break the tie.
  fc.record({ kind: fc.constant("date" as const), pick: fc.nat(), date: fc.constantFrom("2026-12-01", "2026-11-20", "2025-01-15") }),
  // Small pages: every list has several, and an edit moves items and neighbours between them.
  fc.record({ kind: fc.constant("pageSize" as const), size: fc.constantFrom(1, 2, 50) }),
  fc.record({ kind: fc.constant("figure" as const), variant: fc.nat(2) }),
  fc.record({ kind: fc.constant("same-size" as const), pick: fc.nat() }),
);

/** A fresh content folder: site.yaml and the source fixtures. */
function makeContent(dir: string): void {
  mkdirSync(join(dir, "articles"), { recursive: true });
  cpSync(join(repo, "content/site.yaml"), join(dir, "site.yaml"));
  for (const slug of sources) cpSync(join(fixtures, slug), join(dir, "articles", slug), { recursive: true });
}

let counter = 0;

/** Applies one edit to the content folder (an edit that does not apply, e.g. deleting the last article, is skipped). */
function applyEdit(dir: string, edit: Edit): void {
  const articles = join(dir, "articles");
  const slugs = readdirSync(articles).sort();
  const n = ++counter;
  const picked = "pick" in edit ? join(articles, slugs[edit.pick % slugs.length]!) : "";
  const articleMd = join(picked, "article.md");
  const frontMatterLine = (name: string, line: string) => {
    const text = readFileSync(articleMd, "utf8");
    writeFileSync(articleMd, text.replace(new RegExp(`^${name}: .*$`, "m"), line));
  };
  switch (edit.kind) {
    case "add":
      cpSync(join(fixtures, sources[edit.source]!), join(articles, `added-${n}`), { recursive: true });
      break;
    case "delete":
      if (slugs.length > 1) rmSync(picked, { recursive: true });
      break;
    case "rename":
      renameSync(picked, join(articles, `renamed-${n}`));
      break;
    case "text":
      writeFileSync(articleMd, `${readFileSync(articleMd, "utf8").trimEnd()}\n\nA paragraph added by edit ${n}.\n`);
      break;
    case "title":
      frontMatterLine("title", `title: "Retitled by edit ${n}"`);
      break;
    case "tags":
      frontMatterLine("tags", `tags: ${JSON.stringify(edit.tags)}`);
      break;
    case "note": {
      const file = join(picked, "annotations.yaml");
      if (!existsSync(file)) break;
      const notes = parse(readFileSync(file, "utf8")) as { body: string }[] | null;
      if (!notes?.length) break;
      notes[0]!.body = `A note rewritten by edit ${n}.`;
      writeFileSync(file, stringify(notes));
      break;
    }
    case "site": {
      const file = join(dir, "site.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, `title: ${edit.title}`));
      break;
    }
    case "same-size": {
      // The same number of bytes, and the modification time put back as it was: only the
      // change time (and the bytes) tell the stat index (model-cache.ts) that the file changed.
      const before = statSync(articleMd);
      // The title's last letter in the other case (no note is anchored in the title).
      const text = readFileSync(articleMd, "utf8");
      writeFileSync(articleMd, text.replace(/^(title: .*)([A-Za-z])([^A-Za-z\n]*)$/m, (_, head: string, letter: string, tail: string) => `${head}${letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase()}${tail}`));
      utimesSync(articleMd, before.atime, before.mtime);
      break;
    }
    case "date":
      frontMatterLine("published", `published: "${edit.date}"`);
      frontMatterLine("updated", `updated: "${edit.date}"`);
      break;
    case "pageSize": {
      const file = join(dir, "site.yaml");
      const text = readFileSync(file, "utf8").replace(/^pageSize: .*\n/m, "");
      writeFileSync(file, `${text.trimEnd()}\npageSize: ${edit.size}\n`);
      break;
    }
    case "figure":
      for (const slug of slugs) {
        const file = join(articles, slug, figureName);
        if (existsSync(file)) writeFileSync(file, figureVariants[edit.variant]!);
      }
      break;
  }
}

/** A cache root whose cards are the shared ones, and nothing else in it yet. */
function freshCache(): string {
  const root = mkdtempSync(join(tmp, "cache-"));
  symlinkSync(cards, join(root, "cards"), "dir");
  return root;
}

/**
 * `racyMs: 0`: every file goes into the stat index (model-cache.ts), however recently it was
 * written, so that the edits (made a moment after the build before) are found by their stamps;
 * this needs the file system's fine timestamps (tmpfs, ext4, APFS: nanoseconds).
 */
async function buildWith(content: string, out: string, cacheRoot: string, articleFiles: boolean): Promise<void> {
  await withCacheDir(cacheRoot, () => build({ contentDir: content, outDir: out, articleFiles, root: content, racyMs: 0 }));
}

/** Files that hold recorded instants (see the top of this file). */
const holdsInstants = (path: string) => /^(assets\.json|packs\.json|worker-catalog\.js)$|^assets\/_packs\/(\d+\.bin$|table\/)/.test(path);

/** Blanks every recorded instant, keeping each file's length: an ISO date-time string, or a number of seconds in a `modified` column. */
function blankInstants(bytes: Buffer): string {
  return bytes
    .toString("latin1")
    .replace(/("modified":\s*")([^"]*)"/g, (_, head: string, value: string) => `${head}${"_".repeat(value.length)}"`)
    .replace(/("modified":\s*\[)([^\]]*)\]/g, (_, head: string, value: string) => `${head}${value.replace(/[0-9]/g, "_")}]`);
}

/** Every file of the output `dist` links to, by path, with the recorded instants blanked. */
function outputTree(dist: string): Map<string, string> {
  const root = realpathSync(dist);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const rel = relative(root, path).replaceAll("\\", "/");
        const bytes = readFileSync(path);
        files.set(rel, holdsInstants(rel) ? blankInstants(bytes) : bytes.toString("latin1"));
      }
    }
  };
  walk(root);
  return files;
}

function expectSameTree(incremental: Map<string, string>, cold: Map<string, string>, step: string): void {
  expect([...incremental.keys()], `${step}: the files`).toEqual([...cold.keys()]);
  for (const [path, bytes] of cold) {
    // Not toEqual on the whole map: a failure names the file, and does not print megabytes.
    const same = incremental.get(path) === bytes;
    expect(same, `${step}: ${path} differs from a cold build's`).toBe(true);
  }
}

describe("an incremental build", () => {
  it("writes the same output as a cold build after any edits", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(editArb, { minLength: 1, maxLength: 4 }), fc.boolean(), async (articleFiles, edits, warm) => {
        // Warm: the caches also keep what a build read in memory for the next, as in the dev server's build thread (src/build/warm.ts).
        keepBetweenBuilds(warm);
        const dir = join(tmp, `run-${++run}`);
        const content = join(dir, "content");
        const out = join(dir, "dist");
        const cache = freshCache();
        makeContent(content);
        await buildWith(content, out, cache, articleFiles);
        for (const [i, edit] of edits.entries()) {
          applyEdit(content, edit);
          await buildWith(content, out, cache, articleFiles);
          const cold = join(dir, `cold-${i}`);
          await buildWith(content, cold, freshCache(), articleFiles);
          expectSameTree(outputTree(out), outputTree(cold), `after ${JSON.stringify(edits.slice(0, i + 1))}`);
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      {
        numRuns: 4,
        seed: Number(process.env.FOLIO_PROPERTY_SEED ?? 16),
        endOnFailure: true,
        // Always tried: one article keeps "harbours" while the others come to write "Harbours", so
        // the spelling it is shown with changes though its own files do not.
        // And one page per article, then an article moved to the top and one made longer: the
        // lists' pages and neighbours move, and the books' sizes OPDS shows change. And a file
        // changed twice with its size and modification time kept (the stat index's case), and a
        // note, a figure and a title changed in a warm run (src/build/warm.ts).
        examples: [
          [false, [{ kind: "tags", pick: 0, tags: ["harbours"] }, { kind: "tags", pick: 1, tags: ["Harbours"] }, { kind: "tags", pick: 2, tags: ["Harbours"] }], false],
          [true, [{ kind: "pageSize", size: 1 }, { kind: "date", pick: 2, date: "2026-12-01" }, { kind: "text", pick: 0 }], false],
          [false, [{ kind: "same-size", pick: 0 }, { kind: "same-size", pick: 0 }], true],
          [true, [{ kind: "note", pick: 0 }, { kind: "figure", variant: 1 }, { kind: "title", pick: 1 }], true],
        ],
      },
    );
  }, 900_000);
});
