/**
 * Writes the build output so that no moment, even a kill, leaves it missing or half made.
 *
 *   dist            a symbolic link to the current output, e.g. dist.m3x9k2a1-4242/
 *   dist.<id>/      one complete output; <id> is the build's start time and pid
 *   dist.<id>.partial/   an output being written (renamed to dist.<id> once complete)
 *   dist.lock       held while a build writes and switches: {"pid":…}
 *
 * The switch is one atomic step: a new link `dist.<id>.link` → `dist.<id>` is made beside
 * the old one, and renamed over `dist` (rename(2) replaces a symlink atomically). Before and
 * after that rename, `dist` names a complete output. Two builds never share a folder (each
 * writes its own `dist.<id>.partial`), and the lock makes one wait while the other writes,
 * switches and cleans up; a lock whose pid is no longer running is taken over.
 *
 * On start, under the lock, what a killed build left is recovered: `.partial` folders and
 * stray `.link`s are removed; if `dist` is missing (killed while migrating) it is pointed at
 * the newest complete output; a real `dist/` folder (from before this layout) is migrated by
 * renaming it to `dist.<id>` and linking to it. Complete outputs other than the current one
 * are removed after each switch.
 *
 * In place (`inPlace: true`, only the dev server's build passes it, src/dev/build-thread.ts):
 * `dist` is a real folder whose files are updated where they are. Each changed file is written
 * to a temporary name beside it and renamed over the old one (atomic per file); a file no
 * longer produced is removed; a file whose bytes are unchanged is not touched, so its inode and
 * mtime stay and a watcher sees only what changed. A `dist` that is a link is first made a real
 * folder: the link is removed and the folder it pointed to renamed to `dist` (a kill between the
 * two leaves `dist` missing, which the next build of either mode recovers from the newest complete
 * output). Why dev may give up the whole output's atomicity: a one-note edit then writes the few
 * files it changed instead of a whole new output, and the dev server's worker reads them from the
 * dev server (src/dev/data-server.ts), which answers no read while a build is writing.
 * The dev server is the only writer, under the same lock, and a kill mid-update leaves a mix of
 * old and new files that the next save's build repairs (every file is compared again). A later
 * build without `inPlace` (`npm run build`) migrates the real folder back to the link layout.
 *
 * FOLIO_TEST_KILL_AT=<stage> makes the process SIGKILL itself at that stage (tests only):
 * "writing" (the first file of the new output written, the rest not), "written" (output complete, not yet switched), "linked" (new link made, not yet renamed
 * over dist), "switched" (before the clean-up), "migrating" (old dist/ moved away, not yet
 * linked), "unlinked" (in place: the link removed, its folder not yet renamed to dist).
 */
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export type OutputFiles = Map<string, string | Uint8Array>;

export interface WriteOptions {
  /** Folders made even when empty (e.g. "assets", which wrangler needs). */
  dirs?: string[];
  /**
   * Output files whose bytes are in a file already (the file cache's, file-cache.ts), by path:
   * hard-linked into the output rather than written (copied where a link cannot be made,
   * e.g. across file systems). The link outlives the output it is in, and the cache's entry.
   */
  links?: ReadonlyMap<string, { file: string }>;
  /**
   * Update a real `dist/` folder file by file instead of switching a link (the dev server's
   * build only: see the comment at the top). Unchanged files are left untouched.
   */
  inPlace?: boolean;
  /** Test hook: runs with the new output's folder once every file is written, before the switch. */
  beforeSwap?: (dir: string) => void;
  /** Called while waiting for another build's lock. */
  progress?: (line: string) => void;
  /** How long to wait for another build's lock before giving up, ms (default 10 minutes). */
  lockTimeoutMs?: number;
}

type Stage = "writing" | "written" | "linked" | "switched" | "migrating" | "unlinked";

function killPoint(stage: Stage): void {
  if (process.env.FOLIO_TEST_KILL_AT === stage) process.kill(process.pid, "SIGKILL");
}

let lastIdTime = 0;

/** A sortable id: start time in base 36 (fixed width), then the pid; never the same twice in a process (a migration and the build after it can fall in one millisecond). */
function newId(): string {
  lastIdTime = Math.max(Date.now(), lastIdTime + 1);
  return `${lastIdTime.toString(36).padStart(9, "0")}-${process.pid}`;
}

