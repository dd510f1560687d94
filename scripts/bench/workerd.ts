/**
 * Serving a worker with workerd directly (no wrangler, no Miniflare in between), on 127.0.0.1.
 * The config is written beside the modules so `embed` paths stay relative:
 *   (name = "main", worker = (modules = [...], compatibilityDate, bindings = [ASSETS]))
 *   (name = "assets", disk = (path = <dist/assets>))     the ASSETS binding, served from disk
 * A disk service answers GET with the file's bytes; it stands in for Workers Static Assets,
 * which the Folio worker reaches with env.ASSETS.fetch() for EPUBs and images.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, dirname, join, relative } from "node:path";
import { sleep } from "./util.ts";

export interface WorkerSpec {
  /** Files of the worker; the first is the main module. `.js` → ES module, others → data. */
  modules: string[];
  compatibilityDate: string;
  /** Folder served as the ASSETS binding, if any. */
  assetsDir?: string;
}

/** Writes `<dir of main module>/<name>.capnp` for a worker listening on `port`. */
export function writeConfig(spec: WorkerSpec, port: number, name = "workerd"): string {
  const dir = dirname(spec.modules[0]!);
  const modules = spec.modules.map((m) => {
    const rel = relative(dir, m);
    return /\.m?js$/.test(m) ? `(name = "${basename(m)}", esModule = embed "${rel}")` : `(name = "${basename(m)}", data = embed "${rel}")`;
  });
  const bindings = spec.assetsDir ? `bindings = [ (name = "ASSETS", service = "assets") ],` : "";
  const assets = spec.assetsDir ? `,\n    (name = "assets", disk = (path = "${spec.assetsDir}", writable = false))` : "";
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .mainWorker)${assets}
  ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const mainWorker :Workerd.Worker = (
  modules = [
    ${modules.join(",\n    ")}
  ],
  compatibilityDate = "${spec.compatibilityDate}",
  ${bindings}
);
`;
  const file = join(dir, `${name}.capnp`);
  writeFileSync(file, config);
  return file;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  port: number;
  process: ChildProcess;
  /** Milliseconds from spawning workerd to the first complete response. */
  startupMs: number;
  stop: () => Promise<void>;
}

/**
 * Starts workerd on `config` and waits (at most `timeoutMs`) until `probePath` answers,
 * polling every `startupPollMs`; the time to that first answer is the start-up time.
 */
export const startupPollMs = 2;

export async function serve(workerd: string, config: string, port: number, probePath = "/", timeoutMs = 30_000): Promise<Server> {
  const started = performance.now();
  const child = spawn(workerd, ["serve", config, "--verbose"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    if (stderr.length < 20_000) stderr += d;
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    await Promise.race([gone, sleep(3000)]);
    if (!exited) child.kill("SIGKILL");
  };
  for (;;) {
    if (exited) throw new Error(`workerd exited before answering:\n${stderr}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`workerd did not answer ${probePath} within ${timeoutMs} ms:\n${stderr}`);
    }
    try {
      const res = await fetch(url + probePath);
      await res.arrayBuffer();
      return { url, port, process: child, startupMs: performance.now() - started, stop };
    } catch {
      await sleep(startupPollMs);
    }
  }
}

/** A config serving `assetsDir` straight from a disk service (no worker): how fast files go out without Folio in front. */
export function writeDiskConfig(dir: string, assetsDir: string, port: number): string {
  const file = join(dir, "direct.capnp");
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "assets", disk = (path = "${assetsDir}", writable = false)) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "assets") ],
);
`,
  );
  return file;
}
