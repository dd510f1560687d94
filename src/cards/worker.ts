/**
 * One thread of the card pool (pool.ts). For each job it draws the card's SVG and
 * answers with the PNG, from the card cache when the cache holds it, else rendered with resvg
 * (only the part that differs between articles: compose.ts); a job asked `toFile` is answered
 * with the cache's file holding it instead, where there is one (pool.ts `renderHeld`).
 * It answers every job, with the error's text when the card could not be made.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openCardCache, type CardCache } from "./cache.ts";
import type { CardJob, CardReply, CardThreadData } from "./pool.ts";
import { composedCardPng } from "./compose.ts";
import { cardParts, layouts, partsSvg, type CardText, type LayoutName } from "./draw.ts";

/** A card as PNG: from the cache if it holds this exact card, else rendered (and cached); with the cache's file holding it, if any. */
function cardPng(text: CardText, name: LayoutName, cache?: CardCache): { png: Uint8Array; file: string | undefined } {
  const layout = Object.hasOwn(layouts, name) ? layouts[name] : undefined;
  if (!layout) throw new Error(`there is no card layout "${String(name)}"; there are ${Object.keys(layouts).join(", ")}`);
  const parts = cardParts(text, layout);
  const svg = partsSvg(parts);
  const cached = cache?.get(layout, svg);
  if (cached) {
    cache!.index(layout, svg, name, text);
    return { png: cached, file: cache!.fileOf(layout, svg) };
  }
  const png = composedCardPng(text, layout, parts);
  const file = cache?.put(layout, svg, png);
  if (file) cache!.index(layout, svg, name, text);
  return { png, file };
}

const { cacheDir, rendererKey } = workerData as CardThreadData;
const cache = cacheDir === undefined ? undefined : openCardCache(cacheDir, rendererKey);
const port = parentPort!;

port.on("message", (job: CardJob) => {
  let reply: CardReply;
  try {
    const { png, file } = cardPng(job.text, job.layout, cache);
    reply = job.toFile && file !== undefined ? { id: job.id, file, size: png.byteLength } : { id: job.id, png };
  } catch (error) {
    reply = error instanceof Error ? { id: job.id, error: error.message, stack: error.stack ?? error.message } : { id: job.id, error: String(error), stack: String(error) };
  }
  port.postMessage(reply);
});
