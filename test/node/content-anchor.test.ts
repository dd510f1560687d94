/**
 * anchorQuote: a W3C TextQuoteSelector must select exactly one place in the text. anchorNote:
 * what an editor is told when it does not, and the fuzzy re-anchoring after a small edit.
 */
import { describe, expect, it } from "vitest";
import { anchorQuote } from "../../src/content/anchor.ts";
import { anchorNote, fuzzyBound } from "../../src/content/anchor-notes.ts";
import { describeChars } from "../../src/content/char-names.ts";
import { closestSubstring, differences } from "../../src/content/edit-distance.ts";

const text = "The wall is a glossary. She says the wall is a diary. The wall is a wall.";
const at = (needle: string, from = 0) => text.indexOf(needle, from);

describe("anchorQuote", () => {
  it("finds a phrase that occurs once", () => {
    expect(anchorQuote(text, { exact: "glossary" })).toEqual({ ok: true, start: at("glossary"), end: at("glossary") + 8 });
  });

  it("reports a phrase that occurs nowhere", () => {
    expect(anchorQuote(text, { exact: "a mirror" })).toEqual({ ok: false, reason: "nowhere" });
  });

  it("is exact: case, quotes and dashes must match", () => {
    expect(anchorQuote(text, { exact: "the Wall is a diary" })).toEqual({ ok: false, reason: "nowhere" });
    expect(anchorQuote("a “quoted” word", { exact: 'a "quoted" word' })).toEqual({ ok: false, reason: "nowhere" });
    expect(anchorQuote("Russia – Ukraine", { exact: "Russia - Ukraine" })).toEqual({ ok: false, reason: "nowhere" });
  });

  it("reports an ambiguous phrase with the number of places", () => {
    expect(anchorQuote(text, { exact: "wall is a" })).toEqual({ ok: false, reason: "ambiguous", count: 3 });
  });

  it("counts overlapping occurrences as separate places", () => {
    expect(anchorQuote("aaa", { exact: "aa" })).toEqual({ ok: false, reason: "ambiguous", count: 2 });
  });

  it("tells places apart with a prefix", () => {
    const start = at("wall is a", at("She says"));
    expect(anchorQuote(text, { exact: "wall is a", prefix: "She says the " })).toEqual({ ok: true, start, end: start + 9 });
  });

  it("tells places apart with a suffix", () => {
    const start = at("The wall is a wall") + 4;
    expect(anchorQuote(text, { exact: "wall is a", suffix: " wall." })).toEqual({ ok: true, start, end: start + 9 });
  });

  it("tells places apart with prefix and suffix together, when neither alone is enough", () => {
    const t = "x a y. x a z. w a z.";
    expect(anchorQuote(t, { exact: "a", prefix: "x " })).toEqual({ ok: false, reason: "ambiguous", count: 2 });
    expect(anchorQuote(t, { exact: "a", suffix: " z" })).toEqual({ ok: false, reason: "ambiguous", count: 2 });
    expect(anchorQuote(t, { exact: "a", prefix: "x ", suffix: " z" })).toEqual({ ok: true, start: 9, end: 10 });
  });

  it("reports nowhere when the prefix or suffix rules out every place", () => {
    expect(anchorQuote(text, { exact: "glossary", prefix: "not " })).toEqual({ ok: false, reason: "nowhere" });
    expect(anchorQuote(text, { exact: "glossary", suffix: "!" })).toEqual({ ok: false, reason: "nowhere" });
  });

  it("ignores an empty prefix or suffix", () => {
    expect(anchorQuote(text, { exact: "wall is a", prefix: "", suffix: "" })).toEqual({ ok: false, reason: "ambiguous", count: 3 });
  });

  it("can anchor at the very start and end of the text", () => {
    expect(anchorQuote(text, { exact: "The wall", suffix: " is a glossary" })).toEqual({ ok: true, start: 0, end: 8 });
    expect(anchorQuote(text, { exact: "wall.", prefix: "a " })).toEqual({ ok: true, start: text.length - 5, end: text.length });
  });

  it("counts positions in UTF-16 code units, as the model does", () => {
    const t = "🦊 fox, 茶 tea, سوق market";
    const hit = anchorQuote(t, { exact: "market" });
    expect(hit).toEqual({ ok: true, start: t.length - 6, end: t.length });
    expect(anchorQuote(t, { exact: "茶" })).toEqual({ ok: true, start: 8, end: 9 });
  });
});

