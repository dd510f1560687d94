/**
 * BENCHMARKS.md's "Capacity" section: how the built files reach the worker, and how far the
 * measured growth would carry on each Workers plan. The bounds named here are the code's own
 * constants, imported; every other figure comes from the scale rows of a run, and every figure
 * past the largest corpus measured says it is an extrapolation.
 */
import { PACK_BOUND, FILE_LIMIT } from "../../src/build/packs.ts";
import { BUDGET } from "../../src/worker/budget.ts";
import type { Results, ScaleRow } from "./results.ts";
import { KiB, MiB, plans } from "./targets.ts";

const n = (x: number) => x.toLocaleString("en");
const mib = (bytes: number) => `${bytes / MiB} MiB`;

/** Where a quantity growing linearly from `a` to `b` (articles → value) reaches `limit`, to the thousand; undefined if it does not grow. */
export function reachAt(a: { articles: number; value: number }, b: { articles: number; value: number }, limit: number): number | undefined {
  const slope = (b.value - a.value) / (b.articles - a.articles);
  if (!(slope > 0) || b.articles === a.articles) return undefined;
  return Math.round((b.articles + (limit - b.value) / slope) / 1000) * 1000;
}

export function capacity(r: Results): string[] {
  const L: string[] = [
    "## Capacity: how far it goes",
    "",
    `Every file the build writes under \`dist/assets/\` is packed (\`src/build/packs.ts\`) into pack files, \`/_packs/<n>.bin\`, of at most ${mib(PACK_BOUND)} ` +
      `(a bigger file gets a pack of its own; a file over ${mib(FILE_LIMIT)}, Cloudflare's bound on one static asset, stops the build, naming it). ` +
      "What is read together is packed together: the articles' models beside their records, then EPUBs, then images, each in the articles' order. " +
      "Pack boundaries fall where a file's path hashes to a cut point, so a new article rewrites the packs around it, not every pack after it (a deploy uploads only those). " +
      "The worker bundles only a small directory of the pack table (`src/model/pack-directory.ts`) and reads the table's rows in chunks (`/_packs/table/<k>.json`) the first time a lookup falls in one. " +
      `It reads a pack the first time it needs a file in it and keeps it within the isolate's ${mib(BUDGET)} budget (\`src/worker/budget.ts\`, shared with prepared responses). ` +
      "The asset server answers no byte ranges, so a cold read costs the whole pack: the pack bound trades that against files per article.",
    "",
  ];
  const rows = [...r.scale].sort((a, b) => a.articles - b.articles);
  const top = rows.at(-1);
  const prev = rows.at(-2);
  if (!top || !prev) return [...L, "The run measured fewer than two corpus sizes, so no growth rate is given.", ""];
  const facts: string[] = [];
  const carry = (name: string, value: (s: ScaleRow) => number | undefined, limit: (p: (typeof plans)[number]) => number, unit: (x: number) => string) => {
    const a = value(prev);
    const b = value(top);
    if (a === undefined || b === undefined) return;
    const at = plans.map((p) => ({ p, at: reachAt({ articles: prev.articles, value: a }, { articles: top.articles, value: b }, limit(p)) }));
    const reached = at.filter((x) => x.at !== undefined);
    facts.push(
      `| ${name} | ${unit(a)} | ${unit(b)} | ${reached.length ? reached.map((x) => `${x.p.name}: about ${n(x.at!)}`).join("; ") : "does not grow"} |`,
    );
  };
  carry("static asset files", (s) => s.assetFiles, (p) => p.assetFiles, (x) => n(x));
  carry("script (raw)", (s) => s.bundle.raw, (p) => p.scriptBytes, (x) => `${(x / MiB).toFixed(2)} MiB`);
  carry("start-up", (s) => s.startupMs?.median, (p) => p.startupMs, (x) => `${x.toFixed(0)} ms`);
  L.push(
    `Measured at ${n(prev.articles)} and ${n(top.articles)} articles, and carried on at the rate between the two (an extrapolation, not a measurement) to where each plan's limit would be reached:`,
    "",
    `| what | ${n(prev.articles)} articles | ${n(top.articles)} articles | limit reached at (articles) |`,
    "|---|---|---|---|",
    ...facts,
    "",
    `The script grows by the bundled catalog, about ${((top.bundle.raw - prev.bundle.raw) / (top.articles - prev.articles) / KiB).toFixed(2)} KiB an article, and start-up parses it. ` +
      "Past that point, on paper (not built): (1) the built files move to an R2 bucket bound to the worker, which reads byte ranges and has no file-count limit, so the same `loadFile(path)` " +
      "reads a file's own range of a pack instead of the whole pack; (2) the catalog stops being bundled: the worker bundles only the newest articles and the tags and reads an article's entry, " +
      "and a list page's entries, from an index in R2 or KV on first use, as it reads the pack table's chunks now. Every route already reads built files through `loadFile` and models through " +
      "`loadArticle` (`src/worker/open-data.ts`), so nothing else in the worker would change.",
    "",
  );
  return L;
}
