/**
 * The dev loop (issue 11): an edit to one annotation saved → the dev server's "reload" event →
 * the page, fetched again, shows the edit; at each corpus size, in a throwaway project (its own
 * node_modules/.cache, content and dist) running `node scripts/dev.ts` on a free port.
 *
 * Each round saves a new word into one note's body of the newest article (whose page the
 * worker bundles in full), then times, from the save:
 *   total    until a GET of the page holds the word
 *   build    the dev server's own figure ("built N articles in X ms")
 *   bundle   a re-bundle or restart of the worker by wrangler, if one happened ("wrangler re-bundled
 *            the worker in X ms"; none for a content edit since the worker reads the build from
 *            the dev server, src/worker/dev.ts), and how many reloads wrangler reported
 *   reload   the rest: the watcher's gathering of saves, the event to the page, and the page's
 *            request through the dev server and wrangler (the worker reading the new build)
 * Every wait is bounded; the dev server runs in its own process group and is stopped with it.
 *
 * Standalone: node scripts/bench/dev-loop.ts [--sizes 1,100] [--rounds 3]
 * (FOLIO_DEV_LOOP_LOG=1 also prints what the dev server said in each round.)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { listen, startDev } from "../dev-harness.ts";
import { generateCorpus } from "./corpus.ts";
import { makeProject, snapshot } from "./project.ts";
import type { DevLoopRow } from "./results.ts";
import { log, node22, spread } from "./util.ts";

export interface DevLoopOptions {
  /** The code to measure (a snapshot folder: src/, scripts/, config files). */
  code: string;
  /** Where the projects and corpora go. */
  tmp: string;
  sizes: number[];
  rounds: number;
}

export async function devLoop(options: DevLoopOptions): Promise<DevLoopRow[]> {
  const rows: DevLoopRow[] = [];
  for (const n of options.sizes) rows.push(await measure(n, options));
  return rows;
}

async function measure(n: number, options: DevLoopOptions): Promise<DevLoopRow> {
  const project = makeProject(join(options.tmp, `dev-loop-${n}`), options.code);
  generateCorpus({ dir: join(project.dir, "content"), articles: n, seed: 1 });
  try {
    return await devRounds(project.dir, n, options.rounds, 60_000 + n * 600); // the first build is cold: about 0.1 to 0.5 s an article here
  } finally {
    rmSync(project.dir, { recursive: true, force: true });
  }
}

/**
 * `rounds` edits of one note of the newest article, saved in a project whose content/ holds `n`
 * articles, each timed through `node scripts/dev.ts` to the page showing it. `port`: the dev
 * server's port (a project built before with `--site-url http://127.0.0.1:<port>` then starts
 * with a warm build); a free one when not given.
 */
export async function devRounds(dir: string, n: number, rounds: number, startTimeoutMs: number, port?: number): Promise<DevLoopRow> {
  const slug = readdirSync(join(dir, "content/articles")).find((s) => /-1$/.test(s)) ?? readdirSync(join(dir, "content/articles"))[0]!;
  const annotations = join(dir, "content/articles", slug, "annotations.yaml");
  const dev = await startDev(dir, startTimeoutMs, node22(), port);
  const totals: number[] = [];
  const builds: number[] = [];
  const bundles: number[] = [];
  const reloads: number[] = [];
  let restarts = 0;
  try {
    await dev.waitForOutput(/Ready on http/, 0, 120_000); // wrangler is up before the dev server says it listens
    const events = await listen(dev.url);
    try {
      for (let round = 1; round <= rounds; round++) {
        const word = `devloop${Date.now().toString(36)}r${round}`;
        const from = dev.output().length;
        const text = readFileSync(annotations, "utf8");
        const edited = text.replace(/^(  body: ")/m, `$1${word} `);
        if (edited === text) throw new Error(`${annotations} has no note body to edit`);
        const saved = performance.now();
        writeFileSync(annotations, edited);
        await events.next("reload", 120_000).catch((error: Error) => {
          throw new Error(`${error.message} after the edit; the dev server said:\n${dev.output().slice(from)}`);
        });
        const missed = await pageWith(`${dev.url}/articles/${slug}`, word, 30_000);
        const total = performance.now() - saved;
        const log = dev.output().slice(from);
        const build = Number(/built \d+ articles? in (\d+) ms/.exec(log)?.[1] ?? Number.NaN);
        // A re-bundle or restart of the worker, if wrangler made one (none is expected for a content edit).
        const bundle = Number(/wrangler (?:restarted on the new output|reloaded|re-bundled the worker) in (\d+) ms/.exec(log)?.[1] ?? Number.NaN);
        restarts += (log.match(/Reloading local server/g) ?? []).length;
        if (missed) throw new Error(`the page of ${slug} did not show the edit within 30 s of the reload event (last answer ${missed}); the dev server said:\n${log}`);
        if (process.env.FOLIO_DEV_LOOP_LOG) process.stderr.write(`    round ${round}, the dev server said:\n${log.trimEnd().replace(/^/gm, "      ")}\n`);
        totals.push(total);
        builds.push(build);
        bundles.push(bundle);
        reloads.push(total - build - (Number.isFinite(bundle) ? bundle : 0));
        writeFileSync(annotations, text); // back as it was, for the next round
        const back = dev.output().length;
        await events.next("reload", 120_000).catch((error: Error) => {
          throw new Error(`${error.message} after the edit was undone; the dev server said:\n${dev.output().slice(back)}`);
        });
        restarts += (dev.output().slice(back).match(/Reloading local server/g) ?? []).length;
      }
    } finally {
      events.close();
    }
  } finally {
    await dev.stop();
  }
  const row: DevLoopRow = { articles: n, totalMs: spread(totals), buildMs: spread(builds), bundleMs: spread(bundles), reloadMs: spread(reloads), restarts };
  log(`  dev loop, ${n} article${n === 1 ? "" : "s"}: ${row.totalMs.median.toFixed(0)} ms (build ${row.buildMs!.median.toFixed(0)}, re-bundle ${row.bundleMs!.n ? row.bundleMs!.median.toFixed(0) : "none"}, the rest ${row.reloadMs!.median.toFixed(0)}; wrangler reloads ${restarts})`);
  return row;
}

/** GETs the page as a browser does until it holds `word`; undefined then, or what was last seen if it does not within timeoutMs. */
async function pageWith(url: string, word: string, timeoutMs: number): Promise<string | undefined> {
  const deadline = performance.now() + timeoutMs;
  let seen = "nothing";
  while (performance.now() < deadline) {
    try {
      const res = await fetch(url, { headers: { accept: "text/html" }, signal: AbortSignal.timeout(Math.max(1, Math.ceil(deadline - performance.now()))) });
      const body = await res.text();
      if (body.includes(word)) return undefined;
      seen = `${res.status}: ${body.slice(0, 300)}`;
    } catch (error) {
      seen = String(error); // wrangler between two lives: ask again
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return seen;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sizes: { type: "string", default: "1,100" }, rounds: { type: "string", default: "3" } } });
  const tmp = mkdtempSync(join(tmpdir(), "folio-dev-loop-"));
  try {
    const code = join(tmp, "snapshot");
    snapshot(code);
    const rows = await devLoop({ code, tmp, sizes: values.sizes.split(",").map(Number), rounds: Number(values.rounds) });
    console.log(JSON.stringify(rows, null, 2));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
