/**
 * The chapter cache (src/build/chapter-cache.ts): an article's documents in a collection's book
 * and their deflated bytes, kept by code, site and model digest; an entry that does not add up
 * (truncated, or not an entry at all) is ignored.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { openChapterCache, type ChapterFile } from "../../src/build/chapter-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-chapters-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (path: string, text: string): ChapterFile => {
  const data = new TextEncoder().encode(text);
  return { path, data, deflated: new Uint8Array(deflateRawSync(data, { level: 9 })) };
};
const plain = (files: ChapterFile[] | undefined) => files?.map((f) => [f.path, Buffer.from(f.data).toString(), Buffer.from(f.deflated).toString("hex")]);

describe("the chapter cache", () => {
  it("gives back what was put, by code, site and digest only", () => {
    const files = [file("OEBPS/a.xhtml", "<p>text ü</p>".repeat(50)), file("OEBPS/a-notes.xhtml", "<p>notes</p>")];
    const cache = openChapterCache(dir, "code", "site");
    cache.put("digest", files);
    expect(plain(openChapterCache(dir, "code", "site").get("digest"))).toEqual(plain(files));
    expect(openChapterCache(dir, "other code", "site").get("digest")).toBeUndefined();
    expect(openChapterCache(dir, "code", "other site").get("digest")).toBeUndefined();
    expect(cache.get("other digest")).toBeUndefined();
  });

  it("ignores an entry that does not add up", () => {
    const cache = openChapterCache(dir, "code", "site");
    cache.put("broken", [file("OEBPS/b.xhtml", "<p>b</p>")]);
    const [entry] = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".bin")).map((f) => join(dir, f)).filter((f) => readFileSync(f).includes("b.xhtml"));
    const whole = readFileSync(entry!);
    writeFileSync(entry!, whole.subarray(0, whole.length - 1));
    expect(cache.get("broken")).toBeUndefined();
    writeFileSync(entry!, "not an entry");
    expect(cache.get("broken")).toBeUndefined();
    writeFileSync(entry!, Buffer.concat([whole, Buffer.from([0])]));
    expect(cache.get("broken")).toBeUndefined();
  });
});
