/**
 * The cards as the build makes them (src/cards/compose.ts: only rectangles round the block's
 * elements rendered, laid onto a background rendered once) against the whole card rendered at
 * once, as before (`svgToPng(cardSvg(…))`): the same PNG bytes, title by title, for short, long
 * and endless titles, Greek and Cyrillic, characters the font lacks, marks stacked high enough
 * to reach the band (the whole card is rendered then), an empty title, another site's name and
 * none; and the cases the rectangles make risky: descenders and ascenders reaching into the next
 * line's rectangle, stacked marks, words broken between characters, one-word titles, titles cut
 * with "…", an empty source. Also that the boxes the rectangles are made from hold each element
 * as resvg measures it where it is drawn, and that every pixel outside the rectangles is the
 * background's.
 */
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { blockRectangles, composeCard, composedCardPng, type Rectangle } from "../../src/cards/compose.ts";
import { cardParts, cardSvg, layouts, partsSvg, rasterize, svgToPng, type CardText } from "../../src/cards/draw.ts";
import { composeVersion, renderOptions, rendererKey } from "../../src/cards/renderer.ts";

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
  // descenders of one line reaching into the rectangle of the next, and ascenders into the one above
  { title: "gypsy Ångström gypsy Ångström gypsy Ångström gypsy Ångström gypsy Ångström", source: "Gazeta jpgqy", site: "Folio" },
  { title: "jumpy quaggy gypsy jiggly Ǻngström ÉÈÊ ÑÕ Ḉ ǅ", source: "", site: "Folio" },
  { title: "Ordinary words on several lines of a title that wraps, with nothing below the line", source: "The Harbour Gazette", site: "Folio" },
  { title: "Stacked marks: ä̤̤̤̤́̈́̈́̈́ g̤̤̤̈́̈́̈́ ÿ̤̤́̈́ on lines ǵ̤̈́ that wrap g̤̈́ ä̤̤́̈́ and wrap", source: "The Diplomat", site: "Folio" },
  // very long words broken between characters (a combining mark may start a line)
  { title: `Donaudampfschifffahrtsgesellschaftskapitänswitwe${"gjpqy".repeat(30)}`, source: "Die Zeit", site: "Folio" },
  { title: "é".normalize("NFD").repeat(120), source: "The Diplomat", site: "Folio" },
  // one word
  { title: "Jg", source: "The Diplomat", site: "Folio" },
  { title: "Über", source: "", site: "Folio" },
  // at the smallest size, cut with "…"
  { title: Array.from({ length: 120 }, (_, i) => (i % 2 ? "gypsy" : "Ångström")).join(" "), source: "The Diplomat", site: "Folio" },
  { title: "Ѓјубљана Љубљана Џеп ђ ћ Йогурт Ѯѱ — Ελληνικά ΐΰ ῷ ῢ", source: "Вечерња газета", site: "Folio" },
  { title: "仅中文标题", source: "人民日报", site: "Folio" },
];

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

describe("cards composed from rectangles of the text block and a background", () => {
  for (const name of ["cover", "og"] as const) {
    it(`make the same ${name} PNG, byte for byte, as rendering the whole card`, () => {
      const differ = texts.filter((text) => !same(composedCardPng(text, layouts[name]), svgToPng(cardSvg(text, layouts[name])))).map((t) => t.title.slice(0, 40));
      expect(differ).toEqual([]);
    });
  }

  for (const name of ["cover", "og"] as const) {
    it(`measure each element of the ${name}'s block where it is drawn, to within a hundredth of a pixel`, () => {
      const layout = layouts[name];
      let compared = 0;
      for (const text of texts) {
        const parts = cardParts(text, layout);
        for (const element of parts.elements) {
          const actual = new Resvg(`${parts.open}\n${element.svg}\n</svg>`, renderOptions).getBBox();
          if (!actual) {
            expect(element.box, element.svg).toBeUndefined();
            continue;
          }
          const box = element.box!;
          const sides = [box.x - actual.x, box.y - actual.y, box.x + box.width - (actual.x + actual.width), box.y + box.height - (actual.y + actual.height)];
          expect(Math.max(...sides.map(Math.abs)), element.svg).toBeLessThan(0.01);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(texts.length * 3);
    });
  }

  it("render rectangles that do not share a row and hold every pixel the block draws", () => {
    for (const name of ["cover", "og"] as const) {
      const layout = layouts[name];
      for (const text of texts.slice(0, 16)) {
        const parts = cardParts(text, layout);
        const rectangles = blockRectangles(parts, layout);
        if (!rectangles) continue;
        for (let i = 1; i < rectangles.length; i++) expect(rectangles[i]!.top).toBeGreaterThanOrEqual(rectangles[i - 1]!.bottom);
        for (const { box } of parts.elements) {
          if (!box) continue;
          const holding = rectangles.filter((r) => r.left < box.x && box.x + box.width < r.right && r.top < box.y && box.y + box.height < r.bottom);
          expect(holding).toHaveLength(1);
        }
        // the card without its block, and with it: they differ only inside the rectangles
        const withBlock = rasterize(partsSvg(parts)).pixels;
        const without = rasterize(partsSvg({ ...parts, block: "" })).pixels;
        const inside = (x: number, y: number) => rectangles.some((r: Rectangle) => r.left <= x && x < r.right && r.top <= y && y < r.bottom);
        let outside = 0;
        let differing = 0;
        for (let p = 0; p < withBlock.length; p += 4) {
          if (withBlock.readUInt32LE(p) === without.readUInt32LE(p)) continue;
          differing++;
          const x = (p / 4) % layout.width;
          if (!inside(x, (p / 4 - x) / layout.width)) outside++;
        }
        expect(differing, text.title).toBeGreaterThan(0);
        expect(outside, text.title).toBe(0);
      }
    }
  });

  it("render only rectangles round the block's elements, merged where they share rows, and the whole card where the block reaches the band", () => {
    const area = (rs: Rectangle[]) => rs.reduce((sum, r) => sum + (r.right - r.left) * (r.bottom - r.top), 0);
    const { rectangles } = composeCard(texts[0]!, layouts.cover);
    expect(rectangles).toBeDefined();
    expect(rectangles!.length).toBeGreaterThan(3); // each line of the title, the rule, the source, the label
    expect(area(rectangles!)).toBeLessThan((layouts.cover.width * layouts.cover.height) / 4);
    expect(rectangles![0]!.top).toBeGreaterThan(layouts.cover.band);
    const gypsy = composeCard(texts[12]!, layouts.cover).rectangles!;
    const lines = cardParts(texts[12]!, layouts.cover).elements.length - 3;
    expect(lines).toBeGreaterThan(1);
    expect(gypsy.length).toBeLessThan(lines + 3); // a descender reaches the next line's rectangle: those are one
    const stacked = texts[11]!;
    expect(composeCard(stacked, layouts.og).rectangles).toBeUndefined();
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
