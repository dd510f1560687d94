/**
 * vitest bench of the worker's fetch inside workerd (bench/worker.bench.ts), for one built
 * project made by scripts/bench/project.ts (FOLIO_BENCH_PROJECT; its wrangler.bench.toml, written
 * by isolate-cost.ts, gives the ASSETS binding and a placeholder main). FOLIO_BENCH_ROUTES and
 * FOLIO_BENCH_SETTINGS are JSON. Started by scripts/bench/isolate-cost.ts.
 *
 * The worker is imported from the project's copy of src/worker, the code the bundle is made
 * of. The module runner hands modules to workerd over a WebSocket whose messages cannot exceed
 * 16 MiB, so a JSON file of dist/ bigger than 8 MiB (FOLIO_BENCH_BIG_JSON: a bundled model of
 * 1,000 articles is 17 MiB) resolves instead to a module exporting `globalThis.__folioBenchJson[name]`,
 * which the bench fills from a copy served by the ASSETS binding before it imports the worker.
 */
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { basename, join, resolve } from "node:path";
import { defineConfig } from "vitest/config";
import { wranglerSettings } from "../wrangler-env.ts";

Object.assign(process.env, wranglerSettings);
const project = resolve(process.env.FOLIO_BENCH_PROJECT ?? ".");
const big = new Set(JSON.parse(process.env.FOLIO_BENCH_BIG_JSON ?? "[]") as string[]);
const virtual = "\0folio-bench-json:";

export default defineConfig({
  plugins: [
    cloudflareTest({ wrangler: { configPath: join(project, "wrangler.bench.toml") } }),
    {
      name: "folio-bench-big-json",
      enforce: "pre",
      resolveId(source: string, importer: string | undefined) {
        if (!importer || !source.endsWith(".json")) return undefined;
        const file = resolve(importer, "..", source);
        return file === join(project, "dist", basename(file)) && big.has(basename(file)) ? virtual + basename(file) : undefined;
      },
      load(id: string) {
        return id.startsWith(virtual) ? `export default globalThis.__folioBenchJson[${JSON.stringify(id.slice(virtual.length))}];` : undefined;
      },
    },
  ],
  resolve: { alias: { "folio-bench:worker": join(project, "src/worker/index.ts") } },
  test: {
    benchmark: { include: ["bench/worker.bench.ts"] },
    provide: {
      folioBenchRoutes: JSON.parse(process.env.FOLIO_BENCH_ROUTES ?? "[]") as unknown,
      folioBenchSettings: JSON.parse(process.env.FOLIO_BENCH_SETTINGS ?? '{"ms":500,"batch":20,"runs":1}') as unknown,
      folioBenchBigJson: [...big],
    } as Record<string, unknown>,
  },
});