describe("anchorNote: messages that help", () => {
  const article = "Xi\u2019s call \u2013 on Monday\u00a0morning \u2013 was brief.\n\nThe call was brief, and the call was warm.";

  it("names each confusable character where the text and the anchor differ", () => {
    expect(anchorNote(article, { id: "x", anchor: { exact: "Xi's call - on Monday morning" } })).toEqual({
      ok: false,
      message:
        `"Xi's call - on Monday morning" (annotation x) matches nowhere in the article. The closest passage is "Xi\u2019s call \u2013 on Monday\u00a0morning": ` +
        "the text has \u2019 U+2019 RIGHT SINGLE QUOTATION MARK where the anchor has ' U+0027 APOSTROPHE; " +
        "the text has \u2013 U+2013 EN DASH where the anchor has - U+002D HYPHEN-MINUS; " +
        "the text has U+00A0 NO-BREAK SPACE where the anchor has U+0020 SPACE. Copy the phrase exactly from the article",
    });
  });

  it("says when only the letter case differs", () => {
    expect(anchorNote(article, { id: "y", anchor: { exact: "the Call was warm" } })).toEqual({
      ok: false,
      message: `"the Call was warm" (annotation y) matches nowhere in the article. The closest passage is "the call was warm": the text has "c" where the anchor has "C" (letter case). Copy the phrase exactly from the article`,
    });
  });

  it("counts the differences beyond the first three, and shows a passage within one paragraph", () => {
    expect(anchorNote(article, { id: "z", anchor: { exact: "\u201CThe call was brief\u201D, and the call was 'warm'" } })).toEqual({
      ok: false,
      message:
        `"\u201CThe call was brief\u201D, and the call was 'warm'" (annotation z) matches nowhere in the article. The closest passage is "The call was brief, and the call was warm": ` +
        "the anchor has \u201C U+201C LEFT DOUBLE QUOTATION MARK where the text has nothing; the anchor has \u201D U+201D RIGHT DOUBLE QUOTATION MARK where the text has nothing; " +
        "the anchor has ' U+0027 APOSTROPHE where the text has nothing; and 1 more difference. Copy the phrase exactly from the article",
    });
  });

  it("lists only the places a prefix or suffix still leaves, with lines to use instead", () => {
    expect(anchorNote("a b a b a c", { id: "m", anchor: { exact: "a", suffix: " b" } })).toEqual({
      ok: false,
      message:
        `"a" (annotation m) still matches 2 places: to pick one, use its line under anchor: in place of the prefix/suffix\n` +
        `    suffix: " b a b"  # place 1: "a b a b a c"\n` +
        `    suffix: " b a c"  # place 2: "a b a b a c"`,
    });
  });

  it("says when a prefix and a suffix each match a place, but never the same one", () => {
    expect(anchorNote(article, { id: "n", anchor: { exact: "call was", prefix: "The ", suffix: " warm" } })).toEqual({
      ok: false,
      message: `"call was" (annotation n) occurs 2 times in the article, after prefix "The " and before suffix " warm", but never both at once: keep the one that picks the place you mean`,
    });
  });

  it("says when nothing is close", () => {
    expect(anchorNote(article, { id: "w", anchor: { exact: "a lighthouse keeper" } })).toEqual({
      ok: false,
      message: `"a lighthouse keeper" (annotation w) matches nowhere in the article, and no passage is close to it (the closest, "The call was brief", is 14 edits away): copy the phrase exactly from the article`,
    });
  });

  it("lists each place of a repeated phrase with the line that singles it out, ready to paste", () => {
    expect(anchorNote(article, { id: "v", anchor: { exact: "call was" } })).toEqual({
      ok: false,
      message:
        `"call was" (annotation v) matches 2 places: to pick one, add its line under anchor:\n` +
        `    prefix: "The "  # place 1: "The call was brief, and the…"\n` +
        `    prefix: "the "  # place 2: "…brief, and the call was warm."`,
    });
  });

  it("grows a suggested prefix or suffix to whole words", () => {
    expect(anchorNote("It rained. It rained.", { id: "u", anchor: { exact: "It rained." } })).toEqual({
      ok: false,
      message:
        `"It rained." (annotation u) matches 2 places: to pick one, add its line under anchor:\n` +
        `    suffix: " It"       # place 1: "It rained. It rained."\n` +
        `    prefix: "rained. "  # place 2: "It rained. It rained."`,
    });
  });

  it("says when no nearby text tells two places apart", () => {
    const text = "One.\n\nSame words.\n\nSame words.";
    expect(anchorNote(text, { id: "t", anchor: { exact: "Same words." } })).toEqual({
      ok: false,
      message:
        `"Same words." (annotation t) matches 2 places: to pick one, add its line under anchor:\n` +
        `    # place 1: "Same words.", no nearby text tells it apart: anchor a longer phrase\n` +
        `    # place 2: "Same words.", no nearby text tells it apart: anchor a longer phrase`,
    });
  });

  it("names what differs in a prefix that rules out the only place", () => {
    expect(anchorNote(article, { id: "s", anchor: { exact: "was warm", prefix: "the cal " } })).toEqual({
      ok: false,
      message: `"was warm" (annotation s) occurs once in the article, but never after prefix "the cal ": the text just before it is "the call ": the text has "l" where the anchor has nothing. Fix the prefix, or remove it`,
    });
  });

  it("re-anchors near the previous position within one edit per ten characters, as a warning", () => {
    const hint = { start: article.indexOf("was warm") - 4, end: article.indexOf("was warm") + 8 };
    const hit = anchorNote(article, { id: "r", anchor: { exact: "call was wram" } }, hint);
    expect(hit).toEqual({
      ok: true,
      start: article.indexOf("call was warm"),
      end: article.indexOf("call was warm") + 13,
      anchor: { exact: "call was warm" },
      warning: `"call was wram" (annotation r) no longer matches the article exactly; it is re-anchored near its previous place to "call was warm" (2 edits, at most 2 allowed): the text has "a" where the anchor has "r"; the text has "r" where the anchor has "a". Update anchor.exact to the new phrase`,
    });
  });

  it("refuses a fuzzy match beyond the bound, or beyond the window around the hint", () => {
    expect(fuzzyBound("call was wram")).toBe(2);
    expect(anchorNote(article, { id: "q", anchor: { exact: "cal wus wram" } }, { start: 60, end: 72 }).ok).toBe(false);
    const far = "The harbour master spoke." + " filler".repeat(300) + " The end.";
    expect(anchorNote(far, { id: "p", anchor: { exact: "harbour mastr" } }, { start: far.length - 5, end: far.length }).ok).toBe(false);
    expect(anchorNote(far, { id: "p", anchor: { exact: "harbour mastr" } }, { start: 4, end: 18 })).toMatchObject({ ok: true, anchor: { exact: "harbour master" } });
  });

  it("publishes a re-anchored phrase that occurs twice with the context that makes it unique", () => {
    const text = "The call was warm. Later the cal was warm again.";
    const hit = anchorNote(text, { id: "o", anchor: { exact: "cal was warm" } }, { start: 4, end: 16 });
    // "cal was warm" itself occurs (in "the cal was warm"), so it anchors there exactly; the typo'd
    // phrase that is gone altogether re-anchors to the nearest close passage.
    expect(hit).toMatchObject({ ok: true, start: text.indexOf("cal was warm again") });
    const moved = anchorNote(text, { id: "o", anchor: { exact: "call waz warm" } }, { start: 4, end: 17 });
    expect(moved).toMatchObject({ ok: true, start: 4, end: 17, anchor: { exact: "call was warm" } });
  });
});

