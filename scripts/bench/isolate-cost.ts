/**
 * Cost per request inside the isolate: runs `vitest bench` (bench/worker.bench.ts) on one built
 * project and collects its `FOLIO-BENCH` lines.
 */
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { node22, repo, run, spread, type Spread } from "./util.ts";

export interface IsolateRoute {
  name: string;
  path: string;
  conditional?: boolean;
}

export interface IsolateSettings {
  ms: number;
  batch: number;
  runs: number;
}

export interface IsolateCost {
  /** µs per request, median (min–max) over runs, by route name. */
  perRequest: Map<string, Spread>;
  /** The same for the same response made from constant bytes inside the isolate. */
  constant: Map<string, Spread>;
  /** Folio / constant cost, per run, median (min–max). */
  ratio: Map<string, Spread>;
  /** The first request of each route (render and hash, once per isolate), ms. */
  firstMs: Map<string, number>;
  /** Status of a checked request, by route (200, or 304 for the conditional one). */
  status: Map<string, number>;
  /** Body bytes of that answer. */
  bytes: Map<string, number>;
  /** The per-run figures themselves (µs), to merge passes. */
  runs: { folio: Map<string, number[]>; constant: Map<string, number[]> };
}

export async function isolateCost(projectDir: string, routes: IsolateRoute[], settings: IsolateSettings): Promise<IsolateCost> {
  const vitest = join(repo, "node_modules/vitest/vitest.mjs");
  // JSON the worker bundles that is too big for the module runner's WebSocket (16 MiB a
  // message) is handed over through the ASSETS binding instead (see vitest.bench.config.ts).
  const copy = join(projectDir, "dist/assets/__folio-bench");
  // Only the JSON the worker imports (src/worker/data.ts), never model.json and the other build records.
  const bundled = new Set([...readFileSync(join(projectDir, "src/worker/data.ts"), "utf8").matchAll(/dist\/([\w.-]+\.json)/g)].map((m) => m[1]!));
  const big = readdirSync(join(projectDir, "dist")).filter((f) => bundled.has(f) && statSync(join(projectDir, "dist", f)).size > 8 * 2 ** 20);
  for (const f of big) cpSync(join(projectDir, "dist", f), join(copy, f));
  // The test pool evaluates the config's `main` before any bench runs, when that JSON is not
  // there yet: the bench's wrangler config gets a placeholder main and the same assets.
  writeFileSync(join(projectDir, "bench-main.js"), "export default { fetch() { return new Response(null, { status: 404 }); } };\n");
  writeFileSync(join(projectDir, "wrangler.bench.toml"), readFileSync(join(projectDir, "wrangler.toml"), "utf8").replace(/^main\s*=.*$/m, 'main = "bench-main.js"'));
  const r = await run(node22(), [vitest, "bench", "--run", "--config", "scripts/bench/vitest.bench.config.ts", "--root", repo], {
    env: {
      ...process.env,
      FORCE_COLOR: "0",
      NO_COLOR: "1",
      FOLIO_BENCH_PROJECT: projectDir,
      FOLIO_BENCH_BIG_JSON: JSON.stringify(big),
      FOLIO_BENCH_ROUTES: JSON.stringify(routes),
      FOLIO_BENCH_SETTINGS: JSON.stringify(settings),
    },
    timeoutMs: 900_000,
  }).finally(() => rmSync(copy, { recursive: true, force: true }));
  const lines = [...`${r.stdout}\n${r.stderr}`.matchAll(/FOLIO-BENCH (\{.*\})/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
  if (r.status !== 0 || lines.length === 0) throw new Error(`vitest bench failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  const perRun = new Map<string, number[]>();
  const constRun = new Map<string, number[]>();
  const firstMs = new Map<string, number>();
  const status = new Map<string, number>();
  const bytes = new Map<string, number>();
  for (const l of lines) {
    const route = String(l.route);
    if (l.kind === "first") {
      firstMs.set(route, Number(l.firstMs));
      status.set(route, Number(l.status));
      bytes.set(route, Number(l.bytes));
    } else {
      const into = l.kind === "constant" ? constRun : perRun;
      into.set(route, [...(into.get(route) ?? []), Number(l.usPerRequest)]);
    }
  }
  const ratio = new Map([...perRun].map(([k, v]) => [k, spread(v.map((x, i) => x / (constRun.get(k)?.[i] ?? Number.NaN)))]));
  const of = (m: Map<string, number[]>) => new Map([...m].map(([k, v]) => [k, spread(v)]));
  return { perRequest: of(perRun), constant: of(constRun), ratio, firstMs, status, bytes, runs: { folio: perRun, constant: constRun } };
}
