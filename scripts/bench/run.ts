/**
 * npm run bench [-- --quick | --lean] [--keep] [--out BENCHMARKS.md]
 * --lean: every section of the full run, corpora up to 10,000 articles, fewer repetitions (its settings are in the report).
 *
 * Measures Folio against the limit of its runtime and writes BENCHMARKS.md (with the chart
 * bench/scale.svg and the raw figures bench/results.json). Everything is built in a temporary
 * folder; the repo's dist/ is never touched. Parts whose tool is missing are skipped with a
 * message. Servers listen on 127.0.0.1 only; every load run is bounded by wrk's -d.
 *   1. throughput per route and its 304, Folio vs constant workers sending the same response
 *      (and, for 304s, vs a 304 carrying only an ETag), in workerd, with wrk
 *   2. cost per request inside the isolate (vitest bench, bench/worker.bench.ts)
 *   3. bundle size (code vs content) and start-up time
 *   4. EPUB build vs pandoc
 *   5. scale: synthetic corpora (settings.sizes), with asset files and script size
 *   6. the conformance suite's load run against wrangler dev, from test-results/load.json
 *   7. the dev loop: an edit to one annotation saved → the page shows it, through `npm run dev`
 *      (scripts/bench/dev-loop.ts), at 1, 100 and 1,000 articles (--quick: 1 and 100)
 *   8. the cost of a change (issue 16, scripts/bench/incremental.ts): a cold build and its peak
 *      RSS, the build after one note changed, and edit → page in dev, at 1,000 and 10,000
 *      articles (--quick: 100)
 *   9. covers and OG images rendered whole vs the text block on a background, in one process
 *      (scripts/bench/cards.ts)
 * --quick: a smoke run (a few minutes): shorter loads, one repetition, corpora up to 100; its
 * report goes to $TMPDIR/folio-bench-quick/, never over BENCHMARKS.md.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Corpus } from "../../src/model/document.ts";
import { capture, writeBaseline, type Route } from "./baseline.ts";
import { bundleSize } from "./bundle-size.ts";
import { scaleChart } from "./chart.ts";
import { generateCorpus } from "./corpus.ts";
import { measureCards } from "./cards.ts";
import { epubVsPandoc, pandocStartup } from "./epub-vs-pandoc.ts";
import { isolateCost, type IsolateRoute } from "./isolate-cost.ts";
import { devLoop } from "./dev-loop.ts";
import { changeCost, gnuTime } from "./incremental.ts";
import { buildContent, bundle, compatibilityDate, emptyModel, fingerprint, makeProject, snapshot, type Bundle, type Project } from "./project.ts";
import { packStats } from "./pack-stats.ts";
import { renderReport, scalePanels } from "./report.ts";
import { scaleRoutes } from "./scale-routes.ts";
import type { ConformanceLoad, Results, RouteRow, ScaleRow } from "./results.ts";
import { throughput } from "./throughput.ts";
import { freePort, serve, writeConfig, writeDiskConfig, type Server } from "./workerd.ts";
import { assetStats, log, node22, repo, spread, versionOf, which, workerdBinary } from "./util.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    lean: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    out: { type: "string", default: join(repo, "BENCHMARKS.md") },
  },
});
const quick = values.quick;
const started = performance.now();

const settings: Results["settings"] = quick
  ? { wrk: { threads: 2, connections: 32, seconds: 2, reps: 1, warmupSeconds: 1 }, isolate: { ms: 200, batch: 20, runs: 1 }, startupRuns: 3, buildReps: 1, buildReps1000: 1, epubReps: 1, sizes: [1, 10, 100] }
  : values.lean // every section of the full run, the same sizes, fewer repetitions (the report states them)
    ? { wrk: { threads: 2, connections: 32, seconds: 4, reps: 2, warmupSeconds: 1 }, isolate: { ms: 400, batch: 20, runs: 3 }, startupRuns: 5, buildReps: 1, buildReps1000: 1, epubReps: 1, sizes: [1, 10, 100, 1000, 10_000] }
    : { wrk: { threads: 2, connections: 32, seconds: 4, reps: 3, warmupSeconds: 1 }, isolate: { ms: 400, batch: 20, runs: 5 }, startupRuns: 10, buildReps: 3, buildReps1000: 2, epubReps: 3, sizes: [1, 10, 100, 1000, 10_000] };

// ---- tools and machine -------------------------------------------------------------------
const tools = { workerd: workerdBinary(), wrk: which("wrk"), pandoc: which("pandoc"), vitestPlugin: existsSync(join(repo, "node_modules/@cloudflare/vitest-plugin")) };
const skipped: string[] = [];
const notes: string[] = [];
const skip = (message: string) => {
  skipped.push(message);
  log(`SKIP ${message}`);
};
if (!tools.workerd) skip("throughput and start-up time: workerd not found (npm ci installs it with wrangler)");
if (!tools.wrk) skip("throughput: wrk not found (Debian/Ubuntu: apt-get install wrk)");
if (!tools.pandoc) skip("EPUB vs pandoc: pandoc not found (Debian/Ubuntu: apt-get install pandoc)");
if (!tools.vitestPlugin) skip("cost per request in the isolate: @cloudflare/vitest-plugin not installed (npm ci)");

const pkgVersion = (name: string) => {
  try {
    return (JSON.parse(readFileSync(join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
};
const cpuModel = /model name\s*:\s*(.*)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
const versions: Record<string, string> = {
  node: versionOf(node22()),
  workerd: tools.workerd ? versionOf(tools.workerd) : "not found",
  wrangler: pkgVersion("wrangler"),
  miniflare: pkgVersion("miniflare"),
  "@cloudflare/vitest-plugin": pkgVersion("@cloudflare/vitest-plugin"),
  vitest: pkgVersion("vitest"),
  hono: pkgVersion("hono"),
  "epub-gen-memory": pkgVersion("epub-gen-memory"),
  wrk: tools.wrk ? versionOf(tools.wrk) : "not found",
  pandoc: tools.pandoc ? versionOf(tools.pandoc) : "not found",
};
const machine = { cpu: cpuModel, cores: cpus().length, memoryGiB: totalmem() / 2 ** 30, os: `${type()} ${release()}`, loadStart: loadavg(), loadEnd: [] as number[] };
log(`Folio benchmarks${quick ? " (quick)" : ""}: ${machine.cores} cores, ${cpuModel}, load ${machine.loadStart.map((l) => l.toFixed(2)).join(" ")}`);

const tmp = mkdtempSync(join(tmpdir(), "folio-bench-"));
const servers = new Set<Server>();
async function start(config: string, port: number, probe = "/"): Promise<Server> {
  const s = await serve(tools.workerd!, config, port, probe);
  servers.add(s);
  return s;
}
async function stop(s: Server): Promise<void> {
  await s.stop();
  servers.delete(s);
}
async function stopAll(): Promise<void> {
  await Promise.all([...servers].map((s) => s.stop()));
  servers.clear();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void stopAll().finally(() => {
      if (!values.keep) rmSync(tmp, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

const results: Results = {
  date: new Date().toISOString(),
  quick,
  minutes: 0,
  machine,
  versions,
  settings,
  skipped,
  notes,
  seedSlug: "",
  codeFingerprint: "",
  scale: [],
};

const canServe = Boolean(tools.workerd);
const canLoad = canServe && Boolean(tools.wrk);

// One copy of the code for the whole run: the repo may change while it runs.
const snap = snapshot(join(tmp, "snapshot"));
results.codeFingerprint = fingerprint(snap);
const compat = compatibilityDate(snap);

function folioConfig(project: Project, b: Bundle, port: number): string {
  return writeConfig({ modules: b.modules, compatibilityDate: compat, assetsDir: join(project.dist, "assets") }, port, "folio");
}

try {
  // ---- the repo's content: the deployable, and its code-only twin --------------------------
  log(`[1/6] Building the repo's content and bundling it (wrangler deploy --dry-run); code ${results.codeFingerprint}`);
  const seed = makeProject(join(tmp, "seed"), snap);
  await buildContent(seed, join(snap, "content"), true);
  const seedBundle = await bundle(seed);
  const seedModel = JSON.parse(readFileSync(join(seed.dist, "model.json"), "utf8")) as Corpus;
  const slug = seedModel.articles[0]!.slug;
  results.seedSlug = slug;

  const codeOnly = makeProject(join(tmp, "code-only"), snap);
  cpSync(seed.dist, codeOnly.dist, { recursive: true, dereference: true }); // dist is a link to the current output
  emptyModel(codeOnly);
  const codeBundle = await bundle(codeOnly);
  results.bundle = {
    total: bundleSize(seedBundle.modules),
    code: bundleSize(codeBundle.modules),
    wrangler: seedBundle.wranglerSize,
    codeWrangler: codeBundle.wranglerSize,
    modelBytes: statSync(join(seed.dist, "model.json")).size,
  };
  log(`  bundle ${(results.bundle.total.gzip / 1024).toFixed(1)} KiB gzip, code alone ${(results.bundle.code.gzip / 1024).toFixed(1)} KiB gzip`);

  // ---- scale corpora: generate, build (timed, repeated), bundle ------------------------------
  log(`[2/6] Scale: generating and building corpora of ${settings.sizes.join(", ")} articles`);
  const scaleProjects: { n: number; project: Project; bundle: Bundle; slug: string; tag?: string }[] = [];
  for (const n of settings.sizes) {
    const contentDir = join(tmp, `corpus-${n}`);
    let warm = Number.NaN;
    const generated = generateCorpus({ dir: contentDir, articles: n, seed: 1 });
    for (const a of generated) {
      const c = (results.corpus ??= { words: { min: a.words, max: a.words }, annotations: { min: a.annotations, max: a.annotations } });
      c.words = { min: Math.min(c.words.min, a.words), max: Math.max(c.words.max, a.words) };
      c.annotations = { min: Math.min(c.annotations.min, a.annotations), max: Math.max(c.annotations.max, a.annotations) };
    }
    const project = makeProject(join(tmp, `scale-${n}`), snap);
    // 10,000 articles: one cold build (about as long as the rest of the run), then the warm one.
    const reps = n >= 10_000 ? 1 : n >= 1000 ? settings.buildReps1000 : settings.buildReps;
    const times: number[] = [];
    let progressLines = 0;
    // Cold builds (the card cache emptied first), then one warm build (nothing changed).
    for (let i = 0; i <= reps; i++) {
      const cold = i < reps;
      const r = await buildContent(project, contentDir, cold, (line) => {
        // Echo the build's own progress (a line per step, and a count every 10 s: not a TTY), so a long build shows it is alive.
        if (n >= 100) log(`    ${line}`);
      });
      if (cold) times.push(r.ms / 1000);
      else warm = r.ms / 1000;
      progressLines = r.progressLines;
      log(`  ${n} articles: ${cold ? "cold" : "warm"} build ${(r.ms / 1000).toFixed(1)} s (${cold ? `run ${i + 1}/${reps}, ` : ""}${r.progressLines} progress lines)`);
    }
    const b = await bundle(project);
    const model = JSON.parse(readFileSync(join(project.dist, "model.json"), "utf8")) as Corpus;
    const row: ScaleRow = {
      articles: n,
      buildS: spread(times),
      warmBuildS: warm,
      progressLines,
      modelBytes: statSync(join(project.dist, "model.json")).size,
      bundle: bundleSize(b.modules),
      ...assetStats(join(project.dist, "assets")),
      pack: packStats(project.dist),
      ...(model.articles.length > model.site.feedItems ? { oldSlug: model.articles[model.articles.length - 1]!.slug } : {}),
    };
    log(`  ${n} articles: bundle ${(row.bundle.raw / 2 ** 20).toFixed(2)} MiB raw, ${(row.bundle.gzip / 2 ** 20).toFixed(2)} MiB gzip`);
    results.scale.push(row);
    // The newest article is the same text in every corpus (same seed, generated first).
    const firstTag = model.articles[0]?.tags[0];
    const tag = firstTag ? firstTag.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") : undefined;
    scaleProjects.push({ n, project, bundle: b, slug: model.articles.find((a) => /-1$/.test(a.slug))?.slug ?? model.articles[0]!.slug, ...(tag ? { tag } : {}) });
  }
  const rowOf = (n: number) => results.scale.find((r) => r.articles === n)!;

  // ---- 1. throughput per route -----------------------------------------------------------------
  if (canLoad) {
    log(`[3/6] Throughput per route: wrk -t${settings.wrk.threads} -c${settings.wrk.connections} -d${settings.wrk.seconds}s, ${settings.wrk.reps}× alternating with the baseline`);
    const port = await freePort();
    const folio = await start(folioConfig(seed, seedBundle, port), port);
    const article = `/articles/${slug}`;
    // Each route twice: the plain GET, and the GET with If-None-Match of that route's own ETag.
    const routes: Route[] = [];
    for (const { name, path } of measuredRoutes(article)) {
      const res = await fetch(folio.url + path);
      await res.arrayBuffer();
      routes.push({ name, path }, { name, path, headers: { "If-None-Match": res.headers.get("ETag") ?? '"none"' } });
    }
    const captured = await capture(folio.url, routes);
    for (const c of captured) {
      const expected = c.route.headers ? 304 : 200;
      if (c.status !== expected) notes.push(`${c.route.name}${c.route.headers ? " with If-None-Match" : ""} answered ${c.status}, expected ${expected}`);
    }
    const bport = await freePort();
    const baseline = await start(writeConfig({ modules: writeBaseline(join(tmp, "baseline"), captured), compatibilityDate: compat }, bport, "baseline"), bport);
    // The cheapest 304: a constant worker whose 304 carries only the captured ETag, on every path.
    const etagOnlyCaptured = captured.filter((c) => c.route.headers).map((c) => ({ ...c, status: 304, body: new Uint8Array(0), headers: c.headers.filter(([k]) => k === "etag") }));
    const eport = await freePort();
    const etagOnly = await start(writeConfig({ modules: writeBaseline(join(tmp, "etag-only"), etagOnlyCaptured), compatibilityDate: compat }, eport, "etag-only"), eport);
    mkdirSync(join(tmp, "direct"), { recursive: true });
    const dport = await freePort();
    const direct = await start(writeDiskConfig(join(tmp, "direct"), join(seed.dist, "assets"), dport), dport, `${article}.epub`);
    const measured = await throughput(
      tools.wrk!,
      routes.map((route) => ({
        route,
        targets: [
          { name: "folio", url: folio.url },
          { name: "baseline", url: baseline.url },
          ...(route.headers ? [{ name: "etag-only", url: etagOnly.url }] : []),
          ...(route.name === "EPUB" && !route.headers ? [{ name: "direct", url: direct.url }] : []),
        ],
      })),
      settings.wrk,
      tmp,
    );
    results.routes = measured.map((m, i): RouteRow => {
      const c = captured[i]!;
      const other = (name: string) => {
        const figures = m.byTarget.get(name);
        return figures ? { figures, ratio: m.ratio.get(name)! } : undefined;
      };
      const d = other("direct");
      const e = other("etag-only");
      return {
        name: m.route.name,
        path: m.route.path,
        kind: m.route.headers ? "304" : "200",
        status: c.status,
        bytes: c.body.byteLength,
        headerNames: c.headers.map(([k]) => k),
        headerBytes: c.headers.reduce((sum, [k, v]) => sum + Buffer.byteLength(`${k}: ${v}\r\n`), 0),
        folio: m.byTarget.get("folio")!,
        baseline: m.byTarget.get("baseline")!,
        ratio: m.ratio.get("baseline")!,
        ...(e ? { etagOnly: e.figures, ratioEtagOnly: e.ratio } : {}),
        ...(d ? { direct: d.figures, ratioDirect: d.ratio } : {}),
      };
    });
    await stopAll();

    log("[4/6] Scale: throughput of the article route, each corpus against its own baseline");
    for (const sp of scaleProjects) {
      const p = await freePort();
      const f = await start(folioConfig(sp.project, sp.bundle, p), p);
      const route: Route = { name: `article page (${sp.n} articles)`, path: `/articles/${sp.slug}` };
      const cap = await capture(f.url, [route]);
      const bp = await freePort();
      const b = await start(writeConfig({ modules: writeBaseline(join(tmp, `baseline-${sp.n}`), cap), compatibilityDate: compat }, bp, "baseline"), bp, route.path);
      const [m] = await throughput(tools.wrk!, [{ route, targets: [{ name: "folio", url: f.url }, { name: "baseline", url: b.url }] }], settings.wrk, tmp);
      const row = rowOf(sp.n);
      row.rps = m!.byTarget.get("folio")!.rps;
      row.baselineRps = m!.byTarget.get("baseline")!.rps;
      row.ratio = m!.ratio.get("baseline")!;
      await stopAll();
    }
  }

  // ---- 3. start-up time ---------------------------------------------------------------------
  if (canServe) {
    log(`[5/6] Start-up: spawn workerd → first response to GET /, ${settings.startupRuns} rounds over every bundle`);
    const configs: { name: string; config: string; port: number; row?: ScaleRow }[] = [];
    const cport = await freePort();
    const constantDir = join(tmp, "constant");
    mkdirSync(constantDir, { recursive: true });
    writeFileSync(join(constantDir, "index.js"), 'export default { fetch() { return new Response("ok", { headers: { "content-type": "text/plain" } }); } };\n');
    configs.push({ name: "constant worker (3 lines)", config: writeConfig({ modules: [join(constantDir, "index.js")], compatibilityDate: compat }, cport, "constant"), port: cport });
    const sport = await freePort();
    configs.push({ name: "Folio, repo content (1 article)", config: folioConfig(seed, seedBundle, sport), port: sport });
    for (const sp of scaleProjects) {
      const p = await freePort();
      configs.push({ name: `Folio, ${sp.n} synthetic article${sp.n === 1 ? "" : "s"}`, config: folioConfig(sp.project, sp.bundle, p), port: p, row: rowOf(sp.n) });
    }
    const times = new Map<string, number[]>(configs.map((c) => [c.name, []]));
    for (let round = 0; round < settings.startupRuns; round++) {
      for (const c of configs) {
        const s = await start(c.config, c.port);
        times.get(c.name)!.push(s.startupMs);
        await stop(s);
      }
    }
    results.startup = configs.map((c) => ({ name: c.name, ms: spread(times.get(c.name)!) }));
    for (const c of configs) if (c.row) c.row.startupMs = spread(times.get(c.name)!);
  }

  // ---- 2. cost per request inside the isolate ----------------------------------------------
  if (tools.vitestPlugin) {
    log(`[6/6] Cost per request in the isolate: vitest bench, ${settings.isolate.runs} run(s) of ${settings.isolate.ms} ms per route, batches of ${settings.isolate.batch}`);
    const article = `/articles/${slug}`;
    const routes: IsolateRoute[] = [...measuredRoutes(article), { name: "304 (article, If-None-Match)", path: article, conditional: true }];
    // Big bodies (the EPUB) leave garbage that slows whatever runs after them in the same
    // isolate, so they are benchmarked in an isolate of their own.
    const own = (r: IsolateRoute) => r.name === "EPUB";
    const parts = [];
    for (const group of [routes.filter((r) => !own(r)), routes.filter(own)]) if (group.length > 0) parts.push(await isolateCost(seed.dir, group, settings.isolate));
    const cost = {
      perRequest: new Map(parts.flatMap((c) => [...c.perRequest])),
      constant: new Map(parts.flatMap((c) => [...c.constant])),
      ratio: new Map(parts.flatMap((c) => [...c.ratio])),
      status: new Map(parts.flatMap((c) => [...c.status])),
      firstMs: new Map(parts.flatMap((c) => [...c.firstMs])),
    };
    results.isolate = routes.map((r) => ({
      name: r.name,
      status: cost.status.get(r.name) ?? 0,
      us: cost.perRequest.get(r.name)!,
      constantUs: cost.constant.get(r.name)!,
      ratio: cost.ratio.get(r.name)!,
      firstMs: cost.firstMs.get(r.name) ?? Number.NaN,
    }));
    // The corpora take turns, pass after pass, so a slow minute on the machine hits them alike.
    const passes = quick ? 1 : 2;
    const merged = new Map<number, { folio: Map<string, number[]>; constant: Map<string, number[]> }>();
    for (let pass = 0; pass < passes; pass++) {
      for (const sp of scaleProjects) {
        const row = rowOf(sp.n);
        const runs = Math.ceil(settings.isolate.runs / passes);
        // The hook (scale-routes.ts): routes beyond the index and the two articles, measured beside them.
        const more = scaleRoutes({ newest: sp.slug, ...(row.oldSlug ? { oldest: row.oldSlug } : {}), ...(sp.tag ? { tag: sp.tag } : {}) }).filter((r) => !["index", "article", "old article"].includes(r.name));
        const articles: IsolateRoute[] = [{ name: "article", path: `/articles/${sp.slug}` }, ...(row.oldSlug ? [{ name: "old article", path: `/articles/${row.oldSlug}` }] : []), ...(pass === 0 ? more : [])];
        const c = await isolateCost(sp.project.dir, articles, { ...settings.isolate, runs });
        // The index page grows with the corpus: in an isolate of its own, since the garbage a big
        // body leaves slows whatever runs after it in the same isolate.
        const index = pass === 0 ? await isolateCost(sp.project.dir, [{ name: "index", path: "/" }], { ...settings.isolate, runs: settings.isolate.runs }) : undefined;
        const m = merged.get(sp.n) ?? { folio: new Map<string, number[]>(), constant: new Map<string, number[]>() };
        for (const cost of [c, index]) {
          if (!cost) continue;
          for (const [k, v] of cost.runs.folio) m.folio.set(k, [...(m.folio.get(k) ?? []), ...v]);
          for (const [k, v] of cost.runs.constant) m.constant.set(k, [...(m.constant.get(k) ?? []), ...v]);
        }
        merged.set(sp.n, m);
        if (index) {
          row.indexFirstMs = index.firstMs.get("index");
          row.indexBytes = index.bytes.get("index");
        }
        if (pass === 0) {
          row.routes = more.map((r) => ({ name: r.name, path: r.path, paged: r.paged, status: c.status.get(r.name) ?? 0, bytes: c.bytes.get(r.name) ?? 0, firstMs: c.firstMs.get(r.name) ?? Number.NaN, ...(c.perRequest.get(r.name) ? { us: c.perRequest.get(r.name)! } : {}) }));
          row.articleBytes = c.bytes.get("article");
          row.oldFirstMs = c.firstMs.get("old article");
        }
      }
    }
    for (const sp of scaleProjects) {
      const row = rowOf(sp.n);
      const m = merged.get(sp.n)!;
      const of = (k: string, which: Map<string, number[]>) => (which.has(k) ? spread(which.get(k)!) : undefined);
      row.articleUs = of("article", m.folio);
      row.articleConstantUs = of("article", m.constant);
      row.indexUs = of("index", m.folio);
      row.oldUs = of("old article", m.folio);
      log(`  ${sp.n} articles: article ${row.articleUs?.median.toFixed(1)} µs (constant ${row.articleConstantUs?.median.toFixed(1)} µs), index ${row.indexUs?.median.toFixed(1)} µs`);
    }
  }

  // ---- 4. EPUB vs pandoc ----------------------------------------------------------------------
  if (tools.pandoc) {
    log(`[+] EPUB build vs pandoc, ${settings.epubReps} repetition(s) per article`);
    const synthetic = scaleProjects.find((sp) => sp.n >= 10) ?? scaleProjects[scaleProjects.length - 1]!;
    try {
      results.epub = await epubVsPandoc(seed.dir, tools.pandoc, [{ dist: seed.dist, limit: 1 }, { dist: synthetic.project.dist, limit: quick ? 2 : 5 }], settings.epubReps, join(tmp, "epub"));
      results.pandocStartMs = await pandocStartup(tools.pandoc, quick ? 3 : 10);
    } catch (error) {
      skip(`EPUB vs pandoc: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ---- 9. the cards, whole and composed --------------------------------------------------------
  {
    const [articles, rounds] = quick ? [5, 2] : [40, 4];
    log(`[+] Covers and OG images, whole vs the text block on a background: ${articles} articles each way, ${rounds} rounds`);
    try {
      results.cards = await measureCards({ articles, rounds });
    } catch (error) {
      skip(`cards: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ---- 7. the dev loop ------------------------------------------------------------------------
  {
    const sizes = quick ? [1, 100] : [1, 100, 1000];
    const rounds = quick || values.lean ? 2 : 5;
    log(`[+] Dev loop: an annotation edited → the page shows it, through npm run dev, ${rounds} rounds at ${sizes.join(", ")} articles`);
    try {
      results.devLoop = await devLoop({ code: snap, tmp, sizes, rounds });
    } catch (error) {
      skip(`dev loop: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ---- 8. the cost of a change ----------------------------------------------------------------
  {
    const sizes = quick ? [100] : [1000, 10_000];
    const rounds = quick ? 1 : values.lean ? 2 : 3;
    if (!existsSync(gnuTime)) skip(`the cost of a change: ${gnuTime} (GNU time) not found, needed for the peak RSS (Debian/Ubuntu: apt-get install time)`);
    else {
      log(`[+] The cost of a change: cold build, one note changed (${rounds}×), edit → page in dev (${rounds}×), at ${sizes.join(", ")} articles`);
      try {
        results.changeCost = await changeCost({ code: snap, tmp, sizes, rounds, devRounds: rounds });
      } catch (error) {
        skip(`the cost of a change: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
} finally {
  await stopAll();
  if (values.keep) log(`Kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

// ---- the conformance suite's load run ------------------------------------------------------
// Its wrangler dev server builds the repo's dist/, which this run never touches, so the figures
// are taken from the file `npm run test:conformance` wrote, with its date, as they are.
const loadFile = join(repo, "test-results/load.json");
if (existsSync(loadFile)) {
  const l = JSON.parse(readFileSync(loadFile, "utf8")) as Omit<ConformanceLoad, "source">;
  results.load = { source: "test-results/load.json", date: l.date, target: l.target, durationSeconds: l.durationSeconds, connections: l.connections, threads: l.threads, routes: l.routes, requests: l.requests, requestsPerSecond: l.requestsPerSecond, latencyMs: l.latencyMs, socketErrors: l.socketErrors, non2xxOr3xx: l.non2xxOr3xx, warmup: l.warmup, memoryKiB: l.memoryKiB };
} else skip("load against wrangler dev: no test-results/load.json (npm run test:conformance writes it)");

// ---- report ---------------------------------------------------------------------------------
machine.loadEnd = loadavg();
results.minutes = (performance.now() - started) / 60_000;
// A quick run writes beside the system's temporary files, so it never replaces the real figures.
const outDir = quick ? join(tmpdir(), "folio-bench-quick") : join(repo, "bench");
mkdirSync(outDir, { recursive: true });
const jsonFile = join(outDir, "results.json");
const chartFile = join(outDir, "scale.svg");
const out = quick && values.out === join(repo, "BENCHMARKS.md") ? join(outDir, "BENCHMARKS.md") : values.out;
writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(chartFile, scaleChart(`Folio at scale (${results.date.slice(0, 10)}, median with min–max)`, scalePanels(results)));
writeFileSync(out, renderReport(results, chartFile, out));
log(`Wrote ${out}, ${chartFile} and ${jsonFile} in ${results.minutes.toFixed(1)} min`);

/** The routes measured against their baselines, in the order of the report. */
function measuredRoutes(article: string): { name: string; path: string }[] {
  return [
    { name: "/ (index page)", path: "/" },
    { name: "article page", path: article },
    { name: "article JSON", path: `${article}.json` },
    { name: "feed.xml (RSS)", path: "/feed.xml" },
    { name: "atom.xml", path: "/atom.xml" },
    { name: "feed.json", path: "/feed.json" },
    { name: "opds.xml", path: "/opds.xml" },
    { name: "EPUB", path: `${article}.epub` },
  ];
}
