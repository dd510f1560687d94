/**
 * The cost of a change (issue 16), per corpus size, in a throwaway project (project.ts) over a
 * generated corpus (corpus.ts) in its content/:
 *   cold      `node scripts/build.ts` with no cache (.cache/folio emptied) and no previous
 *             output: its time, and its peak RSS as GNU time's %M (the maximum resident set of
 *             the build process; its worker threads are in that process)
 *   one note  the same build after one note's body of the newest article changed (warm cache,
 *             previous output in place), `rounds` times, a different edit each time
 *   dev       edit → page through `npm run dev` (dev-loop.ts `devRounds`) in the same project,
 *             started on the port the builds above were made for (`--site-url`), so its first
 *             build finds everything in the cache
 *
 * Standalone: node scripts/bench/incremental.ts [--sizes 1000,10000] [--rounds 3] [--dev-rounds 3]
 *   [--no-dev] [--results bench/results.json] [--report BENCHMARKS.md] [--keep]
 * merges its rows into the results file (replacing rows of the same size; the rest of the file is
 * kept as it was) and regenerates the report from it. `npm run bench` runs it too (run.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../../src/dev/free-port.ts";
import { generateCorpus } from "./corpus.ts";
import { devRounds } from "./dev-loop.ts";
import { emptyCache, fingerprint, makeProject, snapshot, type Project } from "./project.ts";
import type { ChangeCostRow, Results } from "./results.ts";
import { log, node22, repo, run, spread } from "./util.ts";

export const gnuTime = "/usr/bin/time";

export interface ChangeCostOptions {
  /** The code to measure (a snapshot folder, project.ts). */
  code: string;
  tmp: string;
  sizes: number[];
  rounds: number;
  /** Rounds of the dev loop; 0 leaves it out. */
  devRounds: number;
  keep?: boolean;
}

export interface TimedBuild {
  ms: number;
  /** GNU time's maximum resident set size of the build process, KiB. */
  rssKiB: number;
}

