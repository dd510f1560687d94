/**
 * A build cannot lose its output (src/build/output.ts): interrupted at any moment, `dist`
 * names a complete output, byte for byte the previous one or the new one. Shown by the
 * build's `beforeSwap` hook throwing after every new file is written, by SIGKILL to the real
 * CLI while it writes a large corpus, by SIGKILL at each step of the switch itself
 * (FOLIO_TEST_KILL_AT), by two builds at once, by a stale lock and by an old real dist/
 * folder. Everything happens in a temporary folder, never dist/.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/build.ts";
import { writeOutput } from "../../src/build/output.ts";
import { readBuilt } from "../../src/build/packs.ts";
import { packPath, type PackTable } from "../../src/model/assets.ts";

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
      articleFiles: false,
      beforeSwap: (dir) => {
        called = true;
        // The new output is complete beside the old one at this point.
        expect(existsSync(join(dir, "model.json"))).toBe(true);
        throw new Error("interrupted before the swap");
      },
    });
    await expect(failing).rejects.toThrow("interrupted before the swap");
    expect(called).toBe(true);
    expect(hashTree(out)).toEqual(before);
    expect(beside(out), "the half-made output is removed").toEqual(["dist", readlinkSync(out)].sort());
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

    // Killed while it writes the new output: after its first file, at a point the build names
    // (src/build/output.ts), since packed output is written too quickly to be caught from outside.
    const child = spawn(node, ["scripts/build.ts", "--quiet", "--content", content, "--out", out], { cwd: repo, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, FOLIO_TEST_KILL_AT: "writing" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const partial = () => beside(out).find((f) => f.endsWith(".partial"));
    const deadline = setTimeout(() => child.kill("SIGKILL"), 240_000); // bounded, whatever happens
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
    clearTimeout(deadline);

    expect(exit.code, `the build finished before it could be killed midway: ${stderr}`).toBeNull();
    expect(exit.signal).toBe("SIGKILL");
    expect(partial(), "the half-written output is left beside the old one").toBeDefined();
    expect(hashTree(out)).toEqual(before);

    // The next build cleans up what the killed one left, and replaces the output.
    const again = spawnSync(node, ["scripts/build.ts", "--quiet", "--articles", "content/articles", "--articles", "test/fixtures/articles", "--out", out], { cwd: repo, encoding: "utf8" });
    expect(again.status, again.stderr).toBe(0);
    expect(beside(out)).toEqual(["dist", readlinkSync(out)].sort());
    expect(JSON.parse(readFileSync(join(out, "model.json"), "utf8")).articles).toHaveLength(1 + fixtures.length);
  }, 300_000);
});

/** The CLI on the fixture articles alone (quick), into `out`; `env` adds variables. */
function cli(out: string, extra: string[] = [], env: Record<string, string> = {}) {
  return spawn(node, ["scripts/build.ts", "--quiet", "--articles", "test/fixtures/articles", "--out", out, ...extra], { cwd: repo, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
}

function exited(child: ReturnType<typeof spawn>, seen: { stderr: string } = { stderr: "" }): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  child.stderr?.on("data", (d: Buffer) => (seen.stderr += d.toString()));
  child.stdout?.resume();
  return new Promise((r) => child.on("exit", (code, signal) => r({ code, signal, stderr: seen.stderr })));
}

/** The entries beside `out` that belong to it (dist, dist.<id>, dist.lock, …), sorted. */
function beside(out: string): string[] {
  return readdirSync(join(out, ".."))
    .filter((f) => f === basename(out) || f.startsWith(`${basename(out)}.`))
    .sort();
}

/** Every pack the table lists is there, with its size, and every file packed in it: the output is whole. */
function expectWhole(out: string): void {
  const table = JSON.parse(readFileSync(join(out, "packs.json"), "utf8")) as PackTable;
  expect(table.path.length).toBeGreaterThan(0);
  for (const [n, size] of table.packs.entries()) expect(readFileSync(join(out, "assets", packPath(n))).byteLength).toBe(size);
  for (const [i, path] of table.path.entries()) expect(readBuilt(out, path).byteLength).toBe(table.size[i]);
}

describe("the switch to a new output", () => {
  const cases: { stage: string; survives: "old" | "new" }[] = [
    { stage: "written", survives: "old" },
    { stage: "linked", survives: "old" },
    { stage: "switched", survives: "new" },
  ];
  for (const { stage, survives } of cases) {
    it(`leaves a whole output when the CLI is killed at "${stage}" (the ${survives} one), and the next build cleans up`, async () => {
      const out = join(tmp, `switch-${stage}`, "dist");
      const first = await exited(cli(out, ["--site-url", "https://old.example"]));
      expect(first.code, first.stderr).toBe(0);
      const before = hashTree(out);
      const killed = await exited(cli(out, ["--site-url", "https://new.example"], { FOLIO_TEST_KILL_AT: stage }));
      expect(killed.signal, killed.stderr).toBe("SIGKILL");
      expect(lstatSync(out).isSymbolicLink()).toBe(true);
      expectWhole(out);
      const model = JSON.parse(readFileSync(join(out, "model.json"), "utf8")) as { site: { url: string } };
      expect(model.site.url).toBe(survives === "old" ? "https://old.example" : "https://new.example");
      if (survives === "old") expect(hashTree(out)).toEqual(before);

      const again = await exited(cli(out));
      expect(again.code, again.stderr).toBe(0);
      expect(beside(out)).toEqual(["dist", readlinkSync(out)].sort());
      expectWhole(out);
    }, 120_000);
  }

  it("migrates an old real dist/ folder to a link, and a kill mid-migration loses nothing", async () => {
    const out = join(tmp, "migrate", "dist");
    mkdirSync(join(out, "assets"), { recursive: true });
    writeFileSync(join(out, "model.json"), "the old layout's output");
    const killed = await exited(cli(out, [], { FOLIO_TEST_KILL_AT: "migrating" }));
    expect(killed.signal, killed.stderr).toBe("SIGKILL");
    // Killed between moving the folder aside and linking to it: the old output is whole beside.
    const moved = beside(out).filter((f) => /^dist\.[0-9a-z]{9}-\d+$/.test(f));
    expect(moved).toHaveLength(1);
    expect(readFileSync(join(out, "..", moved[0]!, "model.json"), "utf8")).toBe("the old layout's output");
    // The next start links dist to it again before anything else (here killed right after writing).
    const recovering = await exited(cli(out, [], { FOLIO_TEST_KILL_AT: "written" }));
    expect(recovering.signal).toBe("SIGKILL");
    expect(readlinkSync(out)).toBe(moved[0]);
    expect(readFileSync(join(out, "model.json"), "utf8")).toBe("the old layout's output");
    const again = await exited(cli(out));
    expect(again.code, again.stderr).toBe(0);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expectWhole(out);
    expect(beside(out)).toEqual(["dist", readlinkSync(out)].sort());
  }, 120_000);

  it("runs two builds at once without sharing a folder: each waits for the lock, the last one wins, whole", async () => {
    const out = join(tmp, "concurrent", "dist");
    const [a, b] = await Promise.all([exited(cli(out, ["--site-url", "https://a.example"])), exited(cli(out, ["--site-url", "https://b.example"]))]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expectWhole(out);
    const url = (JSON.parse(readFileSync(join(out, "model.json"), "utf8")) as { site: { url: string } }).site.url;
    expect(["https://a.example", "https://b.example"]).toContain(url);
    expect(beside(out)).toEqual(["dist", readlinkSync(out)].sort());

    // While another holds the lock (here the test), both wait, and neither writes a thing.
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: process.pid }));
    const seen = [{ stderr: "" }, { stderr: "" }];
    const loud = (url: string, i: number) => exited(spawn(node, ["scripts/build.ts", "--articles", "test/fixtures/articles", "--out", out, "--site-url", url], { cwd: repo, stdio: ["ignore", "pipe", "pipe"] }), seen[i]);
    const both = Promise.all([loud("https://c.example", 0), loud("https://d.example", 1)]);
    const waiting = `waiting for build process ${process.pid} to finish writing dist/`;
    for (let i = 0; i < 1200 && !seen.every((s) => s.stderr.includes(waiting)); i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen.map((s) => s.stderr.includes(waiting))).toEqual([true, true]);
    expect(beside(out).filter((f) => f.endsWith(".partial"))).toEqual([]);
    rmSync(`${out}.lock`);
    const [c, d] = await both;
    expect([c.code, d.code]).toEqual([0, 0]);
    expectWhole(out);
    expect(beside(out)).toEqual(["dist", readlinkSync(out)].sort());
  }, 180_000);

  it("takes over a lock left by a process that is gone, and waits for (then gives up on) one that is running", async () => {
    const out = join(tmp, "locks", "dist");
    mkdirSync(join(tmp, "locks"), { recursive: true });
    const gone = spawnSync(node, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(`${out}.lock`, JSON.stringify({ pid: Number(gone.stdout) }));
    await writeOutput(out, new Map([["model.json", "one"]]));
    expect(readFileSync(join(out, "model.json"), "utf8")).toBe("one");
    expect(existsSync(`${out}.lock`)).toBe(false);

    writeFileSync(`${out}.lock`, JSON.stringify({ pid: process.pid })); // a running process holds it
    const waits: string[] = [];
    await expect(writeOutput(out, new Map([["model.json", "two"]]), { lockTimeoutMs: 300, progress: (l) => waits.push(l) })).rejects.toThrow(
      `${out}.lock is held by build process ${process.pid}, still running after 0 s: stop it, or remove the lock if that process is not a build`,
    );
    expect(waits).toEqual([`waiting for build process ${process.pid} to finish writing dist/`]);
    expect(readFileSync(join(out, "model.json"), "utf8")).toBe("one");
    rmSync(`${out}.lock`);
  });
});
