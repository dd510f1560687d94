/**
 * A build interrupted midway leaves the previous output byte for byte as it was: once by the
 * build's `beforeSwap` hook throwing after every new file is written, once by SIGKILL to the
 * real CLI while it writes a large corpus. Everything happens in a temporary folder, never dist/.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/build.ts";

const repo = resolve(import.meta.dirname, "../..");
const node = Number(process.versions.node.split(".")[0]) >= 22 ? process.execPath : join(repo, "node_modules/.bin/node");
/** Copies of the fixture articles in the large corpus: enough that writing it takes a while. */
const COPIES = 15;

let tmp: string;

/** path → sha256 of every file under `dir`. */
function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** The CLI's first output: the seed content, with EPUBs and covers. */
function buildPrevious(out: string): Record<string, string> {
  const run = spawnSync(node, ["scripts/build.ts", "--quiet", "--out", out], { cwd: repo, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const hashes = hashTree(out);
  expect(Object.keys(hashes).length).toBeGreaterThan(3);
  return hashes;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-interrupted-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("an interrupted build", () => {
  it("leaves the previous output whole when it fails after writing every new file (beforeSwap)", async () => {
    const out = join(tmp, "hook", "dist");
    const before = buildPrevious(out);
    let called = false;
    const failing = build({
      contentDir: join(repo, "content"),
      articleDirs: [join(repo, "content/articles"), join(repo, "test/fixtures/articles")],
      outDir: out,
      beforeSwap: () => {
        called = true;
        // The new output is complete beside the old one at this point.
        expect(existsSync(`${out}.next/model.json`)).toBe(true);
        throw new Error("interrupted before the swap");
      },
    });
    await expect(failing).rejects.toThrow("interrupted before the swap");
    expect(called).toBe(true);
    expect(hashTree(out)).toEqual(before);
    expect(existsSync(`${out}.next`), "the half-made output is removed").toBe(false);
  });

  it(`leaves the previous output whole when the CLI is killed (SIGKILL) while writing ${1 + COPIES * 3} articles`, async () => {
    // A large corpus: the seed and many copies of the fixture articles, each under a new slug.
    const content = join(tmp, "large");
    mkdirSync(join(content, "articles"), { recursive: true });
    cpSync(join(repo, "content/site.yaml"), join(content, "site.yaml"));
    cpSync(join(repo, "content/articles"), join(content, "articles"), { recursive: true });
    const fixtures = readdirSync(join(repo, "test/fixtures/articles"));
    for (let i = 0; i < COPIES; i++) for (const f of fixtures) cpSync(join(repo, "test/fixtures/articles", f), join(content, "articles", `${f}-copy-${i}`), { recursive: true });

    const out = join(tmp, "killed", "dist");
    const before = buildPrevious(out);

    const child = spawn(node, ["scripts/build.ts", "--quiet", "--content", content, "--out", out], { cwd: repo, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // Kill it the moment it starts writing the new output (its sibling folder `<out>.next` appears).
    let sawNext = false;
    const kill = () => {
      if (sawNext || !existsSync(`${out}.next`)) return;
      sawNext = true;
      child.kill("SIGKILL");
    };
    const watcher = watch(join(tmp, "killed"), (_event, name) => name === `${basename(out)}.next` && kill());
    const poll = setInterval(kill, 2);
    const deadline = setTimeout(() => child.kill("SIGKILL"), 240_000); // bounded, whatever happens
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
    watcher.close();
    clearInterval(poll);
    clearTimeout(deadline);

    expect(exit.code, `the build finished before it could be killed midway: ${stderr}`).toBeNull();
    expect(exit.signal).toBe("SIGKILL");
    expect(sawNext, "killed while writing the new output").toBe(true);
    expect(existsSync(`${out}.next`), "the half-written output is left beside the old one").toBe(true);
    expect(hashTree(out)).toEqual(before);

    // The next build cleans up what the killed one left, and replaces the output.
    const again = spawnSync(node, ["scripts/build.ts", "--quiet", "--articles", "content/articles", "--articles", "test/fixtures/articles", "--out", out], { cwd: repo, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    expect(existsSync(`${out}.next`)).toBe(false);
    expect(existsSync(`${out}.prev`)).toBe(false);
    expect(JSON.parse(readFileSync(join(out, "model.json"), "utf8")).articles).toHaveLength(1 + fixtures.length);
  }, 300_000);
});