/** One build of the project's content/ under GNU time, for `siteUrl`. */
export async function timedBuild(project: Project, siteUrl: string, echo?: (line: string) => void): Promise<TimedBuild> {
  const out = join(project.dir, "build-time.txt");
  rmSync(out, { force: true });
  const args = ["-f", "%M", "-o", out, node22(), join(project.dir, "scripts/build.ts"), "--content", join(project.dir, "content"), "--out", project.dist, "--site-url", siteUrl];
  const r = await run(gnuTime, args, { cwd: project.dir, timeoutMs: 3_600_000, ...(echo ? { onStderrLine: echo } : {}) });
  if (r.status !== 0) throw new Error(`the build failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  // GNU time writes "Command exited with non-zero status" first on failure; the figure is the last line.
  const rssKiB = Number(readFileSync(out, "utf8").trim().split("\n").at(-1));
  if (!Number.isFinite(rssKiB) || rssKiB <= 0) throw new Error(`${gnuTime} wrote no maximum resident set size to ${out}`);
  return { ms: r.ms, rssKiB };
}

/** No cache and no previous output: what a fresh clone builds from. */
function makeCold(project: Project): void {
  emptyCache(project);
  for (const name of readdirSync(project.dir)) if (name === "dist" || name.startsWith("dist.")) rmSync(join(project.dir, name), { recursive: true, force: true });
}

/** A new word at the start of the first note's body of `file`; returns the text before the edit. */
export function editNote(file: string, word: string): string {
  const text = readFileSync(file, "utf8");
  const edited = text.replace(/^(  body: ")/m, `$1${word} `);
  if (edited === text) throw new Error(`${file} has no note body to edit`);
  writeFileSync(file, edited);
  return text;
}

export async function changeCost(options: ChangeCostOptions): Promise<ChangeCostRow[]> {
  const rows: ChangeCostRow[] = [];
  const code = fingerprint(options.code);
  for (const n of options.sizes) {
    const project = makeProject(join(options.tmp, `change-${n}`), options.code);
    try {
      generateCorpus({ dir: join(project.dir, "content"), articles: n, seed: 1 });
      const slug = readdirSync(join(project.dir, "content/articles")).find((s) => /-1$/.test(s)) ?? readdirSync(join(project.dir, "content/articles"))[0]!;
      const annotations = join(project.dir, "content/articles", slug, "annotations.yaml");
      const port = await freePort();
      const siteUrl = `http://127.0.0.1:${port}`; // what the dev server will build for
      const echo = n >= 1000 ? (line: string) => log(`    ${line}`) : undefined;

      makeCold(project);
      const cold = await timedBuild(project, siteUrl, echo);
      log(`  ${n} articles: cold build ${(cold.ms / 1000).toFixed(1)} s, peak RSS ${(cold.rssKiB / 1024).toFixed(0)} MiB`);

      const times: number[] = [];
      const rss: number[] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const before = editNote(annotations, `onenote${Date.now().toString(36)}r${round}`);
        const b = await timedBuild(project, siteUrl);
        times.push(b.ms);
        rss.push(b.rssKiB);
        log(`  ${n} articles: one note changed, build ${(b.ms / 1000).toFixed(2)} s, peak RSS ${(b.rssKiB / 1024).toFixed(0)} MiB (round ${round}/${options.rounds})`);
        writeFileSync(annotations, before);
      }
      // The output as the content now is, so the dev server's first build has nothing to make.
      await timedBuild(project, siteUrl);

      const row: ChangeCostRow = { articles: n, date: new Date().toISOString(), codeFingerprint: code, coldMs: spread([cold.ms]), coldRssKiB: spread([cold.rssKiB]), oneNoteMs: spread(times), oneNoteRssKiB: spread(rss) };
      if (options.devRounds > 0) row.dev = await devRounds(project.dir, n, options.devRounds, 120_000 + n * 600, port);
      rows.push(row);
    } finally {
      if (!options.keep) rmSync(project.dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The rows merged into `results` (a row of the same size replaced). */
export function mergeChangeCost(results: Results, rows: ChangeCostRow[]): Results {
  const sizes = new Set(rows.map((r) => r.articles));
  const merged = [...(results.changeCost ?? []).filter((r) => !sizes.has(r.articles)), ...rows].sort((a, b) => a.articles - b.articles);
  return { ...results, changeCost: merged };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "1000,10000" },
      rounds: { type: "string", default: "3" },
      "dev-rounds": { type: "string", default: "3" },
      "no-dev": { type: "boolean", default: false },
      results: { type: "string", default: join(repo, "bench/results.json") },
      report: { type: "string", default: join(repo, "BENCHMARKS.md") },
      keep: { type: "boolean", default: false },
    },
  });
  if (!existsSync(gnuTime)) {
    console.error(`${gnuTime} (GNU time) is needed for the peak RSS: apt-get install time`);
    process.exit(2);
  }
  const tmp = mkdtempSync(join(tmpdir(), "folio-bench-change-"));
  let rows: ChangeCostRow[];
  try {
    const code = snapshot(join(tmp, "snapshot"));
    rows = await changeCost({ code, tmp, sizes: values.sizes.split(",").map((s) => Number(s.trim())), rounds: Number(values.rounds), devRounds: values["no-dev"] ? 0 : Number(values["dev-rounds"]), keep: values.keep });
  } finally {
    if (values.keep) log(`Kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  console.log(JSON.stringify(rows, null, 2));
  if (existsSync(values.results)) {
    const { renderReport } = await import("./report.ts");
    const merged = mergeChangeCost(JSON.parse(readFileSync(values.results, "utf8")) as Results, rows);
    writeFileSync(values.results, `${JSON.stringify(merged, null, 2)}\n`);
    mkdirSync(dirname(values.report), { recursive: true });
    writeFileSync(values.report, renderReport(merged, join(dirname(values.results), "scale.svg"), values.report));
    log(`Merged into ${values.results} and wrote ${values.report}`);
  } else log(`No ${basename(values.results)} at ${values.results} to merge into (npm run bench writes one): the rows are above`);
}
