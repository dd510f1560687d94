/**
 * The search records the build keeps between builds (src/build/search-files.ts): 16 files of
 * records by key, read whole, rewritten only when they gain a record, the index made from them
 * the same bytes as from records counted afresh; a damaged file is counted again, never trusted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecordFile, searchIndexFiles } from "../../src/build/search-files.ts";
import type { Article } from "../../src/model/document.ts";
import { article } from "./search-articles.ts";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-search-records-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const words = ["harbour", "lighthouse", "keeper", "nets", "tide", "gull", "rope", "lamp", "storm", "pier"];
const corpus = (n: number, changed?: number): Article[] =>
  Array.from({ length: n }, (_, i) =>
    article(`a-${i}`, {
      title: `${words[i % 10]} ${words[(i * 3) % 10]} número ${i}`,
      paragraphs: [`The ${words[(i * 7) % 10]} and the ${words[(i + 1) % 10]}: 灯台 ${i}.`, i === changed ? "An edited paragraph." : "Nothing more."],
      notes: [`A note on ${words[(i * 5) % 10]}.`],
      published: `2026-01-${String(28 - (i % 28)).padStart(2, "0")}T00:00:00.000Z`,
    }),
  );
const asText = (files: { path: string; data: Buffer }[]) => files.map((f) => [f.path, f.data.toString("utf8")]);
const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));

describe("the search records kept between builds", () => {
  it("keep at most 16 files, hold every record, and make the same index as counting", () => {
    const dir = join(tmp, "a");
    const articles = corpus(40);
    const counted = asText(searchIndexFiles(articles));
    expect(asText(searchIndexFiles(articles, { cacheDir: dir }))).toEqual(counted);
    const names = readdirSync(dir);
    expect(names.length).toBeGreaterThan(1);
    expect(names.every((f) => /^[0-9a-f]\.bin$/.test(f))).toBe(true);
    const held = names.reduce((s, f) => s + readRecordFile(join(dir, f))!.size, 0);
    expect(held).toBe(40);
    // Read back: the same bytes again, and no file written.
    const before = files(dir);
    expect(asText(searchIndexFiles(articles, { cacheDir: dir }))).toEqual(counted);
    expect(files(dir)).toEqual(before);
  });

  it("rewrite only the file of a changed article, without the record it replaces", () => {
    const dir = join(tmp, "b");
    searchIndexFiles(corpus(200), { cacheDir: dir });
    const before = files(dir);
    const edited = corpus(200, 7);
    expect(asText(searchIndexFiles(edited, { cacheDir: dir }))).toEqual(asText(searchIndexFiles(edited)));
    const after = files(dir);
    const rewritten = Object.keys(after).filter((f) => !before[f] || !before[f]!.equals(after[f]!));
    expect(rewritten).toHaveLength(1);
    // The rewritten file holds the new record, and not the old one if it was there; an old one
    // in another file stays there until that file is rewritten (gaining a record, or a quarter
    // of it unused).
    const held = Object.keys(after).reduce((s, f) => s + readRecordFile(join(dir, f))!.size, 0);
    expect([200, 201]).toContain(held);
    // Every article changed: every file gains records and is rewritten with this build's only.
    const all = edited.map((a) => ({ ...a, title: `${a.title} (2)` }));
    expect(asText(searchIndexFiles(all, { cacheDir: dir }))).toEqual(asText(searchIndexFiles(all)));
    expect(readdirSync(dir).reduce((s, f) => s + readRecordFile(join(dir, f))!.size, 0)).toBe(200);
  });

  it("count again what a damaged or foreign file holds, and write it anew", () => {
    const dir = join(tmp, "c");
    const articles = corpus(30);
    const counted = asText(searchIndexFiles(articles));
    searchIndexFiles(articles, { cacheDir: dir });
    const [first, second, third, fourth] = readdirSync(dir).sort();
    const bytes = readFileSync(join(dir, first!));
    writeFileSync(join(dir, first!), bytes.subarray(0, bytes.length - 9)); // cut short
    writeFileSync(join(dir, second!), Buffer.from("not a record file"));
    const swapped = readFileSync(join(dir, third!));
    swapped.writeUInt32BE(swapped.readUInt32LE(4), 4); // the other byte order's mark
    writeFileSync(join(dir, third!), swapped);
    const grown = Buffer.concat([readFileSync(join(dir, fourth!)), Buffer.from("\n[]")]); // a row more than the header says
    writeFileSync(join(dir, fourth!), grown);
    for (const f of [first!, second!, third!, fourth!]) expect(readRecordFile(join(dir, f))).toBeUndefined();
    expect(asText(searchIndexFiles(articles, { cacheDir: dir }))).toEqual(counted);
    for (const f of [first!, second!, third!, fourth!]) expect(readRecordFile(join(dir, f))?.size).toBeGreaterThan(0);
  });
});
