/**
 * Runs builds in a build thread (build-thread.ts), one at a time. `fresh()` replaces the
 * thread, so that the next build loads the build's code again (Node keeps an imported module
 * for the life of its thread), and with it computes the code's hash again: an edit to the code
 * that makes the EPUBs and cards re-makes them all (src/build/file-cache.ts).
 */
import { Worker } from "node:worker_threads";
import type { BuildRequest, BuildResult } from "./build-thread.ts";

export interface Builder {
  build(request: BuildRequest): Promise<BuildResult>;
  /** The next build runs on freshly loaded code. */
  fresh(): Promise<void>;
  close(): Promise<void>;
}

export function openBuilder(): Builder {
  let worker: Worker | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const start = () => {
    const w = new Worker(new URL("./build-thread.ts", import.meta.url));
    w.unref();
    return w;
  };

  const run = (request: BuildRequest) =>
    new Promise<BuildResult>((resolve) => {
      worker ??= start();
      const w = worker;
      const done = (result: BuildResult) => {
        w.off("message", done);
        w.off("error", failed);
        w.off("exit", exited);
        resolve(result);
      };
      const failed = (error: Error) => {
        worker = undefined;
        done({ ok: false, error: `the build thread failed: ${error.stack ?? error.message}` });
      };
      const exited = (code: number) => {
        worker = undefined;
        done({ ok: false, error: `the build thread stopped (exit code ${code})` });
      };
      w.on("message", done);
      w.on("error", failed);
      w.on("exit", exited);
      w.postMessage(request);
    });

  return {
    build(request) {
      const next = queue.then(() => run(request));
      queue = next.catch(() => {});
      return next;
    },
    async fresh() {
      await queue;
      const old = worker;
      worker = undefined;
      await old?.terminate();
    },
    async close() {
      await queue;
      await worker?.terminate();
      worker = undefined;
    },
  };
}
