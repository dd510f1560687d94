/**
 * Threads that make the cards (cover and OG PNGs, worker.ts), so that resvg and the PNG
 * encoder run on every core while the main thread assembles EPUBs. Jobs wait in one queue
 * and go to whichever thread is free; each `render` settles once, with the PNG or an error
 * naming the article. A thread that dies fails its job and every job after it.
 * `close()` ends the threads; the caller closes the pool in `finally`, whatever happened.
 *
 * A thread is started when a job finds none free, up to `threads`: a pool that is never asked for
 * a card costs nothing, so one pool can serve a whole build (the article files and the collection
 * covers, build.ts) and start only when some card is not in the cache. A job asked `first` goes
 * before the others waiting (a collection's cover, which a book being assembled waits for, is
 * not queued behind hundreds of articles' cards drawn ahead).
 *
 * A card the cache's index by text holds (cache.ts `openCardTextIndex`) is answered on the
 * calling thread, from its file: a build whose cards are all made before starts no thread.
 *
 * `renderHeld` answers with a card that is read when it is wanted: with a card cache, the thread
 * writes the PNG there and answers with its file, so cards drawn far ahead of their use are held
 * on disk rather than in memory; without one, with the bytes.
 */
import { readFileSync } from "node:fs";
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
  /** Answer with the card cache's file rather than the bytes, where the card is in the cache. */
  toFile?: boolean;
}

export type CardReply = { id: number; png: Uint8Array } | { id: number; file: string; size: number } | { id: number; error: string; stack: string };

/** A card made, read when it is wanted (from the card cache's file, or the bytes held). */
export interface HeldCard {
  read(): Uint8Array;
}

export interface RenderOptions {
  /** Goes before the jobs waiting that were not asked first. */
  first?: boolean;
}

export interface CardPool {
  /** The most threads it starts. */
  readonly threads: number;
  /** The PNG of one card of the article `slug`. */
  render(slug: string, layout: LayoutName, text: CardText, options?: RenderOptions): Promise<Uint8Array>;
  /** The same card, held in the card cache's file where there is one. */
  renderHeld(slug: string, layout: LayoutName, text: CardText, options?: RenderOptions): Promise<HeldCard>;
  close(): Promise<void>;
}

interface Pending {
  job: CardJob;
  slug: string;
  resolve(card: HeldCard): void;
  reject(error: Error): void;
}

/** The bytes of a card the thread left in the card cache's file (content-addressed: nothing writes other bytes there). */
function heldFile(file: string, size: number): HeldCard {
  return {
    read() {
      const bytes = readFileSync(file);
      if (bytes.byteLength !== size) throw new Error(`${file} has ${bytes.byteLength} bytes, the card thread wrote ${size}: build again (FOLIO_NO_CACHE=1 skips the card cache)`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
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
  const urgent: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  const threads = Math.max(1, options.threads);
  let failure: Error | undefined;
  let closed = false;

  const dispatch = () => {
    while (urgent.length + queue.length > 0 && (idle.length > 0 || workers.length < threads)) {
      const worker = idle.pop() ?? start();
      const pending = (urgent.shift() ?? queue.shift())!;
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
    for (const p of [...urgent.splice(0), ...queue.splice(0)]) p.reject(failure);
  };

  const start = (): Worker => {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: data });
    worker.on("message", (reply: CardReply) => {
      const pending = busy.get(worker);
      if (pending?.job.id !== reply.id) return fail(worker, `it answered job ${reply.id}, which it was not given`);
      busy.delete(worker);
      idle.push(worker);
      if ("png" in reply) {
        const png = reply.png;
        pending.resolve({ read: () => png });
      } else if ("file" in reply) pending.resolve(heldFile(reply.file, reply.size));
      else pending.reject(Object.assign(new Error(`Could not make ${what(pending.job.layout, pending.slug)}: ${reply.error}`), { cause: reply.stack }));
      dispatch();
    });
    worker.on("error", (error) => fail(worker, error.stack ?? error.message));
    worker.on("exit", (code) => {
      if (!closed) fail(worker, `it exited with code ${code}`);
    });
    workers.push(worker);
    return worker;
  };

  const made = options.cacheDir === undefined ? undefined : openCardTextIndex(options.cacheDir, data.rendererKey);
  let id = 0;
  const renderHeld = (slug: string, layout: LayoutName, text: CardText, toFile: boolean, options: RenderOptions = {}): Promise<HeldCard> => {
    if (closed) return Promise.reject(new Error(`The card pool is closed: ${what(layout, slug)} was not made`));
    if (failure) return Promise.reject(failure);
    // A card made before, found by what it says on this thread: no thread is started for it.
    const found = made?.file(layout, text);
    if (found) return Promise.resolve({ read: () => new Uint8Array(readFileSync(found)) });
    return new Promise((resolve, reject) => {
      (options.first ? urgent : queue).push({ job: { id: ++id, layout, text, ...(toFile ? { toFile } : {}) }, slug, resolve, reject });
      dispatch();
    });
  };
  return {
    threads,
    render: async (slug, layout, text, options) => (await renderHeld(slug, layout, text, false, options)).read(),
    renderHeld: (slug, layout, text, options) => renderHeld(slug, layout, text, true, options),
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Error("The card pool was closed before this card was made");
      for (const p of [...urgent.splice(0), ...queue.splice(0), ...busy.values()]) p.reject(stopped);
      busy.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
