/**
 * The deployable for tests: the exact bundle `wrangler deploy --dry-run` would upload, written
 * to `outdir`, loaded into Miniflare with the built static assets (dist/assets) as production
 * serves them, the worker ahead of the assets.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { expect } from "vitest";

export interface Deployable {
  mf: Miniflare;
  /** The bundle's path. */
  script: string;
}

export async function startDeployable(outdir: string): Promise<Deployable> {
  const run = spawnSync(process.execPath, ["scripts/wrangler.ts", "deploy", "--dry-run", "--outdir", outdir], { encoding: "utf8" });
  expect(run.status, run.stderr + run.stdout).toBe(0);
  const main = readdirSync(outdir).find((f) => f.endsWith(".js"))!;
  const compatibilityDate = /compatibility_date = "([\d-]+)"/.exec(readFileSync("wrangler.toml", "utf8"))![1]!;
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: [{ type: "ESModule", path: join(outdir, main) }],
      modulesRoot: outdir,
      compatibilityDate,
      assets: { directory: "dist/assets", binding: "ASSETS", routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true } },
    }),
  );
  await mf.ready;
  return { mf, script: join(outdir, main) };
}
