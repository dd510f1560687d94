/**
 * The build script's start: Node 22 runs the project's .ts files by stripping their types as it
 * loads them (amaro, a wasm build of swc), each time the process starts. Stripping the hundred
 * and more files the build imports was most of the time before its first step (more than the
 * reading and compiling of every JavaScript module it loads), and Node 22's own compile cache
 * keeps compiled JavaScript, not the stripped text. This keeps the stripped text in the build's
 * cache folder (cache-dir.ts), by what it was stripped from:
 *
 *   .cache/folio/code/<sha256 of Node's version and the file's text>.js
 *
 * `cacheStrippedCode` installs a load hook (node:module registerHooks, in this thread only)
 * that answers a TypeScript module's load with its entry, made on a miss by Node's own
 * stripping (node:module stripTypeScriptTypes, in "strip" mode: types become blanks, so every
 * line and column, and so every stack trace, stays where it was), which is what Node runs
 * without the hook. Only the modules loaded after it is installed are served from it: the
 * build script installs it first and then imports the build.
 *
 * Beside it, Node's own compile cache (node:module enableCompileCache: V8's code for each module,
 * the stripped ones and the packages' JavaScript alike, checked against the module's text) in
 *
 *   .cache/folio/code/v8/
 *
 * which saves a little more of the start (a few hundredths of a second). Node writes it as the
 * process exits; its files are not renewed when used, so the pruning removes them every few
 * builds and the next build writes them again.
 *
 * An entry is written to a temporary name and renamed (cache-write.ts); one that cannot be read is made again,
 * and a folder that cannot be written (or FOLIO_NO_CACHE=1) only makes the start slower: the
 * build never fails on it. An entry used has its file's time renewed, so that the cache's
 * pruning (cache-prune.ts), which keeps what was touched lately, keeps the code still in use.
 */
import { createHash } from "node:crypto";
import { readFileSync, utimesSync } from "node:fs";
import { enableCompileCache, registerHooks, stripTypeScriptTypes } from "node:module";
import { join } from "node:path";
import { writeCacheFile } from "./cache-write.ts";

/** Node's stripping, without the warning that the function is experimental (the build's stderr stays its own). */
function strip(source: string): string {
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return stripTypeScriptTypes(source, { mode: "strip" });
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** The stripped text of `source`, from the entry in `dir` or made (and kept there). */
export function strippedCode(dir: string, source: string): string {
  const file = join(dir, `${createHash("sha256").update(process.version).update("\0").update(source).digest("hex")}.js`);
  try {
    const code = readFileSync(file, "utf8");
    try {
      const now = new Date();
      utimesSync(file, now, now); // used now: kept by the pruning (cache-prune.ts)
    } catch {}
    return code;
  } catch {
    // missing or unreadable: made below
  }
  const code = strip(source);
  try {
    writeCacheFile(file, code);
  } catch {
    // its clean-up can throw too (a file where the folder would be): no entry, all the same
  }
  return code;
}

/** Serves the TypeScript modules this thread loads from now on from the entries in `dir` (see the top of this file). */
export function cacheStrippedCode(dir: string): void {
  enableCompileCache(join(dir, "v8")); // a folder it cannot make only leaves it off: it never throws
  registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (loaded.format !== "module-typescript" || loaded.source === undefined) return loaded;
      const source = typeof loaded.source === "string" ? loaded.source : Buffer.from(loaded.source as Uint8Array).toString("utf8");
      return { format: "module", source: strippedCode(dir, source), shortCircuit: true };
    },
  });
}
