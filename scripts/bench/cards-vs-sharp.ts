/**
 * sharp (libvips) against the cards' own PNG encoder and thread pool (src/cards/png.ts,
 * pool.ts), on the same cover pixels. Not part of `npm run bench`; run it alone:
 *   node scripts/bench/cards-vs-sharp.ts [--covers N] [--rounds N]
 *
 * 1. The encoder: one cover's RGBA pixels (resvg, as the build draws them) → PNG, on one
 *    thread, by `encodeIndexedPng` and by sharp (palette PNG as the encoder writes, at zlib
 *    levels 6 and 9, and truecolour): median time, bytes, and whether the PNG decodes back to
 *    the very same pixels.
 * 2. The pool: N covers drawn and encoded by the card pool (its threads, no cache), against
 *    the same covers drawn with resvg on the main thread and encoded by sharp on libuv's
 *    threads (what the build would do without the pool): wall time.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { cardSvg, layouts, rasterize } from "../../src/cards/draw.ts";
import { encodeIndexedPng } from "../../src/cards/png.ts";
import { openCardPool } from "../../src/cards/pool.ts";

const { values } = parseArgs({ options: { covers: { type: "string", default: "12" }, rounds: { type: "string", default: "7" } } });
const covers = Number(values.covers);
const rounds = Number(values.rounds);

const texts = Array.from({ length: covers }, (_, i) => ({
  title: `Cover ${i + 1}: ${["In phone call, Putin and Xi emphasize that China and Russia cannot be moved apart", "A Glossary Kept in a Tea House", "Lamps and Ledgers: the Harbour's Quiet Year"][i % 3]}`,
  source: "The Diplomat",
  site: "Folio",
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(f: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

/** Decodes a PNG with sharp and compares its RGBA pixels with the source's. */
async function samePixels(png: Uint8Array, pixels: Uint8Array): Promise<boolean> {
  const raw = await sharp(png).ensureAlpha().raw().toBuffer();
  return Buffer.compare(raw, Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength)) === 0;
}

sharp.concurrency(1); // part 1: one thread each

const image = rasterize(cardSvg(texts[0]!, layouts.cover));
const pixels = new Uint8Array(image.pixels);
const { width, height } = image;
const raw = { raw: { width, height, channels: 4 as const } };
const encoders: [string, () => Promise<Uint8Array>][] = [
  ["folio encodeIndexedPng (palette, RLE)", async () => encodeIndexedPng(pixels, width, height)!],
  ["sharp png palette, level 6", async () => new Uint8Array(await sharp(pixels, raw).png({ palette: true, dither: 0, compressionLevel: 6 }).toBuffer())],
  ["sharp png palette, level 9", async () => new Uint8Array(await sharp(pixels, raw).png({ palette: true, dither: 0, compressionLevel: 9 }).toBuffer())],
  ["sharp png palette, effort 1, level 6", async () => new Uint8Array(await sharp(pixels, raw).png({ palette: true, dither: 0, effort: 1, compressionLevel: 6 }).toBuffer())],
  ["sharp png truecolour, level 6", async () => new Uint8Array(await sharp(pixels, raw).png({ compressionLevel: 6 }).toBuffer())],
];

console.log(`Cover ${width}×${height}, ${rounds} rounds, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}), one thread\n`);
console.log("encoder                                   median ms    bytes   same pixels");
for (const [name, encode] of encoders) {
  await encode(); // warm
  const times: number[] = [];
  let png: Uint8Array = new Uint8Array();
  for (let r = 0; r < rounds; r++) {
    const t = await timed(encode);
    times.push(t.ms);
    png = t.value;
  }
  console.log(`${name.padEnd(40)} ${median(times).toFixed(1).padStart(9)} ${String(png.byteLength).padStart(8)}   ${await samePixels(png, pixels)}`);
}

// Part 2: N covers, with threads.
const threads = availableParallelism();
sharp.concurrency(threads);
const poolTimes: number[] = [];
const sharpTimes: number[] = [];
let poolBytes = 0;
let sharpBytes = 0;
for (let r = 0; r < Math.max(3, Math.ceil(rounds / 2)); r++) {
  const pool = openCardPool({ threads, cacheDir: undefined });
  await pool.render("warm", "cover", texts[0]!); // threads started and resvg loaded, as in a build
  const p = await timed(() => Promise.all(texts.map((t, i) => pool.render(`c${i}`, "cover", t))));
  await pool.close();
  poolTimes.push(p.ms);
  poolBytes = p.value.reduce((n, b) => n + b.byteLength, 0);

  const s = await timed(async () => {
    const pending: Promise<Buffer>[] = [];
    for (const t of texts) {
      const img = rasterize(cardSvg(t, layouts.cover)); // the main thread draws; sharp encodes meanwhile on libuv's threads
      pending.push(sharp(new Uint8Array(img.pixels), { raw: { width: img.width, height: img.height, channels: 4 } }).png({ palette: true, dither: 0, effort: 1, compressionLevel: 6 }).toBuffer());
    }
    return Promise.all(pending);
  });
  sharpTimes.push(s.ms);
  sharpBytes = s.value.reduce((n, b) => n + b.byteLength, 0);
}
console.log(`\n${covers} covers, ${threads} threads                     median ms    bytes`);
console.log(`${"card pool (resvg + encodeIndexedPng)".padEnd(40)} ${median(poolTimes).toFixed(0).padStart(9)} ${String(poolBytes).padStart(8)}`);
console.log(`${"main-thread resvg + sharp palette, effort 1".padEnd(40)} ${median(sharpTimes).toFixed(0).padStart(9)} ${String(sharpBytes).padStart(8)}`);
