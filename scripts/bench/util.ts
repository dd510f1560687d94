/** Small helpers shared by the benchmark modules: statistics, processes, tools, formatting. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

/** Median with its spread over repeated runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function spread(values: number[]): Spread {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v[v.length - 1]!, n: v.length };
}

/** "1.23 (1.10–1.40)" with `digits` decimals, or "–" when there is no figure. */
export function fmt(s: Spread | undefined, digits = 2, unit = ""): string {
  if (!s || s.n === 0) return "–";
  const f = (x: number) => x.toFixed(digits);
  return s.n === 1 || s.min === s.max ? `${f(s.median)}${unit}` : `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}

export const kib = (bytes: number) => bytes / 1024;
export const mib = (bytes: number) => bytes / 1024 / 1024;

/** Node 22 (the node@22 devDependency) for child scripts, whatever node started us. */
export function node22(): string {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  return `${repo}/node_modules/.bin/node`;
}

/** The path of a command on PATH, or undefined. */
export function which(command: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

export function workerdBinary(): string | undefined {
  const local = `${repo}/node_modules/workerd/bin/workerd`;
  return existsSync(local) ? local : which("workerd");
}

/** First line of `command --version`-like output. */
export function versionOf(command: string, args: string[] = ["--version"]): string {
  const r = spawnSync(command, args, { encoding: "utf8" });
  return `${r.stdout}${r.stderr}`.split("\n").find((l) => l.trim())?.trim() ?? "unknown";
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a command to completion (never longer than `timeoutMs`) and times it. `onStderrLine`
 * sees stderr line by line as it arrives (e.g. the build's progress lines).
 */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onStderrLine?: (line: string) => void } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: options.cwd ?? repo, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      if (!options.onStderrLine) return;
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines) options.onStderrLine(line);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: performance.now() - started });
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A line on stderr, so stdout stays clean for piping. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Files under `dir` (recursively), their total bytes and the largest one's. */
export function assetStats(dir: string): { assetFiles: number; assetBytes: number; largestAssetBytes: number } {
  let assetFiles = 0;
  let assetBytes = 0;
  let largestAssetBytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.isFile()) {
        const size = statSync(join(d, e.name)).size;
        assetFiles++;
        assetBytes += size;
        largestAssetBytes = Math.max(largestAssetBytes, size);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return { assetFiles, assetBytes, largestAssetBytes };
}
