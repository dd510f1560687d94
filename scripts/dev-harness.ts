/**
 * The dev server as a program drives it: started in a project folder on a free loopback port
 * (in a process group of its own, so stopping it stops its wrangler too, and nothing else), its
 * output waited on, and its event stream listened to. Used by the dev-server tests and by the
 * dev-loop benchmark. Every wait is bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { get, type IncomingMessage } from "node:http";
import { freePort } from "../src/dev/free-port.ts";

export interface RunningDev {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves when the output has `text` after position `from`; rejects after timeoutMs. */
  waitForOutput(pattern: RegExp, from: number, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

/** `node scripts/dev.ts --port <port, or a free one>` in `dir`; `node` is the binary to run it with. */
export async function startDev(dir: string, startTimeoutMs = 120_000, node = process.execPath, wanted?: number): Promise<RunningDev> {
  const port = wanted ?? (await freePort());
  // Its own process group, so that stopping it stops its wrangler too, and nothing else.
  const child = spawn(node, ["scripts/dev.ts", "--port", String(port)], { cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const waiters = new Set<() => void>();
  for (const s of [child.stdout!, child.stderr!]) {
    s.setEncoding("utf8");
    s.on("data", (chunk: string) => {
      out += chunk;
      for (const w of waiters) w();
    });
  }
  child.on("exit", () => {
    for (const w of waiters) w();
  });
  const waitForOutput = (pattern: RegExp, from: number, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out.slice(from));
        if (m) finish(() => resolve(m[0]));
        else if (child.exitCode !== null) finish(() => reject(new Error(`the dev server exited (${child.exitCode}) before printing ${pattern}:\n${out}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out.slice(from)}`))), timeoutMs);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        then();
      };
      waiters.add(check);
      check();
    });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    process.kill(-child.pid!, "SIGTERM");
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForOutput(/Folio dev server on http:\/\/127\.0\.0\.1:\d+/, 0, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, child, output: () => out, waitForOutput, stop };
}

/** Listens to the dev server's event stream; `next("reload", ms)` waits for the next such event. */
export async function listen(url: string): Promise<{ next(event: string, timeoutMs: number): Promise<void>; close(): void }> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = get(`${url}/__folio/events`, { headers: { accept: "text/event-stream" } }, resolve);
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("no answer from the event stream within 10 s")));
  });
  res.socket.setTimeout(0); // the bound was on the answer: the stream itself may be quiet for long (a slow rebuild)
  res.setEncoding("utf8");
  let buffer = "";
  const seen: string[] = [];
  const waiters = new Set<() => void>();
  res.on("data", (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.+)$/m.exec(block)?.[1];
      if (name) seen.push(name);
    }
    for (const w of waiters) w();
  });
  return {
    next(event, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          const i = seen.indexOf(event);
          if (i !== -1) {
            seen.splice(0, i + 1);
            finish();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no "${event}" event within ${timeoutMs} ms`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      res.destroy();
    },
  };
}
