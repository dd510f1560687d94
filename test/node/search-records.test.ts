/**
 * The search records the build keeps between builds (src/build/search-files.ts): files of
 * `recordsPerFile` articles in the order of the list, counted from the oldest, read whole,
 * rewritten only when their articles changed; the index made from them the same bytes as from
 * records counted afresh; a damaged file is counted again, never trusted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecordFile, recordsPerFile, searchIndexFiles } from "../../src/build/search-files.ts";
import type { Article } from "../../src/model/document.ts";
import { article } from "./search-articles.ts";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-search-records-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const words = ["harbour", "lighthouse", "keeper", "nets", "tide", "gull", "rope", "lamp", "storm", "pier"];
/** `n` articles, newest first (article n - 1 is the oldest: its slug a-0). */
const corpus = (n: number, changed?: number): Article[] =>
  Array.from({ length: n }, (_, k) => {
    const i = n - 1 - k;
    return article(`a-${i}`, {
      title: `${words[i % 10]} ${words[(i * 3) % 10]} número ${i}`,
      paragraphs: [`The ${words[(i * 7) % 10]} and the ${words[(i + 1) % 10]}: 灯台 ${i}.`, i === changed ? "An edited paragraph." : "Nothing more."],
      notes: [`A note on ${words[(i * 5) % 10]}.`],
      published: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString(),
    });
  });
const asText = (files: { path: string; data: Buffer }[]) => files.map((f) => [f.path, f.data.toString("utf8")]);
const files = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
const changedFiles = (before: Record<string, Buffer>, after: Record<string, Buffer>) => Object.keys(after).filter((f) => !before[f] || !before[f]!.equals(after[f]!));
const n = recordsPerFile * 2 + 40;

describe("the search records kept between builds", () => {
  it("are files of recordsPerFile articles that make the same index as counting, read without writing", () => {
    const dir = join(tmp, "a");
    const articles = corpus(n);
    const counted = asText(searchIndexFiles(articles));
    expect(asText(searchIndexFiles(articles, { cacheDir: dir }))).toEqual(counted);
    expect(readdirSync(dir).sort()).toEqual(["0.bin", "1.bin", "2.bin"]);
    expect(readdirSync(dir).map((f) => readRecordFile(join(dir, f))!.size).sort((x, y) => x - y)).toEqual([40, recordsPerFile, recordsPerFile]);
    const before = files(dir);
    expect(asText(searchIndexFiles(articles, { cacheDir: dir }))).toEqual(counted);
    expect(files(dir)).toEqual(before);
  });

  it("rewrite only the file of a changed article, and of the newest articles when one is added", () => {
    const dir = join(tmp, "b");
    searchIndexFiles(corpus(n), { cacheDir: dir });
    let before = files(dir);
    // Article 300 (from the oldest) is in file 1.
    const edited = corpus(n, 300);
    expect(asText(searchIndexFiles(edited, { cacheDir: dir }))).toEqual(asText(searchIndexFiles(edited)));
    expect(changedFiles(before, files(dir))).toEqual(["1.bin"]);
    expect(readdirSync(dir).reduce((s, f) => s + readRecordFile(join(dir, f))!.size, 0)).toBe(n);
    // One more article, the newest: file 2 (the newest) only.
    before = files(dir);
    const more = corpus(n + 1, 300);
    expect(asText(searchIndexFiles(more, { cacheDir: dir }))).toEqual(asText(searchIndexFiles(more)));
    expect(changedFiles(before, files(dir))).toEqual(["2.bin"]);
    // The oldest article gone: every file's articles shift, each is made anew from the records kept.
    const fewer = more.slice(0, -1);
    expect(asText(searchIndexFiles(fewer, { cacheDir: dir }))).toEqual(asText(searchIndexFiles(fewer)));
    expect(readdirSync(dir).map((f) => readRecordFile(join(dir, f))!.size).sort((x, y) => x - y)).toEqual([40, recordsPerFile, recordsPerFile]);
  });

  it("count again what a damaged or foreign file holds, and write it anew", () => {
    const dir = join(tmp, "c");
    const articles = corpus(recordsPerFile * 3 + 1);
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