/** Writes `files` as the new output at `outDir` (a link), switching to it in one step. */
export async function writeOutput(out: string, files: OutputFiles, options: WriteOptions = {}): Promise<void> {
  const outDir = resolve(out); // "dist/" → "/…/dist": its siblings, not its children
  mkdirSync(dirname(outDir), { recursive: true });
  const release = await takeLock(`${outDir}.lock`, options.lockTimeoutMs ?? 600_000, options.progress);
  try {
    if (options.inPlace) {
      writeInPlace(outDir, files, options);
      return;
    }
    recover(outDir);
    const id = newId();
    const final = `${outDir}.${id}`;
    const partial = `${final}.partial`;
    try {
      for (const [path, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
        const target = join(partial, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, data);
        killPoint("writing");
      }
      for (const [path, { file }] of [...(options.links ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
        const target = join(partial, path);
        mkdirSync(dirname(target), { recursive: true });
        try {
          linkSync(file, target);
        } catch {
          copyFileSync(file, target);
        }
      }
      for (const dir of ["", ...(options.dirs ?? [])]) mkdirSync(join(partial, dir), { recursive: true });
      options.beforeSwap?.(partial);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true }); // a failed build leaves nothing behind
      throw error;
    }
    renameSync(partial, final);
    killPoint("written");
    pointAt(outDir, final);
    killPoint("switched");
    removeOthers(outDir, final);
  } finally {
    release();
  }
}

/** Updates the real folder `outDir` file by file (the dev server's mode). Runs under the lock. */
function writeInPlace(outDir: string, files: OutputFiles, options: WriteOptions): void {
  makeReal(outDir);
  const tmp = `.${newId()}.tmp`;
  const wanted = new Set<string>();
  const place = (target: string, write: (to: string) => void) => {
    const temp = `${target}${tmp}`;
    mkdirSync(dirname(target), { recursive: true });
    write(temp);
    const stat = lstatOrUndefined(target);
    if (stat?.isDirectory()) rmSync(target, { recursive: true, force: true }); // a folder became a file
    renameSync(temp, target);
  };
  for (const [path, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(outDir, path);
    wanted.add(target);
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    if (sameBytes(target, bytes)) continue;
    place(target, (to) => writeFileSync(to, bytes));
  }
  for (const [path, { file }] of [...(options.links ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(outDir, path);
    wanted.add(target);
    const source = lstatSync(file);
    const current = lstatOrUndefined(target);
    if (current && current.ino === source.ino && current.dev === source.dev) continue; // the same link already
    if (current?.isFile() && current.size === source.size && sameBytes(target, readFileSync(file))) continue;
    place(target, (to) => {
      try {
        linkSync(file, to);
      } catch {
        copyFileSync(file, to);
      }
    });
  }
  const dirs = new Set(["", ...(options.dirs ?? [])].map((d) => join(outDir, d)));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  removeUnwanted(outDir, wanted, dirs);
  options.beforeSwap?.(outDir);
}

/** Whether the file at `path` holds exactly `bytes` (size first, then the bytes). */
function sameBytes(path: string, bytes: Uint8Array): boolean {
  const stat = lstatOrUndefined(path);
  if (!stat?.isFile() || stat.size !== bytes.byteLength) return false;
  return Buffer.compare(readFileSync(path), bytes) === 0;
}

/** Removes the files (and then empty folders) under `dir` that the build did not produce, keeping `keep` folders. Returns whether `dir` is now empty. */
function removeUnwanted(dir: string, wanted: Set<string>, keep: Set<string>): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (removeUnwanted(path, wanted, keep) && !keep.has(path)) rmSync(path, { recursive: true, force: true });
      else empty = false;
    } else if (!wanted.has(path)) rmSync(path, { force: true });
    else empty = false;
  }
  return empty;
}

/**
 * Makes `outDir` a real folder holding the current output (the in-place mode's start): a link
 * is replaced by the folder it points to, a missing `dist` by the newest complete output (or an
 * empty folder). Other complete outputs and a killed link build's leftovers are removed.
 */
function makeReal(outDir: string): void {
  const name = basename(outDir);
  const parent = dirname(outDir);
  for (const f of readdirSync(parent)) {
    if (!f.startsWith(`${name}.`)) continue;
    if (f.endsWith(".partial")) rmSync(join(parent, f), { recursive: true, force: true });
    else if (f.endsWith(".link")) rmSync(join(parent, f), { force: true });
  }
  const stat = lstatOrUndefined(outDir);
  if (stat?.isSymbolicLink()) {
    const target = resolve(parent, readlinkSync(outDir));
    rmSync(outDir, { force: true });
    killPoint("unlinked");
    if (existsSync(target)) renameSync(target, outDir);
  } else if (!stat) {
    const newest = versions(outDir).at(-1);
    if (newest) renameSync(newest, outDir);
  }
  mkdirSync(outDir, { recursive: true });
  for (const v of versions(outDir)) rmSync(v, { recursive: true, force: true });
}

/** Makes `outDir` a link to `target` by one rename over it. */
function pointAt(outDir: string, target: string): void {
  const link = `${target}.link`;
  rmSync(link, { force: true });
  symlinkSync(basename(target), link, "dir");
  killPoint("linked");
  renameSync(link, outDir);
}

/** The complete outputs beside `outDir`, oldest first. */
function versions(outDir: string): string[] {
  const name = basename(outDir);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.[0-9a-z]{9}-\\d+$`);
  return readdirSync(dirname(outDir))
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => join(dirname(outDir), f));
}

/** Undoes what a killed build left, and migrates a real output folder to a link. Runs under the lock. */
function recover(outDir: string): void {
  const name = basename(outDir);
  const parent = dirname(outDir);
  for (const f of readdirSync(parent)) {
    if (!f.startsWith(`${name}.`)) continue;
    if (f.endsWith(".partial") || f === `${name}.next` || f === `${name}.prev`) rmSync(join(parent, f), { recursive: true, force: true });
    else if (f.endsWith(".link")) rmSync(join(parent, f), { force: true });
  }
  const stat = lstatOrUndefined(outDir);
  if (stat && !stat.isSymbolicLink() && stat.isDirectory()) {
    // The layout before links: move the folder aside, then link to it.
    const moved = `${outDir}.${newId()}`;
    renameSync(outDir, moved);
    killPoint("migrating");
    pointAt(outDir, moved);
    return;
  }
  if (!stat || (stat.isSymbolicLink() && !existsSync(outDir))) {
    // Killed between moving an old folder aside and linking to it, or a dangling link.
    const newest = versions(outDir).at(-1);
    if (newest) pointAt(outDir, newest);
  }
}

/** Removes every complete output but `keep`. */
function removeOthers(outDir: string, keep: string): void {
  const current = join(dirname(outDir), readlinkSync(outDir));
  for (const v of versions(outDir)) if (v !== keep && v !== current) rmSync(v, { recursive: true, force: true });
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * An exclusive lock file holding the owner's pid, made by link(2) (atomic, fails if it
 * exists). A lock whose pid is not running is taken over by renaming it away first, which
 * only one of several waiting builds can do.
 */
async function takeLock(lock: string, timeoutMs: number, progress?: (line: string) => void): Promise<() => void> {
  const mine = `${lock}.${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid }));
  const deadline = Date.now() + timeoutMs;
  let told = false;
  try {
    for (;;) {
      try {
        linkSync(mine, lock);
        return () => {
          // Release only our own lock.
          if (ownerOf(lock) === process.pid) rmSync(lock, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const owner = ownerOf(lock);
      if (owner === undefined || !running(owner)) {
        const stale = `${lock}.stale.${process.pid}`;
        try {
          renameSync(lock, stale);
          // Another build may have taken the stale lock over and made its own since we read it.
          const took = ownerOf(stale);
          if (took !== owner && took !== undefined && running(took)) linkSync(stale, lock);
        } catch {
          // Someone else moved it first: try again.
        }
        rmSync(stale, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held by build process ${owner}, still running after ${Math.round(timeoutMs / 1000)} s: stop it, or remove the lock if that process is not a build`);
      if (!told) progress?.(`waiting for build process ${owner} to finish writing ${basename(lock, ".lock")}/`);
      told = true;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

function ownerOf(lock: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(lock, "utf8")) as { pid?: unknown }).pid;
    return typeof pid === "number" ? pid : undefined;
  } catch {
    return undefined;
  }
}
