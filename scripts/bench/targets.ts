/**
 * What the benchmark figures are held against: the issues' targets and the Workers plans'
 * limits, as named constants (the only numbers in BENCHMARKS.md not taken from a run), and
 * one verdict per target computed from a run's results. A target whose figures the run did
 * not record gets "not measured", so later rows (dev loop, 10,000 articles) only need their
 * figures recorded in results.json for their verdict to appear.
 */
import type { ChangeCostRow, Results, ScaleRow } from "./results.ts";
import { fmt, spread } from "./util.ts";

export const KiB = 1024;
export const MiB = 1024 * 1024;

/** Cloudflare Workers plans (https://developers.cloudflare.com/workers/platform/limits/). */
export interface Plan {
  name: string;
  /** Worker size, uncompressed (wrangler's "Total Upload"; the compressed limits were removed on 2026-09-04). */
  scriptBytes: number;
  /** Static Asset files per Worker version. */
  assetFiles: number;
  /** Individual Static Asset file size. */
  assetFileBytes: number;
  /** Time to evaluate the script's global scope. */
  startupMs: number;
  /** CPU time per request, where the plan bounds it this tightly. */
  cpuMs?: number;
}

export const plans: Plan[] = [
  { name: "Workers Free", scriptBytes: 64 * MiB, assetFiles: 20_000, assetFileBytes: 25 * MiB, startupMs: 1000, cpuMs: 10 },
  { name: "Workers Paid", scriptBytes: 64 * MiB, assetFiles: 100_000, assetFileBytes: 25 * MiB, startupMs: 1000 },
];

/** The corpus sizes the issues name targets at. */
export const sizes = { build: 1000, large: 10_000, devLoop: 1000 } as const;
const n = (x: number) => x.toLocaleString("en");

/** The issues' targets. */
export const limits = {
  /** Issue 10: every route, and its 304, against a constant worker sending the same response. */
  routeRatio: 0.95,
  /** Issue 10: the 304 against a constant worker's 304 that carries only an ETag. */
  etagOnlyRatio: 0.8,
  /** Issue 5: the worker's own code, content excluded. */
  codeGzipBytes: 64 * KiB,
  /** Issue 5: a full build of 1,000 articles, EPUBs included. */
  build1000S: 30,
  /** Issue 5 and 12: per-request cost at the largest corpus within this factor of the 1-article figure. */
  costGrowth: 1.1,
  /** Issue 11: an edit saved → the page shows it, at 1,000 articles. */
  devLoop1000Ms: 1000,
  /** Issue 12: a cold build of 10,000 articles. */
  build10000S: 300,
  /** Issue 12: start-up at 10,000 articles. */
  startup10000Ms: 200,
  /** Issue 12: each page of the index, a tag and search. */
  pageBytes: 64 * KiB,
} as const;

/** Issue 16: the cost of a change, per corpus size (scripts/bench/incremental.ts measures them). */
export interface ChangeTarget {
  articles: number;
  /** A saved note → the page served by `npm run dev` shows it. */
  devMs: number;
  /** The build after one note changed (warm cache, previous output in place). */
  oneNoteS: number;
  /** A cold build: no cache, no previous output. */
  coldS: number;
  /** The cold build's peak RSS (GNU time's maximum resident set, worker threads included). */
  rssMiB: number;
}

export const changeTargets: readonly ChangeTarget[] = [
  { articles: 1000, devMs: 300, oneNoteS: 1, coldS: 20, rssMiB: 512 },
  { articles: 10_000, devMs: 1000, oneNoteS: 5, coldS: 180, rssMiB: 1024 },
];

/** A size in MiB as the issue writes it: GiB from 1,024 MiB up. */
export const mibOrGib = (mib: number) => (mib >= 1024 ? `${(mib / 1024).toFixed(mib % 1024 ? 2 : 0)} GiB` : `${mib.toFixed(0)} MiB`);

/** One column of the cost-of-a-change table: its name, its target and the row's figure. */
export interface ChangeColumn {
  name: string;
  target: (t: ChangeTarget) => number;
  /** The target as written, e.g. "≤ 300 ms". */
  targetText: (t: ChangeTarget) => string;
  /** The row's median, in the target's unit; undefined when not measured. */
  value: (row: ChangeCostRow) => number | undefined;
  figure: (row: ChangeCostRow) => string;
  gap: (value: number, target: number) => string;
}

