/** anchorQuote: a W3C TextQuoteSelector must select exactly one place in the text. */
import { describe, expect, it } from "vitest";
import { anchorQuote } from "../../src/content/anchor.ts";

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
