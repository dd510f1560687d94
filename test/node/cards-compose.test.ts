/**
 * The cards as the build makes them (src/cards/compose.ts: only the block of text rendered,
 * laid onto a background rendered once) against the whole card rendered at once, as before
 * (`svgToPng(cardSvg(…))`): the same PNG bytes, title by title, for short, long and endless
 * titles, Greek and Cyrillic, characters the font lacks, marks stacked high enough to reach the
 * band (the whole card is rendered then), an empty title, another site's name and none.
 */
import { describe, expect, it } from "vitest";
import { composeCard, composedCardPng } from "../../src/cards/compose.ts";
import { cardSvg, layouts, svgToPng, type CardText } from "../../src/cards/draw.ts";
import { composeVersion, rendererKey } from "../../src/cards/renderer.ts";

const texts: CardText[] = [
  { title: "In Phone Call, Putin, Xi Emphasize That China and Russia 'Cannot Be Moved Apart'", source: "The Diplomat", site: "Folio" },
  { title: "A", source: "The Diplomat", site: "Folio" },
  { title: "", source: "", site: "Folio" },
  { title: "Tom & <Jerry>: “quotes”, ﬁ ligatures — and dashes…", source: "Harper's & Queen", site: "Folio" },
  { title: "Ζωή και θάνατος στην Αθήνα: Η Καθημερινή των ψαράδων", source: "Η Καθημερινή", site: "Folio" },
  { title: "Жизнь и смерть в Москве: рыбаки, порт и зима", source: "Новая газета", site: "Folio" },
  { title: "北京的茶馆 🦊 Tea Houses of Beijing", source: "人民日报", site: "Folio" },
  { title: "x".repeat(300), source: "The Diplomat", site: "Folio" },
  { title: Array.from({ length: 200 }, (_, i) => `word${i}`).join(" "), source: "A Source Whose Name Is Far Too Long To Fit On One Line Of The Card At All", site: "Folio" },
  { title: "Zä̤̈́͂l̤̈́͂g̤̈́͂ö̤́͂ ÅÄÖ ǺǼ", source: "The Diplomat", site: "Another Site" },
  { title: "No imprint", source: "The Diplomat", site: "" },
  { title: `Stacked a${"\u0301".repeat(80)}`, source: "The Diplomat", site: "Folio" },
];

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe("cards composed from the text block and a background", () => {
  for (const name of ["cover", "og"] as const) {
    it(`make the same ${name} PNG, byte for byte, as rendering the whole card`, () => {
      const differ = texts.filter((text) => !same(composedCardPng(text, layouts[name]), svgToPng(cardSvg(text, layouts[name])))).map((t) => t.title.slice(0, 40));
      expect(differ).toEqual([]);
    });
  }

  it("render only the block of text, but the whole card where the block reaches the band", () => {
    const { block } = composeCard(texts[0]!, layouts.cover);
    expect(block).toBeDefined();
    const area = (block!.right - block!.left) * (block!.bottom - block!.top);
    expect(area).toBeLessThan((layouts.cover.width * layouts.cover.height) / 2);
    expect(block!.top).toBeGreaterThan(layouts.cover.band);
    const stacked = texts.at(-1)!;
    expect(composeCard(stacked, layouts.og).block).toBeUndefined();
  });

  it("make the same bytes again, after other cards in between", () => {
    const first = texts.map((t) => composedCardPng(t, layouts.cover));
    const again = [...texts].reverse().map((t) => composedCardPng(t, layouts.cover)).reverse();
    expect(first.every((png, i) => same(png, again[i]!))).toBe(true);
  });

  it("are named in the card cache's key", () => {
    expect(rendererKey()).toContain(JSON.stringify(composeVersion));
  });
});
