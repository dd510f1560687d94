/** The dev server's reload script never reaches production: not in the worker's code, not in its bundle. */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => join(dir, f));
}

describe("production stays free of the dev server's script", () => {
  it("no module the worker or the build uses imports src/dev", () => {
    for (const file of [...sources("src/worker"), ...sources("src/render"), ...sources("src/model"), ...sources("src/build"), ...sources("src/content"), ...sources("src/epub")]) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/from "(\.\.\/)+dev\//);
    }
  });

  it("the bundle wrangler would deploy has no reload script, event stream or script-src", () => {
    const outdir = ".test-out/dev-bundle";
    const run = spawnSync(process.execPath, ["scripts/wrangler.ts", "deploy", "--dry-run", "--outdir", outdir], { encoding: "utf8", timeout: 120_000 });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const main = readdirSync(outdir).find((f) => f.endsWith(".js"))!;
    const code = readFileSync(join(outdir, main), "utf8");
    expect(code).toContain("Content-Security-Policy"); // the right file
    for (const banned of ["__folio", "EventSource", "script-src", "<script src"]) expect(code, banned).not.toContain(banned);
  }, 150_000);
});