describe("describeChars", () => {
  it("names confusables, shows invisible ones by code point, and quotes plain letters", () => {
    expect(describeChars("\u2019")).toBe("\u2019 U+2019 RIGHT SINGLE QUOTATION MARK");
    expect(describeChars("'")).toBe("' U+0027 APOSTROPHE");
    expect(describeChars("\u2014")).toBe("\u2014 U+2014 EM DASH");
    expect(describeChars("\u201C")).toBe("\u201C U+201C LEFT DOUBLE QUOTATION MARK");
    expect(describeChars("\u202F")).toBe("U+202F NARROW NO-BREAK SPACE");
    expect(describeChars("\u200B")).toBe("U+200B ZERO WIDTH SPACE");
    expect(describeChars("ou")).toBe('"ou"');
    expect(describeChars("\u00E9")).toBe('"\u00E9"');
    expect(describeChars("\u2605")).toBe("\u2605 U+2605");
    expect(describeChars("\u2002")).toBe("U+2002 EN SPACE");
  });
});

describe("closestSubstring and differences", () => {
  it("finds the passage fewest edits away, and the edits along it", () => {
    expect(closestSubstring("a harbour master", "harbor")).toEqual({ start: 2, end: 9, distance: 1 });
    expect(differences("harbor", "harbour")).toEqual([{ text: "u", anchor: "" }]);
    expect(differences("colour", "color")).toEqual([{ text: "", anchor: "u" }]);
    expect(differences("a-b", "a\u2013b")).toEqual([{ text: "\u2013", anchor: "-" }]);
  });
});