export const changeColumns: readonly ChangeColumn[] = [
  {
    name: "edit → page in dev",
    target: (t) => t.devMs,
    targetText: (t) => (t.devMs >= 1000 ? `≤ ${t.devMs / 1000} s` : `≤ ${t.devMs} ms`),
    value: (row) => (row.dev && row.dev.totalMs.n > 0 ? row.dev.totalMs.median : undefined),
    figure: (row) => (row.dev ? fmt(row.dev.totalMs, 0, " ms") : "not measured"),
    gap: (v, t) => `${(v - t).toFixed(0)} ms over`,
  },
  {
    name: "build after one note changed",
    target: (t) => t.oneNoteS,
    targetText: (t) => `≤ ${t.oneNoteS} s`,
    value: (row) => (row.oneNoteMs.n > 0 ? row.oneNoteMs.median / 1000 : undefined),
    figure: (row) => fmt(seconds(row.oneNoteMs), 2, " s"),
    gap: (v, t) => `${(v - t).toFixed(2)} s over`,
  },
  {
    name: "cold build",
    target: (t) => t.coldS,
    targetText: (t) => `≤ ${t.coldS} s`,
    value: (row) => (row.coldMs.n > 0 ? row.coldMs.median / 1000 : undefined),
    figure: (row) => fmt(seconds(row.coldMs), 1, " s"),
    gap: (v, t) => `${(v - t).toFixed(1)} s over`,
  },
  {
    name: "peak RSS (cold)",
    target: (t) => t.rssMiB,
    targetText: (t) => `≤ ${mibOrGib(t.rssMiB)}`,
    value: (row) => (row.coldRssKiB.n > 0 ? row.coldRssKiB.median / 1024 : undefined),
    figure: (row) => (row.coldRssKiB.n > 0 ? mibOrGib(row.coldRssKiB.median / 1024) : "–"),
    gap: (v, t) => `${(v - t).toFixed(0)} MiB over`,
  },
];

const seconds = (s: { median: number; min: number; max: number; n: number }) => ({ median: s.median / 1000, min: s.min / 1000, max: s.max / 1000, n: s.n });

export interface Verdict {
  issue: number;
  target: string;
  figure: string;
  met: boolean | undefined;
  gap: string;
}

const notMeasured = (issue: number, target: string, why = "not measured in this run"): Verdict => ({ issue, target, figure: why, met: undefined, gap: "" });
const at = (r: Results, n: number): ScaleRow | undefined => r.scale.find((s) => s.articles === n);
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const largest = (r: Results) => r.scale.reduce<ScaleRow | undefined>((a, s) => (a && a.articles >= s.articles ? a : s), undefined);

