/**
 * The search index packs its text shards by their size in UTF-8 (src/search/index-build.ts
 * `utf8Bytes`), counted without encoding: the same count as TextEncoder's bytes, for any string,
 * lone surrogates included (written as U+FFFD).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Bytes } from "../../src/search/index-build.ts";

describe("utf8Bytes", () => {
  it("counts what TextEncoder writes", () => {
    for (const s of ["", "a", "é", "漢字", "😀", "\ud800", "\udc00x", "a\ud83d", "\ud83d\ude00\ud83d"]) expect(utf8Bytes(s), JSON.stringify(s)).toBe(new TextEncoder().encode(s).length);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => utf8Bytes(s) === new TextEncoder().encode(s).length),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }), (s) => utf8Bytes(s) === new TextEncoder().encode(s).length),
      { numRuns: 2000 },
    );
  });
});
