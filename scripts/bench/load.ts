/**
 * The load client: Debian's wrk on loopback, bounded in time (`-d`), with a Lua `done` hook
 * that prints the summary as one JSON line (requests, duration, latency percentiles, errors).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./util.ts";

export interface LoadOptions {
  threads: number;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors plus answers with a status of 400 or more. */
  errors: number;
}

const reportLua = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK-JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
`;

let script: string | undefined;

export async function wrk(wrkBinary: string, url: string, options: LoadOptions, scratchDir: string): Promise<LoadResult> {
  if (!script) {
    script = join(scratchDir, "report.lua");
    writeFileSync(script, reportLua);
  }
  const args = ["-t", String(options.threads), "-c", String(options.connections), "-d", `${Math.max(1, Math.round(options.seconds))}s`, "--timeout", "5s", "-s", script];
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push("-H", `${k}: ${v}`);
  args.push(url);
  const r = await run(wrkBinary, args, { timeoutMs: (options.seconds + 20) * 1000 });
  const line = /WRK-JSON (\{.*\})/.exec(r.stdout)?.[1];
  if (r.status !== 0 || !line) throw new Error(`wrk failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  const j = JSON.parse(line) as { requests: number; duration_us: number; p50_us: number; p99_us: number; errors: number };
  return { rps: j.requests / (j.duration_us / 1e6), p50Ms: j.p50_us / 1000, p99Ms: j.p99_us / 1000, requests: j.requests, errors: j.errors };
}