/** One verdict per target, in the order of the report's table. */
export function verdicts(r: Results): Verdict[] {
  const out: Verdict[] = [];
  const routeTarget = `Every route and its 304 ≥ ${limits.routeRatio} of a constant worker sending the same status, headers and bytes`;
  const etagTarget = `Every 304 ≥ ${limits.etagOnlyRatio} of a constant worker's 304 carrying only an ETag`;
  if (r.routes?.length) {
    const below = r.routes.filter((x) => x.ratio.median < limits.routeRatio);
    out.push({
      issue: 10,
      target: routeTarget,
      figure: `${r.routes.length} rows, lowest ${Math.min(...r.routes.map((x) => x.ratio.median)).toFixed(3)} (medians; see the throughput section)`,
      met: below.length === 0,
      gap: below.map((x) => `${x.name} ${x.kind}: ${x.ratio.median.toFixed(3)}`).join("; "),
    });
    const nm = r.routes.filter((x) => x.ratioEtagOnly);
    if (nm.length) {
      const low = nm.filter((x) => x.ratioEtagOnly!.median < limits.etagOnlyRatio);
      out.push({
        issue: 10,
        target: etagTarget,
        figure: `${nm.length} rows, lowest ${Math.min(...nm.map((x) => x.ratioEtagOnly!.median)).toFixed(3)} (medians; see the throughput section)`,
        met: low.length === 0,
        gap: low.map((x) => `${x.name}: ${x.ratioEtagOnly!.median.toFixed(3)}`).join("; "),
      });
    } else out.push(notMeasured(10, etagTarget));
  } else out.push(notMeasured(10, routeTarget), notMeasured(10, etagTarget));

  const codeTarget = `Worker's own code < ${limits.codeGzipBytes / KiB} KiB gzip (content excluded)`;
  if (r.bundle) {
    const code = r.bundle.code.gzip;
    out.push({ issue: 5, target: codeTarget, figure: `${(code / KiB).toFixed(1)} KiB gzip`, met: code < limits.codeGzipBytes, gap: code < limits.codeGzipBytes ? "" : `${((code - limits.codeGzipBytes) / KiB).toFixed(1)} KiB over` });
  } else out.push(notMeasured(5, codeTarget));

  const s1 = at(r, 1);
  const s1000 = at(r, sizes.build);
  const top = largest(r);
  const free = plans[0]!;
  const sizeTarget = `Deployable script at the largest corpus < each plan's limit (${plans.map((p) => `${p.name} ${p.scriptBytes / MiB} MiB uncompressed`).join(", ")})`;
  if (top) {
    const g = top.bundle.raw;
    const over = plans.filter((p) => g >= p.scriptBytes);
    out.push({ issue: 12, target: sizeTarget, figure: `${(g / MiB).toFixed(2)} MiB raw at ${top.articles.toLocaleString("en")} articles`, met: over.length === 0, gap: over.map((p) => `over ${p.name}'s limit by ${((g - p.scriptBytes) / MiB).toFixed(2)} MiB`).join("; ") });
  } else out.push(notMeasured(12, sizeTarget));
  const filesTarget = `Asset files at the largest corpus < each plan's limit (${plans.map((p) => `${p.name} ${p.assetFiles.toLocaleString("en")}`).join(", ")})`;
  if (top?.assetFiles !== undefined) {
    const over = plans.filter((p) => top.assetFiles! >= p.assetFiles || (top.largestAssetBytes ?? 0) >= p.assetFileBytes);
    out.push({ issue: 12, target: filesTarget, figure: `${top.assetFiles.toLocaleString("en")} files at ${top.articles.toLocaleString("en")} articles`, met: over.length === 0, gap: over.map((p) => `over ${p.name}'s limit`).join("; ") });
  } else out.push(notMeasured(12, filesTarget));

  const growthTarget = `Per-request cost (article page, in the isolate) at the largest corpus within ${pct(limits.costGrowth - 1)} of the 1-article figure`;
  if (s1?.articleUs && top?.articleUs && top !== s1) {
    const ratio = top.articleUs.median / s1.articleUs.median;
    out.push({ issue: 12, target: growthTarget, figure: `${top.articleUs.median.toFixed(1)} µs at ${top.articles.toLocaleString("en")} articles vs ${s1.articleUs.median.toFixed(1)} µs (${ratio.toFixed(2)}×)`, met: ratio <= limits.costGrowth, gap: ratio <= limits.costGrowth ? "" : `${pct(ratio - limits.costGrowth)} beyond` });
  } else out.push(notMeasured(12, growthTarget));

  const buildTarget = `${n(sizes.build)} articles: full build (EPUBs included) < ${limits.build1000S} s, with a progress line`;
  if (s1000) {
    const t = s1000.buildS.median;
    out.push({ issue: 5, target: buildTarget, figure: `cold ${fmt(s1000.buildS, 1, " s")}; ${n(s1000.progressLines)} progress lines`, met: t < limits.build1000S && s1000.progressLines > 0, gap: t < limits.build1000S ? "" : `${(t - limits.build1000S).toFixed(0)} s over` });
  } else out.push(notMeasured(5, buildTarget));

  const s10000 = at(r, sizes.large);
  const build10kTarget = `${n(sizes.large)} articles: cold build < ${limits.build10000S / 60} minutes`;
  if (s10000) out.push({ issue: 12, target: build10kTarget, figure: fmt(s10000.buildS, 0, " s"), met: s10000.buildS.median < limits.build10000S, gap: s10000.buildS.median < limits.build10000S ? "" : `${(s10000.buildS.median - limits.build10000S).toFixed(0)} s over` });
  else out.push(notMeasured(12, build10kTarget));
  const startTarget = `${n(sizes.large)} articles: start-up < ${limits.startup10000Ms} ms`;
  if (s10000?.startupMs) out.push({ issue: 12, target: startTarget, figure: fmt(s10000.startupMs, 0, " ms"), met: s10000.startupMs.median < limits.startup10000Ms, gap: s10000.startupMs.median < limits.startup10000Ms ? "" : `${(s10000.startupMs.median - limits.startup10000Ms).toFixed(0)} ms over` });
  else out.push(notMeasured(12, startTarget));
  const pageTarget = `Every page of the index, a tag and search at every size < ${limits.pageBytes / KiB} KiB, its first request in an isolate < ${free.cpuMs} ms (${free.name} CPU)`;
  const pages = r.scale.flatMap((s) => [
    ...(s.indexBytes !== undefined ? [{ articles: s.articles, name: "index", bytes: s.indexBytes, firstMs: s.indexFirstMs }] : []),
    ...(s.routes ?? []).filter((x) => x.paged && x.status === 200).map((x) => ({ articles: s.articles, name: x.name, bytes: x.bytes, firstMs: x.firstMs })),
  ]);
  if (pages.length) {
    const big = pages.filter((p) => p.bytes >= limits.pageBytes || (p.firstMs ?? 0) >= free.cpuMs!);
    const largestOf = (name: string) => pages.filter((p) => p.name === name).at(-1);
    const names = [...new Set(pages.map((p) => p.name))];
    out.push({
      issue: 12,
      target: pageTarget,
      figure: `${pages.length} pages measured; at the largest size ${names.map((name) => { const p = largestOf(name)!; return `${name} ${(p.bytes / KiB).toFixed(0)} KiB, ${p.firstMs ?? "–"} ms`; }).join("; ")}`,
      met: big.length === 0,
      gap: big.map((p) => `${p.name} at ${p.articles.toLocaleString("en")} articles (${(p.bytes / KiB).toFixed(0)} KiB, ${p.firstMs ?? "–"} ms)`).join(", "),
    });
  } else out.push(notMeasured(12, pageTarget));

  const devTarget = `Dev loop at ${n(sizes.devLoop)} articles: edit saved → page shows it in ≤ ${limits.devLoop1000Ms / 1000} s`;
  const dev = r.devLoop?.find((d) => d.articles === sizes.devLoop);
  if (dev) out.push({ issue: 11, target: devTarget, figure: fmt(dev.totalMs, 0, " ms"), met: dev.totalMs.median <= limits.devLoop1000Ms, gap: dev.totalMs.median <= limits.devLoop1000Ms ? "" : `${(dev.totalMs.median - limits.devLoop1000Ms).toFixed(0)} ms over (section on the dev loop says where it goes)` });
  else out.push(notMeasured(11, devTarget));

  for (const t of changeTargets) {
    const row = r.changeCost?.find((c) => c.articles === t.articles);
    for (const c of changeColumns) {
      const target = `${n(t.articles)} articles: ${c.name} ${c.targetText(t)}`;
      const v = row ? c.value(row) : undefined;
      if (!row || v === undefined) out.push(notMeasured(16, target));
      else out.push({ issue: 16, target, figure: c.figure(row), met: v <= c.target(t), gap: v <= c.target(t) ? "" : c.gap(v, c.target(t)) });
    }
  }

  const epubTarget = "EPUB build no slower per article than pandoc, and no larger";
  if (r.epub?.length) {
    const slower = r.epub.filter((e) => e.folioMs.median > e.pandocMs.median);
    const larger = r.epub.filter((e) => e.folioBytes > e.pandocBytes);
    out.push({
      issue: 5,
      target: epubTarget,
      figure: `time Folio/pandoc ${fmt(spread(r.epub.map((e) => e.folioMs.median / e.pandocMs.median)))}; size ${fmt(spread(r.epub.map((e) => e.folioBytes / e.pandocBytes)), 3)} over ${r.epub.length} articles`,
      met: slower.length === 0 && larger.length === 0,
      gap: [slower.length ? `slower on ${slower.length} articles` : "", larger.length ? `larger on ${larger.length} articles` : ""].filter(Boolean).join("; "),
    });
  } else out.push(notMeasured(5, epubTarget));
  return out;
}
