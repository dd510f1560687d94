/**
 * Cost per request inside the isolate: the worker's `fetch` called directly, for each route,
 * inside workerd (the @cloudflare/vitest-plugin pool). Run by scripts/bench/isolate-cost.ts
 * through scripts/bench/vitest.bench.config.ts, which aliases `folio-bench:worker` to a built
 * project's src/worker/index.ts, provides the routes and settings, and has JSON too big for
 * the module runner handed over at run time (see there why).
 *
 * workerd's clock here ticks in whole milliseconds, so each benchmark sample is a batch of
 * requests and the figure is the mean per request. Beside each route, a handler answering the
 * same response from constant bytes and headers (`new Response(bytes, init)`) is benchmarked
 * the same way, Request and body reading included. Each route is benchmarked `runs` times,
 * routes alternating, so a burst of other load on the machine hits every route alike.
 * Results are printed as `FOLIO-BENCH {json}` lines.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { inject, test } from "vitest";

interface BenchRoute {
  name: string;
  path: string;
  /** Send If-None-Match with the route's own ETag (answered 304). */
  conditional?: boolean;
}
interface BenchSettings {
  ms: number;
  batch: number;
  runs: number;
}

type App = { fetch: (request: Request, env: unknown, ctx: ExecutionContext) => Promise<Response> };
let app: App;
const routes = (inject as (key: string) => unknown)("folioBenchRoutes") as BenchRoute[];
const settings = (inject as (key: string) => unknown)("folioBenchSettings") as BenchSettings;

/** A fetch handler that answers with a precomputed response (async, as the worker's is). */
async function constantFetch(_request: Request, _ctx: ExecutionContext, constant: { body: Uint8Array | null; init: ResponseInit }): Promise<Response> {
  return new Response(constant.body, constant.init);
}

const call = (path: string, headers: Record<string, string>) => app.fetch(new Request(`https://folio.example.com${path}`, { headers }), env, createExecutionContext());

test("per-request cost of the worker's fetch, by route", { timeout: 900_000 }, async ({ bench }) => {
  // JSON too big for the module runner, from the copies isolate-cost.ts put among the assets.
  const json: Record<string, unknown> = {};
  for (const name of (inject as (key: string) => unknown)("folioBenchBigJson") as string[]) {
    const res = await env.ASSETS.fetch(`https://assets.invalid/__folio-bench/${name}`);
    if (!res.ok) throw new Error(`the copy of ${name} is missing from the assets (${res.status})`);
    json[name] = await res.json();
  }
  (globalThis as { __folioBenchJson?: unknown }).__folioBenchJson = json;
  const workerModule = "folio-bench:worker"; // an alias set by the bench config
  app = ((await import(/* @vite-ignore */ workerModule)) as { default: App }).default;
  const headersOf = new Map<string, Record<string, string>>();
  // The same answer as a constant: what the runtime costs for this response and nothing else.
  const constants = new Map<string, { body: Uint8Array | null; init: ResponseInit }>();
  for (const r of routes) {
    // The first request renders and hashes the resource (once per isolate): timed on its own.
    const started = performance.now();
    const first = await call(r.path, {});
    await first.arrayBuffer();
    const firstMs = performance.now() - started;
    const etag = first.headers.get("ETag");
    const headers: Record<string, string> = r.conditional && etag ? { "If-None-Match": etag } : {};
    const check = await call(r.path, headers);
    const body = new Uint8Array(await check.arrayBuffer());
    headersOf.set(r.name, headers);
    // A copy in an ordinary ArrayBuffer, as the worker's own prepared bodies are.
    constants.set(r.name, { body: check.status === 304 ? null : body.slice(), init: { status: check.status, headers: [...check.headers] } });
    console.log(`FOLIO-BENCH ${JSON.stringify({ kind: "first", route: r.name, firstMs, status: check.status, bytes: body.byteLength })}`);
  }
  for (let run = 0; run < settings.runs; run++) {
    for (const r of run % 2 ? [...routes].reverse() : routes) {
      const headers = headersOf.get(r.name)!;
      const constant = constants.get(r.name)!;
      const folio = bench(`${r.name} #${run + 1}`, async () => {
        for (let i = 0; i < settings.batch; i++) {
          const res = await call(r.path, headers);
          await res.arrayBuffer();
        }
      });
      // The same harness around a constant answer: the Request and context are made and the
      // body read alike, so the ratio isolates the worker's own work.
      const baseline = bench(`${r.name} constant #${run + 1}`, async () => {
        for (let i = 0; i < settings.batch; i++) {
          const res = await constantFetch(new Request(`https://folio.example.com${r.path}`, { headers }), createExecutionContext(), constant);
          await res.arrayBuffer();
        }
      });
      // Folio then the constant on odd runs, the other way round on even ones.
      for (const [which, b] of run % 2 ? ([["constant", baseline], ["folio", folio]] as const) : ([["folio", folio], ["constant", baseline]] as const)) {
        const result = await b.run({ time: settings.ms, warmupTime: 50 });
        const usPerRequest = (result.latency.mean * 1000) / settings.batch;
        console.log(`FOLIO-BENCH ${JSON.stringify({ kind: which, route: r.name, run, usPerRequest, rme: result.latency.rme, samples: result.latency.samplesCount })}`);
      }
    }
  }
});
