/** Snippets and marks: whole words, folded as the index folds them, cut at word boundaries. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistanceWithin } from "../../src/search/edit-distance.ts";
import { markWords, snippet, snippetStart } from "../../src/search/snippet.ts";
import { fold, isWordChar, words, wordsAt } from "../../src/search/terms.ts";

const shown = (m: { text: string; marks: { start: number; end: number }[] }) => m.marks.map((r) => m.text.slice(r.start, r.end));
const terms = (...t: string[]) => new Set(t);

describe("words and fold", () => {
  it("splits on anything but letters, marks and digits, in any script", () => {
    expect(words("Tom & Jerry's 3 <b>cats</b>, שלום-עולם; नमस्ते")).toEqual(["Tom", "Jerry", "s", "3", "b", "cats", "b", "שלום", "עולם", "नमस्ते"]);
  });

  it("tells letters, marks and digits from the rest as the Unicode classes do, for every code point", () => {
    const wordClass = /^[\p{L}\p{M}\p{N}]$/u;
    const wrong: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) if (isWordChar(c) !== wordClass.test(String.fromCodePoint(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it("splits any text as the regular expression /[\\p{L}\\p{M}\\p{N}]+/gu does, lone surrogates included", () => {
    const word = /[\p{L}\p{M}\p{N}]+/gu;
    const text = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.string({ unit: fc.constantFrom("a", "é", "’", " ", "\uD83E", "\uDD8A", "ß", "\u0301", "Ω", "٣", "-", "\u2028") }));
    fc.assert(
      fc.property(text, (t) => {
        expect(words(t)).toEqual(t.match(word) ?? []);
        expect(wordsAt(t).map((w) => t.slice(w.start, w.end))).toEqual(t.match(word) ?? []);
      }),
      { numRuns: 2000 },
    );
  });

  it("folds case, compatibility forms and Latin diacritics, and keeps other scripts' marks", () => {
    expect(fold("KRAKÓW")).toBe("krakow");
    expect(fold("ﬁne")).toBe("fine");
    expect(fold("Ｆｕｌｌ")).toBe("full");
    expect(fold("नमस्ते")).toBe("नमस्ते");
    expect(fold("한국")).toBe("한국");
  });
});

describe("markWords", () => {
  it("marks whole words only, whatever their case", () => {
    expect(shown({ text: "Harbour, harbours and the HARBOUR.", marks: markWords("Harbour, harbours and the HARBOUR.", terms("harbour")) })).toEqual(["Harbour", "HARBOUR"]);
  });

  it("marks words with diacritics from folded terms", () => {
    const text = "Letters from Kraków.";
    expect(shown({ text, marks: markWords(text, terms("krakow")) })).toEqual(["Kraków"]);
  });

  it("treats markup and regex characters in the text as text", () => {
    const text = "<mark>a</mark> (.*) harbour";
    expect(shown({ text, marks: markWords(text, terms("harbour", ".*", "mark")) })).toEqual(["mark", "mark", "harbour"]);
  });
});

describe("snippet", () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");

  it("is the whole text when it is short", () => {
    expect(snippet("A short text about the harbour.", terms("harbour"))).toEqual({ text: "A short text about the harbour.", marks: [{ start: 23, end: 30 }] });
  });

  it("opens the text when nothing matches, cut at a word with an ellipsis", () => {
    const s = snippet(filler(200), terms("absent"), 60);
    expect(s.marks).toEqual([]);
    expect(s.text.endsWith("…")).toBe(true);
    expect(s.text.startsWith("word0 ")).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(61);
    expect(s.text).toMatch(/word\d+…$/);
  });

  it("moves to the passage that holds the most distinct matched words", () => {
    const text = `${filler(50)} harbour ${filler(80)} harbour and quay together ${filler(50)}`;
    const s = snippet(text, terms("harbour", "quay"), 120);
    expect(shown(s)).toEqual(["harbour", "quay"]);
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.text.endsWith("…")).toBe(true);
  });

  it("never cuts a word, and collapses paragraph breaks to spaces with the marks kept in place", () => {
    const text = `${filler(30)}\n\nThe harbour\n\nreopened ${filler(30)}`;
    const s = snippet(text, terms("harbour", "reopened"), 100);
    expect(s.text).not.toMatch(/\s{2,}|\n/);
    expect(shown(s)).toEqual(["harbour", "reopened"]);
    for (const piece of s.text.replace(/…/g, "").split(" ")) expect(piece).toMatch(/^(word\d+|The|harbour|reopened)$/);
  });

  it("finds words with diacritics through the slow path", () => {
    const text = `${filler(40)} the Rynek in Kraków at dawn ${filler(40)}`;
    expect(shown(snippet(text, terms("krakow"), 80))).toEqual(["Kraków"]);
  });

  it("keeps right-to-left text intact", () => {
    const text = "The words שלום עולם open the letter.";
    const s = snippet(text, terms("שלום"));
    expect(s.text).toBe(text);
    expect(shown(s)).toEqual(["שלום"]);
  });

  it("keeps marks inside the text however the window falls", () => {
    const text = `${"ab ".repeat(500)}harbour.${" cd".repeat(500)}`;
    for (const max of [5, 20, 80, 300]) {
      const s = snippet(text, terms("harbour", "ab"), max);
      for (const m of s.marks) expect(m.start >= 0 && m.end <= s.text.length && m.start < m.end).toBe(true);
    }
  });
});

describe("editDistanceWithin", () => {
  it("is the Levenshtein distance when within the bound, else bound + 1", () => {
    expect(editDistanceWithin("goverment", "government", 2)).toBe(1);
    expect(editDistanceWithin("kitten", "sitting", 3)).toBe(3);
    expect(editDistanceWithin("kitten", "sitting", 2)).toBe(3);
    expect(editDistanceWithin("a", "abcdef", 2)).toBe(3);
    expect(editDistanceWithin("🦊x", "🦊y", 1)).toBe(1);
  });
});

describe("where a snippet opens", () => {
  /** The rule over the whole text, as it was before snippets looked at a growing prefix. */
  function wholeTextStart(text: string, terms: ReadonlySet<string>, max: number): number {
    const wordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);
    let hits: { start: number; end: number; term: string }[] | undefined;
    const lower = text.toLowerCase();
    if (lower.length === text.length) {
      hits = [];
      for (const term of terms) {
        let found = 0;
        for (let at = lower.indexOf(term); at !== -1 && found < 50; at = lower.indexOf(term, at + 1)) {
          if (wordChar(text[at - 1]) || wordChar(text[at + term.length])) continue;
          hits.push({ start: at, end: at + term.length, term });
          found++;
        }
      }
      hits.sort((x, y) => x.start - y.start);
    }
    if (hits === undefined || hits.length === 0) hits = wordsAt(text).map((w) => ({ start: w.start, end: w.end, term: fold(w.text) })).filter((w) => terms.has(w.term));
    let best = -1;
    let from = 0;
    const distinct = new Set(hits.map((h) => h.term)).size;
    for (let i = 0; i < Math.min(hits.length, 100) && best < distinct; i++) {
      const ws = Math.max(0, hits[i]!.start - 50);
      const seen = new Set<string>();
      for (let j = i; j < hits.length && hits[j]!.end <= ws + max; j++) seen.add(hits[j]!.term);
      if (seen.size > best) [best, from] = [seen.size, ws];
    }
    return from;
  }

  it("is where the rule over the whole text puts it, for long texts in any mix of words", () => {
    // Words that lowercase, fold, cut a surrogate pair, or move offsets when lowercased (İ).
    // Mostly filler, so that the words sought are sparse and the best window can come late.
    const rare = fc.constantFrom("harbour", "Harbour", "HARBOUR", "harbours", "Cádiz", "cadiz", "river", "İstanbul", "𝐀𝐁", "x");
    const filler = fc.constantFrom("the", "a", "quay", "and", "boats");
    const word = fc.oneof({ arbitrary: filler, weight: 40 }, { arbitrary: rare, weight: 1 });
    const text = fc.array(fc.tuple(word, fc.constantFrom(" ", " ", " ", ", ", "\n\n", "-", "")), { minLength: 200, maxLength: 1500, size: "max" }).map((ws) => ws.map(([w, sep]) => w + sep).join(""));
    const terms = fc.uniqueArray(fc.constantFrom("harbour", "cadiz", "river", "istanbul", "𝐀𝐁", "x", "nowhere"), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(text, terms, fc.constantFrom(60, 220), (t, ts, max) => {
        expect(snippetStart(t, new Set(ts), max)).toBe(wholeTextStart(t, new Set(ts), max));
      }),
      { numRuns: 1000 },
    );
  });

  it("lowercasing moves offsets for one code point only: U+0130", () => {
    const moved: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const s = String.fromCodePoint(c);
      if (s.toLowerCase().length !== s.length) moved.push(c);
    }
    expect(moved).toEqual([0x130]);
  });
});
