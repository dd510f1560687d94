/**
 * The build as a graph of steps (src/build/steps.ts, build.ts `buildSteps`): the declared graph
 * is valid (one writer per product, nothing read that nothing writes, no cycle); each step of a
 * real build gets exactly the products it declared it reads, and returns exactly those it
 * declared it writes; a graph that breaks a rule, or a step that returns what it did not declare,
 * fails with a message naming it.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureContent } from "./fixture-project.ts";
import { build, buildSteps, type Products } from "../../src/build/build.ts";
import { orderSteps, runSteps, StepGraphError, stepOf, type Step } from "../../src/build/steps.ts";

let tmp: string;
let content: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-steps-"));
  content = fixtureContent(tmp, ["fixture-harbour-lights-return", "fixture-figure-and-table"]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Toy = { a: number; b: number; c: number; d: number };
const toy = stepOf<Toy>();

describe("the build's steps", () => {
  it("form a valid graph over the given options, progress and scratch folder, run in their declared order", () => {
    const ordered = orderSteps(buildSteps, ["options", "progress", "scratch"]);
    expect(ordered.map((s) => s.name)).toEqual(buildSteps.map((s) => s.name));
    const writers = buildSteps.flatMap((s) => s.writes);
    expect(new Set(writers).size).toBe(writers.length);
    // Every product is made for a reason: read by a later step, or returned by the build.
    const read = new Set(buildSteps.flatMap((s) => s.reads));
    for (const product of writers) expect(read.has(product) || ["counts", "warnings", "made", "written"].includes(product), product).toBe(true);
  });

  it("hand each step of a real build only what it declared it reads, and take what it declared it writes", async () => {
    const seen = new Map<string, string[]>();
    const lines: string[] = [];
    const watched = buildSteps.map((s): Step<Products> => ({
      ...s,
      run: ((input: Record<string, unknown>) => {
        seen.set(s.name, Object.keys(input).sort());
        expect(Object.isFrozen(input)).toBe(true);
        return (s.run as (input: unknown) => unknown)(input);
      }) as Step<Products>["run"],
    }));
    const options = { contentDir: content, root: content, outDir: join(tmp, "dist"), cache: false as const, progress: (l: string) => lines.push(l) };
    const scratch = mkdtempSync(join(tmp, "scratch-"));
    const { written, corpus } = await runSteps(watched, { options, progress: options.progress, scratch }, ["written", "corpus"], { started: (i, n, name) => lines.push(`step ${i}/${n}: ${name}`) });
    expect(corpus.articles.map((a) => a.slug).sort()).toEqual(["fixture-figure-and-table", "fixture-harbour-lights-return"]);
    expect(written.files).toBeGreaterThan(10);
    for (const s of buildSteps) expect(seen.get(s.name), s.name).toEqual([...s.reads].sort());
    expect(lines.filter((l) => l.startsWith("step ")).map((l) => l.replace(/^step \d+\/\d+: /, ""))).toEqual(buildSteps.map((s) => s.name));
    // One writer of the record: dist/assets.json holds each article's own pages too.
    const record = JSON.parse(readFileSync(join(tmp, "dist/assets.json"), "utf8")) as Record<string, unknown>;
    expect(record["/articles/fixture-harbour-lights-return"]).toBeDefined();
    expect(record["/articles/fixture-figure-and-table.epub"]).toBeDefined();
  });

  it("name each step in the build's progress as [i/N]", async () => {
    const lines: string[] = [];
    await build({ contentDir: content, root: content, outDir: join(tmp, "dist2"), cache: false, articleFiles: false, progress: (l) => lines.push(l) });
    const steps = lines.filter((l) => l.startsWith("step "));
    expect(steps).toEqual(buildSteps.map((s, i) => `step ${i + 1}/${buildSteps.length}: ${s.name}`));
  });
});

describe("a build without a cache folder", () => {
  it("keeps its built files and packs in a scratch folder of its own, removed after, and writes the same bytes", async () => {
    const scratches = () => readdirSync(tmpdir()).filter((f) => f.startsWith("folio-build-")).length;
    const run = async (env: Record<string, string>, out: string) => {
      const before = { ...process.env };
      Object.assign(process.env, env);
      try {
        await build({ contentDir: content, root: content, outDir: out });
      } finally {
        for (const k of Object.keys(env)) delete process.env[k];
        Object.assign(process.env, before);
      }
    };
    await run({ FOLIO_CACHE_DIR: join(tmp, "cache") }, join(tmp, "kept/dist"));
    // The same output folder again (so each output's recorded last change is carried over), without a cache.
    cpSync(join(tmp, "kept"), join(tmp, "none"), { recursive: true, verbatimSymlinks: true });
    const left = scratches();
    await run({ FOLIO_NO_CACHE: "1" }, join(tmp, "none/dist"));
    expect(scratches()).toBe(left);
    const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(join(dir, f)).isFile()).sort();
    const kept = realpathSync(join(tmp, "kept/dist"));
    const none = realpathSync(join(tmp, "none/dist"));
    expect(files(none)).toEqual(files(kept));
    expect(files(kept).some((f) => f.startsWith("assets/_packs/"))).toBe(true);
    for (const f of files(kept)) expect(readFileSync(join(none, f)).equals(readFileSync(join(kept, f))), f).toBe(true);
  });
});

describe("the step runner", () => {
  const a = toy({ name: "make a", reads: [], writes: ["a"], run: () => ({ a: 1 }) });
  const b = toy({ name: "make b", reads: ["a"], writes: ["b"], run: ({ a }) => ({ b: a + 1 }) });

  it("refuses a product with two writers, a product nothing writes, and a cycle, naming them", () => {
    expect(() => orderSteps([a, b, toy({ name: "also a", reads: [], writes: ["a"], run: () => ({ a: 2 }) })], [])).toThrow(/"a" is written by both "make a" and "also a"/);
    expect(() => orderSteps([b], [])).toThrow(/step "make b" reads "a", which no step writes/);
    const c = toy({ name: "make c", reads: ["d"], writes: ["c"], run: ({ d }) => ({ c: d }) });
    const d = toy({ name: "make d", reads: ["c"], writes: ["d"], run: ({ c }) => ({ d: c }) });
    expect(() => orderSteps([a, c, d], [])).toThrow(/cycle: make c → make d → make c/);
    expect(() => orderSteps([a, c, d], [])).toThrow(StepGraphError);
    // A step declared before what it reads runs after it.
    expect(orderSteps([b, a], []).map((s) => s.name)).toEqual(["make a", "make b"]);
  });

  it("hands a step nothing it did not declare, and refuses what it returns undeclared or leaves out", async () => {
    const peek = toy({ name: "peek", reads: ["b"], writes: ["c"], run: (input) => ({ c: Object.keys(input).length * 10 + ((input as Partial<Toy>).a ?? 0) }) });
    expect(await runSteps([a, b, peek], {}, ["c"])).toEqual({ c: 10 });
    const extra = toy({ name: "extra", reads: ["a"], writes: ["b"], run: ({ a }) => ({ b: a, c: 3 }) as { b: number } });
    await expect(runSteps([a, extra], {}, ["b"])).rejects.toThrow(/step "extra" returned "c", which it does not declare/);
    const none = toy({ name: "none", reads: ["a"], writes: ["b"], run: () => ({}) as { b: number } });
    await expect(runSteps([a, none], {}, ["b"])).rejects.toThrow(/step "none" declares it writes "b" but returned none/);
  });

  it("disposes of what finished steps left running when a later step fails", async () => {
    const disposed: number[] = [];
    const kept = toy({ name: "start", reads: [], writes: ["a"], run: () => ({ a: 7 }), dispose: ({ a }) => void disposed.push(a) });
    const fails = toy({ name: "fail", reads: ["a"], writes: ["b"], run: () => {
      throw new Error("bad content");
    } });
    await expect(runSteps([kept, fails], {}, ["b"])).rejects.toThrow("bad content");
    expect(disposed).toEqual([7]);
    // Once the last step that reads a product has run, that product is let go, and what it held is that step's.
    const takes = toy({ name: "take a", reads: ["a"], writes: ["b"], run: ({ a }) => ({ b: a }) });
    const later = toy({ name: "fail later", reads: ["b"], writes: ["c"], run: () => {
      throw new Error("bad later");
    } });
    await expect(runSteps([kept, takes, later], {}, ["c"])).rejects.toThrow("bad later");
    expect(disposed).toEqual([7]);
  });
});
