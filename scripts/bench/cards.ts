/**
 * The cards two ways, in the same process and run: each article's cover and Open Graph image
 * rendered whole, as the build did before (`svgToPng(cardSvg(…))`, src/cards/draw.ts), and as
 * the build does now, only the text that differs (a rectangle round each of its lines) laid onto a background rendered once
 * (`composedCardPng`, src/cards/compose.ts). Also run by `npm run bench`; alone:
 *   node scripts/bench/cards.ts [--articles N] [--rounds N] [--results bench/results.json]
 * which times N articles each way per round and writes the figures into the results file's
 * `cards` (the rest of the file is kept), for scripts/bench/report.ts to render.
 *
 * The two ways take turns round by round (old first, then new first), each on titles of its
 * own: the title fitting keeps the widths it measured, and a title the other way had fitted
 * already would cost less. Between cards the event loop turns, as in a card thread, so that
 * resvg's memory is freed as it would be there. Time is the process's CPU time (one thread
 * renders) and wall time, per article (its cover and its OG image). Afterwards every card
 * the new way made is made again the old way and the two PNGs compared: byte for byte, and
 * where they differ, pixel by pixel (decoded with sharp).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { composedCardPng } from "../../src/cards/compose.ts";
import { cardSvg, layouts, svgToPng, type CardText } from "../../src/cards/draw.ts";
import { prng } from "./corpus.ts";
import type { CardsBench, Results } from "./results.ts";
import { repo, spread } from "./util.ts";

const words = (
  "harbour council report budget election market region border summit economy railway bridge river coast treaty delegation " +
  "archive letter winter harvest cargo vessel school hospital court ceasefire talks dispute recovery reform partnership neighbour " +
  "quiet annual former careful notable unusual familiar modest steady rapid gradual wider deeper said argued noted warned promised"
).split(" ");
const places = "Lisbon Tallinn Mombasa Valparaíso Gdańsk Hanoi Kraków Reykjavík Montréal Dakar Tbilisi Osaka Αθήνα Θεσσαλονίκη Москва Київ".split(" ");
const sources = ["The Harbour Gazette", "Northern Review", "The Diplomat", "Η Καθημερινή", "Новая газета"];

/** A title like the bench corpus's (six words), now and then a long one (up to 24 words) or one with a CJK word the font lacks. */
function titles(count: number, seed: number): CardText[] {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  return Array.from({ length: count }, () => {
    const r = rnd();
    const length = r < 0.7 ? 6 : 10 + Math.floor(rnd() * 15);
    const title = Array.from({ length }, (_, i) => (i % 5 === 4 ? pick(places) : pick(words)))
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(" ");
    return { title: r > 0.95 ? `${title} 北京` : title, source: pick(sources), site: "Folio" };
  });
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Way = (text: CardText, layout: (typeof layouts)["cover"]) => Uint8Array;
const oldWay: Way = (text, layout) => svgToPng(cardSvg(text, layout));
const newWay: Way = (text, layout) => composedCardPng(text, layout);

/** Cover and OG image of each text, one way: CPU and wall ms per article, and the PNGs. */
async function timeWay(way: Way, texts: CardText[]): Promise<{ cpuMs: number; wallMs: number; pngs: Uint8Array[] }> {
  const pngs: Uint8Array[] = [];
  await turn();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (const text of texts) {
    for (const layout of [layouts.cover, layouts.og]) {
      pngs.push(way(text, layout));
      await turn();
    }
  }
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000 / texts.length, wallMs: wallMs / texts.length, pngs };
}

/** Pixels that differ between two PNGs of the same size, and the largest difference of one channel. */
async function pixelDifference(a: Uint8Array, b: Uint8Array): Promise<{ pixels: number; maxChannel: number }> {
  const [x, y] = await Promise.all([a, b].map((png) => sharp(png).ensureAlpha().raw().toBuffer()));
  if (x!.length !== y!.length) throw new Error(`the PNGs differ in size: ${x!.length} and ${y!.length} bytes of pixels`);
  let pixels = 0;
  let maxChannel = 0;
  for (let p = 0; p < x!.length; p += 4) {
    let d = 0;
    for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(x![p + c]! - y![p + c]!));
    if (d > 0) pixels++;
    maxChannel = Math.max(maxChannel, d);
  }
  return { pixels, maxChannel };
}

