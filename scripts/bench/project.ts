/**
 * Throwaway copies of the project, so the benchmark never touches the repo's dist/ (other
 * work may be building it), measures one version of the code from start to end even while
 * the repo changes, and can build and bundle any corpus:
 *   <tmp>/snapshot                 src/, scripts/, content/ and the config files, copied once
 *   <project>/src, scripts, …      copied from the snapshot
 *   <project>/node_modules/        one link per package of the repo's node_modules, and its own
 *                                  .cache (so the build's card cache starts empty and stays here)
 *   <project>/dist                 built by <project>/scripts/build.ts --out
 *   <project>/bundle               `wrangler deploy --dry-run --outdir`
 * src/worker/data.ts imports ../../dist/…, so a project's src/ bundles its own dist/.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { workerData } from "../../src/build/worker-data.ts";
import { node22, repo, run, type RunResult } from "./util.ts";

export interface Project {
  dir: string;
  dist: string;
  bundleDir: string;
}

const configFiles = ["wrangler.toml", "tsconfig.json", "package.json"];

/** Copies the code once for the whole run; returns its folder. */
export function snapshot(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const d of ["src", "scripts", "content"]) cpSync(join(repo, d), join(dir, d), { recursive: true });
  for (const f of configFiles) cpSync(join(repo, f), join(dir, f));
  return dir;
}

/** sha256 of every file under `dir/src` (paths and bytes), to name the code a run measured. */
export function fingerprint(dir: string): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(dir, path)).update("\0").update(readFileSync(path)).update("\0");
    }
  };
  walk(join(dir, "src"));
  return hash.digest("hex").slice(0, 12);
}

export function makeProject(dir: string, from: string): Project {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  for (const d of ["src", "scripts"]) cpSync(join(from, d), join(dir, d), { recursive: true });
  for (const f of configFiles) cpSync(join(from, f), join(dir, f));
  for (const name of readdirSync(join(repo, "node_modules"))) {
    if (name !== ".cache") symlinkSync(join(repo, "node_modules", name), join(dir, "node_modules", name));
  }
  return { dir, dist: join(dir, "dist"), bundleDir: join(dir, "bundle") };
}

/** Empties the project's build cache (.cache/folio: src/build/cache-dir.ts) and the older one under node_modules. */
export function emptyCache(project: Project): void {
  for (const dir of [".cache", "node_modules/.cache"]) rmSync(join(project.dir, dir), { recursive: true, force: true });
}

export interface BuildRun extends RunResult {
  /** stderr lines seen while the build ran (its progress). */
  progressLines: number;
}

/**
 * The project's `node scripts/build.ts --content <dir> --out <project>/dist`. `cold`: the
 * project's build cache (.cache/folio, src/build/cache-dir.ts) is emptied first.
 */
export async function buildContent(project: Project, contentDir: string, cold: boolean, echo?: (line: string) => void): Promise<BuildRun> {
  let progressLines = 0;
  if (cold) emptyCache(project);
  const args = [join(project.dir, "scripts/build.ts"), "--content", contentDir, "--out", project.dist];
  const r = await run(node22(), args, {
    cwd: project.dir,
    timeoutMs: 3_600_000, // 10,000 articles on a busy machine take more than 15 minutes
    onStderrLine: (line) => {
      progressLines++;
      echo?.(line);
    },
  });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  return { ...r, progressLines };
}

/**
 * Empties the content the worker may bundle, keeping its shape: in dist/model.json and
 * dist/catalog.json every list becomes [] (the site stays), dist/assets.json becomes {}, and
 * the pack table dist/packs.json lists no file and no record; dist/worker-catalog.js,
 * what the worker bundles of them, is made again from the emptied files. The bundle is then the code alone.
 */
export function emptyModel(project: Project): void {
  for (const name of ["model.json", "catalog.json", "packs.json"]) {
    const file = join(project.dist, name);
    if (!existsSync(file)) continue;
    const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) if (Array.isArray(v)) data[k] = [];
    if (name === "packs.json") data.site = {};
    writeFileSync(file, JSON.stringify(data));
  }
  writeFileSync(join(project.dist, "assets.json"), "{}");
  const read = (name: string) => readFileSync(join(project.dist, name), "utf8");
  if (existsSync(join(project.dist, "worker-catalog.js")))
    for (const [name, source] of workerData(read("catalog.json"), read("packs.json"))) if (!name.startsWith("assets/")) writeFileSync(join(project.dist, name), source);
}

export interface Bundle {
  /** The main module, and every file wrangler would upload as a module. */
  main: string;
  modules: string[];
  /** wrangler's own "Total Upload: … / gzip: …" line. */
  wranglerSize: string;
}

/** `node scripts/wrangler.ts deploy --dry-run --outdir <project>/bundle --config <project>/wrangler.toml`. */
export async function bundle(project: Project): Promise<Bundle> {
  rmSync(project.bundleDir, { recursive: true, force: true });
  const r = await run(node22(), [join(project.dir, "scripts/wrangler.ts"), "deploy", "--dry-run", "--outdir", project.bundleDir, "--config", join(project.dir, "wrangler.toml")], { cwd: project.dir, timeoutMs: 300_000 });
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${r.stdout}\n${r.stderr}`);
  const files = readdirSync(project.bundleDir).filter((f) => /\.(m?js|wasm|bin|txt|json)$/.test(f) && !f.endsWith(".map") && statSync(join(project.bundleDir, f)).isFile());
  const main = files.find((f) => /\.m?js$/.test(f));
  if (!main) throw new Error(`no JavaScript module in ${project.bundleDir}`);
  const size = /Total Upload:[^\n]*/.exec(`${r.stdout}\n${r.stderr}`)?.[0] ?? "";
  return { main: join(project.bundleDir, main), modules: files.map((f) => join(project.bundleDir, f)), wranglerSize: size.replace(/\x1b\[[0-9;]*m/g, "").trim() };
}

export const compatibilityDate = (dir: string): string => /compatibility_date\s*=\s*"([\d-]+)"/.exec(readFileSync(join(dir, "wrangler.toml"), "utf8"))?.[1] ?? "2026-11-01";

export const hasAssets = (project: Project) => existsSync(join(project.dist, "assets"));
