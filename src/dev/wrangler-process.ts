/**
 * `wrangler dev` as the dev server's backend, offline (scripts/wrangler-env.ts), on a free
 * loopback port, with its inspector on another. It runs the dev entry (src/worker/dev.ts),
 * which bundles no build output and reads it from the dev server (`vars.FOLIO_DEV_DATA`), over
 * an asset folder nothing writes to: so a build changes nothing wrangler watches, and the
 * worker is neither re-bundled nor restarted. Wrangler still re-bundles on an edit to code the
 * worker imports (src/worker/, src/render/, …) and says so on its output; `reloadStarted()`
 * and `settled()` wait for that.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { wranglerEnv } from "../../scripts/wrangler-env.ts";
import { freePort } from "./free-port.ts";

export interface WranglerOptions {
  root: string;
  /** The worker's entry, relative to root (wrangler.toml's `main` when not given). */
  entry?: string;
  /** The asset folder instead of wrangler.toml's. */
  assets?: string;
  /** Variables for the worker (`--var NAME:value`). */
  vars?: Record<string, string>;
  /** Lines worth showing the editor (wrangler's own request log is left out). */
  log: (line: string) => void;
}

export interface Wrangler {
  readonly origin: string;
  /** Resolves true once wrangler has begun a reload after `since` (ms, performance.now()); false if it did not within `timeoutMs`. */
  reloadStarted(since: number, timeoutMs: number): Promise<boolean>;
  /** How many times wrangler has reloaded since it started (a reload restarts the worker). */
  readonly reloads: number;
  /** Resolves once wrangler has reloaded after `since` (ms, performance.now()) and gone quiet; false if it did not within `timeoutMs`. */
  settled(since: number, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

// wrangler prints "Ready on http://…" once, then "Reloading local server..." and
// "Local server updated and ready" for each change it picks up.
const readyLine = /Ready on https?:\/\/|Local server updated and ready/;
const reloadingLine = /Reloading local server/;
/** A build can make wrangler reload twice (the bundle, then the assets): wait this long for a second. */
const quietMs = 150;

export async function startWrangler(options: WranglerOptions, startTimeoutMs = 60_000): Promise<Wrangler> {
  const port = await freePort();
  const inspector = await freePort();
  const bin = join(options.root, "node_modules", "wrangler", "bin", "wrangler.js");
  const extra = [
    ...(options.entry ? [options.entry] : []),
    ...(options.assets ? ["--assets", options.assets] : []),
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const child: ChildProcess = spawn(process.execPath, [bin, "dev", ...extra, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"], {
    cwd: options.root,
    env: { ...wranglerEnv(), FORCE_COLOR: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });

  let lastReady = -Infinity;
  let lastReloading = -Infinity;
  let reloads = 0;
  let reloading = false;
  let exited = false;
  const listeners = new Set<() => void>();
  const onLine = (line: string) => {
    const text = line.replace(/\x1b\[[0-9;]*m/g, "").trimEnd();
    if (!text) return;
    if (readyLine.test(text)) {
      lastReady = performance.now();
      reloading = false;
    } else if (reloadingLine.test(text)) {
      reloading = true;
      lastReloading = performance.now();
      reloads++;
    }
    if (!/^\[wrangler:info\] (GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH) /.test(text)) options.log(`wrangler: ${text}`);
    for (const l of listeners) l();
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop()!;
      lines.forEach(onLine);
    });
  }
  child.on("exit", (code) => {
    exited = true;
    options.log(`wrangler: stopped (exit code ${code})`);
    for (const l of listeners) l();
  });

  const waitFor = (test: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (test()) finish(true);
        else if (exited) finish(false);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const finish = (value: boolean) => {
        clearTimeout(timer);
        listeners.delete(check);
        resolve(value);
      };
      listeners.add(check);
      check();
    });

  if (!(await waitFor(() => lastReady > -Infinity, startTimeoutMs))) {
    child.kill("SIGTERM");
    throw new Error(exited ? "wrangler dev stopped before it was ready (its output is above)" : `wrangler dev was not ready within ${startTimeoutMs / 1000} s`);
  }

  return {
    origin: `http://127.0.0.1:${port}`,
    get reloads() {
      return reloads;
    },
    reloadStarted(since, timeoutMs) {
      return waitFor(() => lastReloading > since || lastReady > since, timeoutMs);
    },
    async settled(since, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      if (!(await waitFor(() => lastReady > since && !reloading, timeoutMs))) return false;
      // Quiet for a moment: a second reload may follow the first.
      for (;;) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        const wait = lastReady + quietMs - performance.now();
        if (wait <= 0 && !reloading) return true;
        await new Promise((r) => setTimeout(r, Math.max(10, Math.min(wait, left))));
      }
    },
    stop() {
      if (exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}
