/**
 * The cover and Open Graph images: their sizes, the same pixels on every run, and a title of
 * any length fitted inside the margins.
 */
import { describe, expect, it } from "vitest";
import { cardSvg, coverPng, drawable, fitTitle, layouts, ogImagePng } from "../../src/cards/draw.ts";
import { sha256 } from "./epub-corpus.ts";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe("IHDR");
  return [view.getUint32(16), view.getUint32(20)];
}

const text = { title: "In Phone Call, Putin, Xi Emphasize That China and Russia 'Cannot Be Moved Apart'", source: "The Diplomat", site: "Folio" };

describe("cover and OG images", () => {
  it("are 1600×2400 and 1200×630 PNGs", () => {
    expect(pngSize(coverPng(text))).toEqual([1600, 2400]);
    expect(pngSize(ogImagePng(text))).toEqual([1200, 630]);
  });

  it("come out the same on every run", () => {
    expect(sha256(coverPng(text))).toBe(sha256(coverPng(text)));
    expect(sha256(ogImagePng(text))).toBe(sha256(ogImagePng(text)));
  });

  it("draw the title, the source and the words 'annotated edition', escaped", () => {
    const svg = cardSvg({ title: "Tom & <Jerry>", source: "The Diplomat", site: "Folio" }, layouts.cover);
    expect(svg).toContain("Tom &amp; &lt;Jerry&gt;");
    expect(svg).toContain(">The Diplomat</text>");
    expect(svg).toContain(">ANNOTATED EDITION</text>");
  });

  it("fit a long title at a smaller size, and cut an endless one with an ellipsis", () => {
    const short = fitTitle("A Short Title", layouts.og);
    const long = fitTitle(text.title, layouts.og);
    expect(short.size).toBeGreaterThan(long.size);
    expect(long.lines.join(" ")).toBe(text.title);
    const endless = fitTitle(Array.from({ length: 200 }, (_, i) => `word${i}`).join(" "), layouts.og);
    expect(endless.size).toBe(layouts.og.titleSizes[1]);
    expect(endless.lines.at(-1)).toMatch(/…$/);
    const unbroken = fitTitle("x".repeat(300), layouts.cover);
    expect(unbroken.lines.length).toBeGreaterThan(1); // broken between characters, not overflowing
  });

  it("fit a title the same whether its widths are measured now or were measured before, past thousands of measurements", () => {
    // words too long for a line, broken between characters: every width measured decides where a line ends
    const titles = Array.from({ length: 60 }, (_, i) => `${i} Q${i}${"Wordy".repeat(16 + (i % 5))}`);
    const first = titles.map((t) => fitTitle(t, layouts.og));
    const again = titles.map((t) => fitTitle(t, layouts.og));
    expect(again).toEqual(first);
    for (const { size, lines } of first) expect(lines.length * size).toBeGreaterThan(0);
  });

  it("leave out what the font cannot draw instead of drawing empty boxes", () => {
    expect(drawable("Fox 🦊 and 茶 – “ok”")).toBe("Fox and – “ok”");
    expect(drawable("Россия Ελλάδα")).toBe("Россия Ελλάδα");
  });
});
