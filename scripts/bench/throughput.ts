/**
 * Throughput per route against the limit: for each route, Folio and the baseline are loaded
 * one after the other with the same wrk settings, `reps` times, the order swapped each
 * repetition (F B, B F, F B …) so drift in the machine's other load falls on both alike.
 * The ratio is taken within each pair, then summarised as median (min–max).
 */
import type { Route } from "./baseline.ts";
import { wrk, type LoadOptions, type LoadResult } from "./load.ts";
import { log, spread, type Spread } from "./util.ts";

export interface Target {
  name: string;
  url: string;
}

export interface RouteThroughput {
  route: Route;
  /** By target name: req/s, p50 and p99 (ms), median (min–max) over repetitions. */
  byTarget: Map<string, { rps: Spread; p50: Spread; p99: Spread; errors: number }>;
  /** Folio / each other target, req/s, within each repetition's pair. */
  ratio: Map<string, Spread>;
}

export interface ThroughputSettings extends Omit<LoadOptions, "headers"> {
  reps: number;
  warmupSeconds: number;
}

/** `targets[0]` is Folio; each route's ratio is against every other target. */
export async function throughput(wrkBin: string, routes: { route: Route; targets: Target[] }[], s: ThroughputSettings, scratch: string): Promise<RouteThroughput[]> {
  const out: RouteThroughput[] = [];
  for (const { route, targets } of routes) {
    const opts = (seconds: number): LoadOptions => ({ threads: s.threads, connections: s.connections, seconds, ...(route.headers ? { headers: route.headers } : {}) });
    for (const t of targets) await wrk(wrkBin, t.url + route.path, opts(s.warmupSeconds), scratch);
    const results = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    for (let rep = 0; rep < s.reps; rep++) {
      const order = rep % 2 ? [...targets].reverse() : targets;
      for (const t of order) results.get(t.name)!.push(await wrk(wrkBin, t.url + route.path, opts(s.seconds), scratch));
    }
    const folio = results.get(targets[0]!.name)!;
    const byTarget = new Map(
      [...results].map(([name, rs]) => [name, { rps: spread(rs.map((r) => r.rps)), p50: spread(rs.map((r) => r.p50Ms)), p99: spread(rs.map((r) => r.p99Ms)), errors: rs.reduce((n, r) => n + r.errors, 0) }]),
    );
    const ratio = new Map(targets.slice(1).map((t) => [t.name, spread(folio.map((f, i) => f.rps / results.get(t.name)![i]!.rps))]));
    const summary = [...ratio].map(([n, r]) => `${n} ${r.median.toFixed(2)}`).join(", ");
    log(`  ${route.name}${route.headers ? " (If-None-Match)" : ""}: Folio ${byTarget.get(targets[0]!.name)!.rps.median.toFixed(0)} req/s; ratio to ${summary}`);
    out.push({ route, byTarget, ratio });
  }
  return out;
}
