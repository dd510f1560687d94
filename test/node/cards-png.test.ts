/**
 * The cards' PNG encoder (src/cards/png.ts): decoded again, its files hold exactly the pixels
 * resvg drew, they are no larger than resvg's own PNG, and a picture it cannot index is left
 * to resvg's encoder.
 */
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { cardSvg, layouts, rasterize, svgToPng } from "../../src/cards/draw.ts";
import { encodeIndexedPng, encodeIndexedRows, type PngRow } from "../../src/cards/png.ts";

/** Decodes what encodeIndexedPng writes (8-bit indexed, filter None on every row) to RGBA. */
function decodeIndexed(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  const bytes = Buffer.from(png);
  let width = 0;
  let height = 0;
  let palette = Buffer.alloc(0);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      expect([...data.subarray(8)]).toEqual([8, 3, 0, 0, 0]); // 8 bits, indexed, no interlace
    } else if (type === "PLTE") palette = data;
    else if (type === "IDAT") idat.push(data);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  expect(rows.length).toBe((width + 1) * height);
  const rgba = new Uint8Array(width * height * 4);
  const filters = new Set<number>();
  let maxIndex = 0;
  for (let y = 0, p = 0; y < height; y++) {
    filters.add(rows[y * (width + 1)]!);
    for (let x = 0; x < width; x++, p += 4) {
      const i = rows[y * (width + 1) + 1 + x]!;
      maxIndex = Math.max(maxIndex, i);
      rgba[p] = palette[i * 3]!;
      rgba[p + 1] = palette[i * 3 + 1]!;
      rgba[p + 2] = palette[i * 3 + 2]!;
      rgba[p + 3] = 255;
    }
  }
  expect([...filters]).toEqual([0]);
  expect(maxIndex * 3).toBeLessThan(palette.length);
  return { width, height, rgba };
}

const text = { title: "Lamps & Ledgers: The Harbour's “Quiet” Year in Gdańsk", source: "The Test Gazette", site: "Folio" };

describe("the cards' PNG encoder", () => {
  for (const name of ["cover", "og"] as const) {
    it(`writes the ${name} with exactly the pixels resvg drew, in no more bytes than resvg's PNG`, () => {
      const image = rasterize(cardSvg(text, layouts[name]));
      const png = svgToPng(cardSvg(text, layouts[name]));
      const decoded = decodeIndexed(png);
      expect([decoded.width, decoded.height]).toEqual([layouts[name].width, layouts[name].height]);
      expect(Buffer.compare(Buffer.from(decoded.rgba), image.pixels)).toBe(0);
      expect(png.byteLength).toBeLessThanOrEqual(image.asPng().byteLength);
    });
  }

  it("leaves a picture with transparency or more than 256 colours to resvg's encoder", () => {
    const opaque = (n: number) => Uint8Array.from({ length: n * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i >> 2) % 251));
    expect(encodeIndexedPng(opaque(16 * 16), 16, 16)).toBeDefined(); // 251 colours
    const many = Uint8Array.from({ length: 17 * 17 * 4 }, (_, i) => (i % 4 === 3 ? 255 : i % 4 === 0 ? (i >> 2) & 255 : (i >> 10) & 255)); // 289 colours
    expect(encodeIndexedPng(many, 17, 17)).toBeUndefined();
    const seeThrough = opaque(4);
    seeThrough[7] = 128;
    expect(encodeIndexedPng(seeThrough, 2, 2)).toBeUndefined();
    expect(() => encodeIndexedPng(opaque(4), 3, 2)).toThrow(/16 bytes for 3×2 pixels/);
  });

  it("takes a picture row by row, a row whole or only the columns that differ from the row above, for the same bytes", () => {
    const image = rasterize(cardSvg(text, layouts.og));
    const { width, height } = image;
    const pixels = new Uint8Array(image.pixels);
    const at = (x: number, y: number) => (y * width + x) * 4;
    /** The columns of row y that differ from row y - 1, as [from, to), or [0, 0] for none. */
    const changed = (y: number): [number, number] => {
      let from = width;
      let to = 0;
      for (let x = 0; x < width; x++) {
        if (Buffer.compare(Buffer.from(pixels.subarray(at(x, y), at(x + 1, y))), Buffer.from(pixels.subarray(at(x, y - 1), at(x + 1, y - 1)))) !== 0) {
          from = Math.min(from, x);
          to = x + 1;
        }
      }
      return from < to ? [from, to] : [0, 0];
    };
    const spans = Array.from({ length: height }, (_, y): [number, number] => (y === 0 ? [0, width] : changed(y)));
    const narrow = spans.filter(([from, to]) => to - from > 0 && to - from < width).length;
    expect(narrow).toBeGreaterThan(10); // rows of text: only some columns differ from the row above
    const rows = encodeIndexedRows(width, height, (y): PngRow => {
      const [from, to] = spans[y]!;
      if (y % 3 === 0) return pixels.subarray(at(0, y), at(0, y + 1)); // some rows whole all the same
      return { from, to, pixels: pixels.subarray(at(from, y), at(to, y)) };
    });
    expect(Buffer.compare(Buffer.from(rows!), Buffer.from(encodeIndexedPng(pixels, width, height)!))).toBe(0);
    expect(() => encodeIndexedRows(2, 2, () => ({ from: 1, to: 2, pixels: new Uint8Array(4) }))).toThrow(/row 0 gives columns 1 to 2 of 2/);
    expect(() => encodeIndexedRows(2, 2, (y) => (y === 0 ? new Uint8Array(8).fill(255) : { from: 0, to: 2, pixels: new Uint8Array(4) }))).toThrow(/row 1 has 4 bytes for 2 pixels/);
  });

  it("gives the same bytes for the same picture", () => {
    const svg = cardSvg(text, layouts.og);
    expect(Buffer.compare(Buffer.from(svgToPng(svg)), Buffer.from(svgToPng(svg)))).toBe(0);
  });
});
