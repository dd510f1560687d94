/**
 * Threads that make the cards (cover and OG PNGs, worker.ts), so that resvg and the PNG
 * encoder run on every core while the main thread assembles EPUBs. Jobs wait in one queue
 * and go to whichever thread is free; each `render` settles once, with the PNG or an error
 * naming the article. A thread that dies fails its job and every job after it.
 * `close()` ends the threads; the caller closes the pool in `finally`, whatever happened.
 * A card the cache's index by text holds (cache.ts `openCardTextIndex`) is answered on the
 * calling thread, and the threads start only with the first card it lacks: a build whose cards
 * are all made before starts none (each costs its module loading, a quarter of a second).
 */
import { Worker } from "node:worker_threads";
import type { CardText, LayoutName } from "./draw.ts";
import { rendererKey } from "./renderer.ts";
import { openCardTextIndex } from "./cache.ts";

export interface CardThreadData {
  /** Folder of the card cache, or undefined for none. */
  cacheDir: string | undefined;
  rendererKey: string;
}

export interface CardJob {
  id: number;
  layout: LayoutName;
  text: CardText;
}

export type CardReply = { id: number; png: Uint8Array } | { id: number; error: string; stack: string };

export interface CardPool {
  readonly threads: number;
  /** The PNG of one card of the article `slug`. */
  render(slug: string, layout: LayoutName, text: CardText): Promise<Uint8Array>;
  close(): Promise<void>;
}

interface Pending {
  job: CardJob;
  slug: string;
  resolve(png: Uint8Array): void;
  reject(error: Error): void;
}

const what = (layout: string, slug: string) => `the ${layout === "og" ? "Open Graph image" : layout} of article "${slug}"`;

/**
 * resvg-js allocates with mimalloc, which by default hands freed memory back to the OS after
 * 10 ms; each 1600×2400 cover then faults its 15 MB of pixels in again, twice (the pixmap and
 * the copy `pixels` returns): about 7 ms of a cover's 30 ms, nearly all in the kernel. Kept,
 * the memory is reused. mimalloc reads the option once, when the process first loads resvg,
 * which the build does only in these threads (the main thread never imports draw.ts); where
 * resvg is loaded already the option does nothing. It changes no output byte.
 */
function keepRendererMemory(): void {
  process.env.MIMALLOC_PURGE_DELAY ??= "-1";
}

export function openCardPool(options: { threads: number; cacheDir: string | undefined }): CardPool {
  keepRendererMemory();
  const data: CardThreadData = { cacheDir: options.cacheDir, rendererKey: rendererKey() };
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  let failure: Error | undefined;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const pending = queue.shift()!;
      busy.set(worker, pending);
      worker.postMessage(pending.job);
    }
  };
  /** A thread died: its job and every queued job fail, and so does every later render. */
  const fail = (worker: Worker, reason: string) => {
    const pending = busy.get(worker);
    busy.delete(worker);
    failure ??= new Error(`A card thread stopped${pending ? ` while making ${what(pending.job.layout, pending.slug)}` : ""}: ${reason}`);
    pending?.reject(failure);
    for (const p of queue.splice(0)) p.reject(failure);
  };

  const made = options.cacheDir === undefined ? undefined : openCardTextIndex(options.cacheDir, data.rendererKey);
  const workers: Worker[] = [];
  const start = () => {
    if (workers.length > 0) return;
    for (let i = 0; i < Math.max(1, options.threads); i++) workers.push(startWorker());
  };
  const startWorker = () => {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: data });
    worker.on("message", (reply: CardReply) => {
      const pending = busy.get(worker);
      if (pending?.job.id !== reply.id) return fail(worker, `it answered job ${reply.id}, which it was not given`);
      busy.delete(worker);
      idle.push(worker);
      if ("png" in reply) pending.resolve(reply.png);
      else pending.reject(Object.assign(new Error(`Could not make ${what(pending.job.layout, pending.slug)}: ${reply.error}`), { cause: reply.stack }));
      dispatch();
    });
    worker.on("error", (error) => fail(worker, error.stack ?? error.message));
    worker.on("exit", (code) => {
      if (!closed) fail(worker, `it exited with code ${code}`);
    });
    idle.push(worker);
    return worker;
  };

  let id = 0;
  return {
    threads: Math.max(1, options.threads),
    render(slug, layout, text) {
      if (closed) return Promise.reject(new Error(`The card pool is closed: ${what(layout, slug)} was not made`));
      if (failure) return Promise.reject(failure);
      const found = made?.get(layout, text);
      if (found) return Promise.resolve(found);
      start();
      return new Promise((resolve, reject) => {
        queue.push({ job: { id: ++id, layout, text }, slug, resolve, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Error("The card pool was closed before this card was made");
      for (const p of [...queue.splice(0), ...busy.values()]) p.reject(stopped);
      busy.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
