/**
 * A PNG encoder for the cards, faster than resvg's `asPng()` and half the size, for the same
 * pixels (checked with Java's ImageIO as an independent decoder, and in cards-png.test.ts).
 *
 * A card is three inks on paper and their anti-aliased edges: under a hundred colours, all
 * opaque. `asPng()` writes 4 bytes of RGBA per pixel and deflates 15 MB for a cover; here each
 * pixel is a 1-byte index into a palette (PNG colour type 3), 3.8 MB, and a row equal to the
 * one above (most of the paper) is copied rather than indexed again.
 * The rows are deflated with zlib's RLE strategy, which looks for matches at distance 1 only,
 * the runs of one colour a card is made of. Measured on a cover: RLE 1.8 ms for 48 KB, where
 * zlib's usual search takes 8.6 ms for 45 KB at level 6 and 63 ms for 38 KB at level 9 (the
 * whole encoder, indexing included, takes about 7 ms; `asPng()` 35 ms for 96 KB).
 * The bytes depend only on the pixels and on zlib, whose version the card cache's key names.
 *
 * A picture with transparency or more than 256 colours gets `undefined`: the caller keeps
 * resvg's encoder for it.
 */
import { constants, crc32, deflateSync } from "node:zlib";

/** Written into the card cache's key: a change here must not reuse old entries. */
export const pngEncoderVersion = "folio-indexed-rle-1";

const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.byteLength);
  out.writeUInt32BE(data.byteLength, 0);
  out.write(type, 4, "latin1");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.byteLength)), 8 + data.byteLength);
  return out;
}

/** `rgba`: width × height pixels, 4 bytes each (resvg's `pixels`; opaque pixels are the same premultiplied or not). */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Uint8Array | undefined {
  if (rgba.byteLength !== width * height * 4) throw new Error(`encodeIndexedPng: ${rgba.byteLength} bytes for ${width}×${height} pixels`);
  return encodeIndexedRows(width, height, (y) => rgba.subarray(y * width * 4, (y + 1) * width * 4));
}

/**
 * One row of a picture for `encodeIndexedRows`: all its pixels (width × 4 bytes of RGBA), or
 * only those of columns [from, to) ((to - from) × 4 bytes), every other pixel being the same as
 * in the row above. `from === to` says the whole row is the row above again.
 */
export type PngRow = Uint8Array | { from: number; to: number; pixels: Uint8Array };

/** The hash table of `encodeIndexedRows`: 512 slots for at most 256 colours, so that a search stops soon. */
const slots = 512;
const shift = 32 - Math.log2(slots);
const keys = new Uint32Array(slots);
const indices = new Uint8Array(slots);
/** The rows' indices before deflating, kept from picture to picture (deflateSync is done with them when it returns). */
let rowBuffer = Buffer.allocUnsafe(0);

/**
 * The same PNG as `encodeIndexedPng` of the picture whose row y is `row(y)`, for a picture put
 * together from parts (compose.ts) without copying it into one buffer first. Rows are asked for
 * once each, top to bottom; a whole row must stay as it is until the next one has been given (a
 * row equal to the one above is not indexed again, only copied). What a row says is the same as
 * the row above must be so: the encoder copies it without looking.
 */
export function encodeIndexedRows(width: number, height: number, row: (y: number) => PngRow): Uint8Array | undefined {
  // The palette: colours in the order they are first met, found by an open-addressing hash table
  // of the pixels' 4 bytes as one word (0 marks a free slot: it is transparent black, never indexed).
  keys.fill(0);
  const palette = new Uint8Array(256 * 3);
  let colours = 0;
  const size = (width + 1) * height; // each row: filter type 0 (None), then one index per pixel
  if (rowBuffer.byteLength < size) rowBuffer = Buffer.allocUnsafe(size);
  const rows = rowBuffer.subarray(0, size);
  let at = 0;
  let last = -1; // no pixel's word: words are read unsigned
  let lastIndex = 0;
  let above: Buffer | undefined; // the row above, if it was given whole
  for (let y = 0; y < height; y++) {
    rows[at++] = 0;
    const given = row(y);
    let from = 0;
    let to = width;
    let pixels: Uint8Array;
    if (given instanceof Uint8Array) pixels = given;
    else ({ from, to, pixels } = given);
    if (from < 0 || to > width || to < from || (y === 0 && (from > 0 || to < width))) throw new Error(`encodeIndexedRows: row ${y} gives columns ${from} to ${to} of ${width}`);
    if (pixels.byteLength !== (to - from) * 4) throw new Error(`encodeIndexedRows: row ${y} has ${pixels.byteLength} bytes for ${to - from} pixels`);
    const bytes = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    const whole = from === 0 && to === width;
    if (whole && above !== undefined && above.equals(bytes)) {
      rows.copyWithin(at, at - width - 1, at - 1);
      at += width;
      above = bytes;
      continue;
    }
    if (!whole) rows.copyWithin(at, at - width - 1, at - 1); // the columns outside [from, to): the row above's
    above = whole ? bytes : undefined;
    // a pixel's 4 bytes as one value, to compare (a copy only if the pixels are not 4-byte aligned)
    const words = pixels.byteOffset % 4 === 0 ? new Uint32Array(pixels.buffer, pixels.byteOffset, to - from) : new Uint32Array(Uint8Array.from(pixels).buffer);
    let o = at + from;
    const n = to - from;
    for (let x = 0; x < n; x++) {
      const word = words[x]!;
      if (word !== last) {
        let slot = Math.imul(word, 0x9e3779b1) >>> shift;
        let key = keys[slot]!;
        while (key !== word && key !== 0) {
          slot = (slot + 1) & (slots - 1);
          key = keys[slot]!;
        }
        if (key === 0) {
          if (colours === 256 || bytes[x * 4 + 3] !== 255) return undefined; // a 257th colour, or not opaque
          keys[slot] = word;
          indices[slot] = colours;
          palette.set(bytes.subarray(x * 4, x * 4 + 3), colours * 3);
          colours++;
        }
        last = word;
        lastIndex = indices[slot]!;
      }
      rows[o++] = lastIndex;
    }
    at += width;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: indexed; compression, filter and interlace methods 0
  const data = deflateSync(rows, { level: 9, strategy: constants.Z_RLE });
  const png = Buffer.concat([signature, chunk("IHDR", header), chunk("PLTE", palette.subarray(0, colours * 3)), chunk("IDAT", data), chunk("IEND", new Uint8Array(0))]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
