/**
 * node scripts/bench/scale.ts [--sizes 1,100,1000,10000] [--startup-runs 5] [--keep] [--from-dist DIR]
 *
 * The scale rows of `npm run bench` by themselves, for one or a few corpus sizes (the full run
 * takes the machine for long; this measures one size on its own). For each size: a synthetic
 * corpus (scripts/bench/corpus.ts), one cold build (the card cache emptied), the deployable
 * bundle (wrangler deploy --dry-run), the static asset files and the pack table, start-up in
 * workerd, and the routes of scale-routes.ts in the isolate (first request, cost per request,
 * body size). Prints a summary and writes $TMPDIR/folio-bench-scale/scale.json; never touches
 * BENCHMARKS.md. --from-dist: measure an output already built (one size, its build not timed here).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Corpus } from "../../src/model/document.ts";
import { bundleSize } from "./bundle-size.ts";
import { generateCorpus } from "./corpus.ts";
import { packStats, type PackStats } from "./pack-stats.ts";
import { isolateCost } from "./isolate-cost.ts";
import { buildContent, bundle, compatibilityDate, makeProject, snapshot } from "./project.ts";
import { scaleRoutes } from "./scale-routes.ts";
import { limits, MiB, plans } from "./targets.ts";
import { assetStats, log, spread, workerdBinary, type Spread } from "./util.ts";
import { freePort, serve, writeConfig } from "./workerd.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000" },
    "startup-runs": { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
    "from-dist": { type: "string" },
  },
});
const sizes = values.sizes.split(",").map((s) => Number(s.trim()));
const startupRuns = Number(values["startup-runs"]);
const workerd = workerdBinary();

interface Row {
  articles: number;
  buildS: number;
  buildCpuNote: string;
  assetFiles: number;
  assetBytes: number;
  largestAssetBytes: number;
  pack: PackStats;
  catalogBytes: number;
  bundleRaw: number;
  bundleGzip: number;
  wrangler: string;
  startupMs?: Spread;
  routes: { name: string; path: string; paged: boolean; status?: number; bytes?: number; firstMs?: number; us?: Spread }[];
}

const tmp = mkdtempSync(join(tmpdir(), "folio-bench-scale-"));
const rows: Row[] = [];
try {
  const snap = snapshot(join(tmp, "snapshot"));
  const compat = compatibilityDate(snap);
  for (const n of sizes) {
    const project = makeProject(join(tmp, `scale-${n}`), snap);
    let built = { ms: Number.NaN };
    if (values["from-dist"]) symlinkSync(resolve(values["from-dist"]), project.dist, "dir");
    else {
      log(`${n} articles: generating the corpus`);
      const content = join(tmp, `corpus-${n}`);
      generateCorpus({ dir: content, articles: n, seed: 1 });
      let last = "";
      built = await buildContent(project, content, true, (line) => {
        if (/^epub \d+\//.test(line) && Number(/^epub (\d+)/.exec(line)![1]) % Math.max(1, Math.floor(n / 10)) === 0) log(`  ${line}`);
        last = line;
      });
      log(`  cold build ${(built.ms / 1000).toFixed(1)} s (${last})`);
    }
    const b = await bundle(project);
    const size = bundleSize(b.modules);
    const model = JSON.parse(readFileSync(join(project.dist, "model.json"), "utf8")) as Corpus;
    const newest = model.articles.find((a) => /-1$/.test(a.slug))?.slug ?? model.articles[0]!.slug;
    const oldest = model.articles.length > model.site.feedItems ? model.articles.at(-1)!.slug : undefined;
    const firstTag = model.articles[0]?.tags[0];
    const tag = firstTag ? firstTag.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") : undefined;
    const row: Row = {
      articles: n,
      buildS: built.ms / 1000,
      buildCpuNote: "",
      ...assetStats(join(project.dist, "assets")),
      pack: packStats(project.dist),
      catalogBytes: statSync(join(project.dist, "catalog.json")).size,
      bundleRaw: size.raw,
      bundleGzip: size.gzip,
      wrangler: b.wranglerSize,
      routes: scaleRoutes({ newest, ...(oldest ? { oldest } : {}), ...(tag ? { tag } : {}) }),
    };
    log(`  ${row.assetFiles} asset files (${row.pack.packs} packs of ${row.pack.files} files), script ${(row.bundleRaw / MiB).toFixed(2)} MiB raw, pack table ${(row.pack.tableBytes / MiB).toFixed(2)} MiB parsed in ${row.pack.parseMs.toFixed(1)} ms`);

    if (workerd) {
      const times: number[] = [];
      for (let i = 0; i < startupRuns; i++) {
        const port = await freePort();
        const config = writeConfig({ modules: b.modules, compatibilityDate: compat, assetsDir: join(project.dist, "assets") }, port, `folio-${n}`);
        // Start-up alone: the probe is the smallest route, so no page's rendering is counted.
        const s = await serve(workerd, config, port, "/robots.txt", 60_000);
        times.push(s.startupMs);
        await s.stop();
      }
      row.startupMs = spread(times);
      log(`  start-up ${row.startupMs.median.toFixed(0)} ms (${row.startupMs.min.toFixed(0)}–${row.startupMs.max.toFixed(0)})`);
    }

    // A failed isolate run (workerd's pool can exit under a 10,000-article isolate) keeps the figures above.
    const cost = await isolateCost(project.dir, row.routes, { ms: 400, batch: 20, runs: 3 }).catch((error: unknown) => {
      log(`  cost in the isolate not measured: ${String(error).slice(0, 300)}`);
      return undefined;
    });
    for (const r of cost ? row.routes : []) {
      Object.assign(r, { status: cost!.status.get(r.name), bytes: cost!.bytes.get(r.name), firstMs: cost!.firstMs.get(r.name), us: cost!.perRequest.get(r.name) });
      log(`  ${r.name} ${r.path}: ${r.status}, ${((r.bytes ?? 0) / 1024).toFixed(1)} KiB, first ${r.firstMs?.toFixed(0)} ms, ${r.us?.median.toFixed(1)} µs a request`);
    }
    rows.push(row);
  }
} finally {
  if (values.keep) log(`Kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

const outDir = join(tmpdir(), "folio-bench-scale");
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "scale.json"), `${JSON.stringify(rows, null, 2)}\n`);
for (const r of rows) {
  const perArticle = r.assetFiles / r.articles;
  console.log(`\n${r.articles.toLocaleString("en")} articles: build ${r.buildS.toFixed(1)} s cold (target ${limits.build10000S} s at 10,000)`);
  for (const p of plans) console.log(`  ${p.name}: ${r.assetFiles} of ${p.assetFiles.toLocaleString("en")} asset files (${perArticle.toFixed(3)} a file an article), largest ${(r.largestAssetBytes / MiB).toFixed(2)} of ${p.assetFileBytes / MiB} MiB; script ${(r.bundleRaw / MiB).toFixed(2)} of 64 MiB`);
  console.log(`  start-up ${r.startupMs ? `${r.startupMs.median.toFixed(0)} ms` : "not measured"} (target ${limits.startup10000Ms} ms); pack table ${(r.pack.tableBytes / 1024).toFixed(0)} KiB, ${r.pack.parseMs.toFixed(1)} ms to parse and index`);
  for (const x of r.routes) {
    const over = x.paged && x.status === 200 && ((x.bytes ?? 0) > limits.pageBytes || (x.firstMs ?? 0) > 10) ? "  OVER" : "";
    console.log(`  ${x.name}: ${x.status}, ${((x.bytes ?? 0) / 1024).toFixed(1)} KiB, first request ${x.firstMs?.toFixed(0)} ms, ${x.us?.median.toFixed(1)} µs a request${over}`);
  }
}
console.log(`\nWrote ${join(outDir, "scale.json")}`);
