/**
 * `wrangler dev` for the checks: offline (scripts/wrangler.ts), on 127.0.0.1 and a free port,
 * in its own process group so that stopping it stops workerd too. Waiting is bounded.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { repoRoot } from "./check.ts";

export interface Server {
  origin: string;
  pid: number;
  /** What wrangler printed (for a failure message). */
  output: () => string;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** `config`: another wrangler configuration than the project's (the load check's constant worker). */
export async function startServer(timeoutMs = 90_000, options: { config?: string } = {}): Promise<Server> {
  const port = await freePort();
  const inspector = await freePort();
  const args = ["scripts/wrangler.ts", "dev", ...(options.config ? ["--config", options.config] : []), "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(inspector), "--show-interactive-dev-session=false", "--live-reload=false", 
    // wrangler's per-request log line costs a round trip to Node per request (a quarter of the throughput under load).
    "--log-level", process.env["FOLIO_WRANGLER_LOG_LEVEL"] ?? "warn"];
  const child = spawn(process.execPath, args, { cwd: repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-64 * 1024)); // the tail is enough for a message
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));
  const origin = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, s); // the process group this runner created: wrangler and its workerd
      } catch {
        // already gone
      }
    };
    signal("SIGTERM");
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 5000));
    await Promise.race([exit, timer]);
    signal("SIGKILL");
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited before answering:\n${output.trim()}`);
    try {
      const res = await fetch(`${origin}/robots.txt`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return { origin, pid: child.pid!, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${origin} within ${timeoutMs / 1000} s:\n${output.trim()}`);
}
