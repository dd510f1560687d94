/**
 * changedSince (src/dev/dist-changed.ts): an in-place build that changed nothing leaves no
 * mtime after its start; a replaced, added or removed file does.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeOutput } from "../../src/build/output.ts";
import { changedSince } from "../../src/dev/dist-changed.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-dist-changed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (extra: Record<string, string> = {}) => new Map(Object.entries({ "catalog.json": "{}", "assets/a.css": "a", ...extra }));

/** Every file and folder under dist/ made a minute older, as if written by an earlier build. */
function ageAll(out: string): void {
  const old = new Date(Date.now() - 60_000);
  for (const p of ["catalog.json", "assets/a.css", "assets/b.css", "assets", ""]) {
    try {
      utimesSync(join(out, p), old, old);
    } catch {
      // not there in this round
    }
  }
}

describe("whether a dev build changed dist/", () => {
  it("is false after a build of the same bytes, true after a changed, added or removed file", async () => {
    const out = join(dir, "dist");
    mkdirSync(out);
    await writeOutput(out, files(), { dirs: ["assets"], inPlace: true });
    for (const [next, changed] of [
      [files(), false],
      [files({ "catalog.json": "{\"v\":2}" }), true],
      [files({ "catalog.json": "{\"v\":2}", "assets/b.css": "b" }), true],
      [files({ "catalog.json": "{\"v\":2}" }), true],
      [files({ "catalog.json": "{\"v\":2}" }), false],
    ] as const) {
      ageAll(out);
      const start = Date.now();
      await writeOutput(out, next, { dirs: ["assets"], inPlace: true });
      expect(changedSince(out, start)).toBe(changed);
    }
  });
});