export async function measureCards(options: { articles: number; rounds: number; seed?: number }): Promise<CardsBench> {
  const { articles, rounds } = options;
  const date = new Date().toISOString();
  const loadBefore = loadavg()[0]!;
  const seed = options.seed ?? 16;
  // Both ways once first, on titles of their own: resvg loaded, fonts read, backgrounds drawn.
  for (const text of titles(2, seed - 1)) for (const layout of [layouts.cover, layouts.og]) oldWay(text, layout), newWay(text, layout);
  const old: { cpu: number[]; wall: number[] } = { cpu: [], wall: [] };
  const now: { cpu: number[]; wall: number[] } = { cpu: [], wall: [] };
  const ratio: number[] = [];
  const made: { text: CardText; pngs: Uint8Array[] }[] = [];
  let oldBytes = 0;
  let newBytes = 0;
  for (let r = 0; r < rounds; r++) {
    const forOld = titles(articles, seed + 2 * r);
    const forNew = titles(articles, seed + 2 * r + 1);
    let o: Awaited<ReturnType<typeof timeWay>>;
    let m: Awaited<ReturnType<typeof timeWay>>;
    if (r % 2 === 0) {
      o = await timeWay(oldWay, forOld);
      m = await timeWay(newWay, forNew);
    } else {
      m = await timeWay(newWay, forNew);
      o = await timeWay(oldWay, forOld);
    }
    old.cpu.push(o.cpuMs);
    old.wall.push(o.wallMs);
    now.cpu.push(m.cpuMs);
    now.wall.push(m.wallMs);
    ratio.push(o.cpuMs / m.cpuMs);
    forNew.forEach((text, i) => made.push({ text, pngs: m.pngs.slice(2 * i, 2 * i + 2) }));
  }
  let identical = 0;
  let differingPixels = 0;
  let maxChannelDiff = 0;
  for (const { text, pngs } of made) {
    for (const [i, layout] of [layouts.cover, layouts.og].entries()) {
      const reference = oldWay(text, layout);
      oldBytes += reference.byteLength;
      newBytes += pngs[i]!.byteLength;
      if (Buffer.compare(Buffer.from(reference), Buffer.from(pngs[i]!)) === 0) identical++;
      else {
        const d = await pixelDifference(reference, pngs[i]!);
        differingPixels += d.pixels;
        maxChannelDiff = Math.max(maxChannelDiff, d.maxChannel);
      }
    }
  }
  return {
    date,
    load: [loadBefore, loadavg()[0]!],
    articlesPerRound: articles,
    rounds,
    cover: [layouts.cover.width, layouts.cover.height],
    og: [layouts.og.width, layouts.og.height],
    oldCpuMs: spread(old.cpu),
    newCpuMs: spread(now.cpu),
    oldWallMs: spread(old.wall),
    newWallMs: spread(now.wall),
    ratio: spread(ratio),
    compared: made.length * 2,
    identical,
    differingPixels,
    maxChannelDiff,
    oldBytesPerArticle: oldBytes / made.length,
    newBytesPerArticle: newBytes / made.length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { articles: { type: "string", default: "40" }, rounds: { type: "string", default: "4" }, results: { type: "string", default: join(repo, "bench/results.json") } } });
  const cards = await measureCards({ articles: Number(values.articles), rounds: Number(values.rounds) });
  const results = JSON.parse(readFileSync(values.results, "utf8")) as Results;
  results.cards = cards;
  writeFileSync(values.results, `${JSON.stringify(results, null, 2)}\n`);
  const f = (s: { median: number; min: number; max: number }, d = 1) => `${s.median.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
  console.log(
    `cover + OG image per article, CPU ms: whole ${f(cards.oldCpuMs)}, text block on a background ${f(cards.newCpuMs)}, ratio ${f(cards.ratio, 2)}\n` +
      `wall ms: ${f(cards.oldWallMs)} and ${f(cards.newWallMs)}; ${cards.identical} of ${cards.compared} PNGs byte-identical, ${cards.differingPixels} pixels differ (max ${cards.maxChannelDiff} per channel)\n` +
      `wrote the figures into ${values.results} (cards)`,
  );
}
