/**
 * BENCHMARKS.md is generated, all of it (issue 9): scripts/bench/report.ts renders it from a
 * run's results, and the only numbers it may add of its own are the targets and plan limits
 * of scripts/bench/targets.ts and the section numbers. The fixture, bench/fixtures/results-small.json,
 * is a trimmed copy of a recorded run's results.json with the fields later measurements add
 * (304 baselines, asset files, dev loop) filled in by hand, so that every section renders.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gzipLevel } from "../../scripts/bench/bundle-size.ts";
import { reachAt } from "../../scripts/bench/capacity.ts";
import { FILE_LIMIT, PACK_BOUND } from "../../src/build/packs.ts";
import { BUDGET } from "../../src/worker/budget.ts";
import { renderReport } from "../../scripts/bench/report.ts";
import type { Results } from "../../scripts/bench/results.ts";
import { changeTargets, KiB, limits, MiB, plans, sizes } from "../../scripts/bench/targets.ts";
import { repo } from "../../scripts/bench/util.ts";
import { startupPollMs } from "../../scripts/bench/workerd.ts";

const fixture = JSON.parse(readFileSync(join(repo, "bench/fixtures/results-small.json"), "utf8")) as Results;
const render = (r: Results) => renderReport(r, join(repo, "bench/scale.svg"), join(repo, "BENCHMARKS.md"));
const clone = (): Results => structuredClone(fixture);

/** Fields that identify a row rather than measure it (the report looks rows up by them). */
const identity = new Set(["articles", "n", "status", "kind", "method", "level"]);

/**
 * Every measured number in the results moved by a different amount, and every digit of every
 * string shifted (dates, versions, names), identity fields aside.
 */
function perturb(value: unknown, key = "", counter = { i: 0 }): unknown {
  if (identity.has(key)) return value;
  if (typeof value === "number") return value * (1.3 + 0.37 * (counter.i++ % 11)) + 0.61;
  if (typeof value === "string") return value.replace(/\d/g, (d) => String((Number(d) + 3) % 10));
  if (Array.isArray(value)) return value.map((v) => perturb(v, key, counter));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, perturb(v, k, counter)]));
  return value;
}

/** Every number as written in a line: 12, 0.95, 1,000, 3.14 … */
const number = /(?<![A-Za-z\d.,])\d+(?:[.,]\d+)*/g;
const numbers = (line: string): string[] => [...(line.match(number) ?? [])];

/**
 * The numbers of `before` that are the same in `after`, line by line: position by position
 * where the line reads the same but for its numbers, else any number the changed line also holds.
 */
function unchanged(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => {
    const other = b[i]!;
    const [x, y] = [numbers(line), numbers(other)];
    if (line.replace(number, "#") === other.replace(number, "#")) return x.filter((v, j) => v === y[j]);
    return x.filter((v) => y.includes(v));
  });
}

/** How the report writes its own constants, and the identity values of the fixture. */
function allowed(r: Results): Set<string> {
  const forms = (v: number) => [String(v), v.toLocaleString("en"), v.toFixed(1), v.toFixed(2)];
  // The issue numbers of the targets table (16: the cost of a change), and the three periods of os.loadavg() (1, 5, 15 minutes).
  const values: number[] = [gzipLevel, startupPollMs, ...Object.values(sizes), 5, 10, 11, 12, 16, 1, 15];
  // The code's own bounds that the capacity section names (packs, one asset file, the isolate's budget).
  values.push(PACK_BOUND / MiB, FILE_LIMIT / MiB, BUDGET / MiB);
  for (const v of Object.values(limits)) values.push(v, v / KiB, v / 1000, v / 60, Math.round((v - 1) * 100));
  for (const p of plans) values.push(p.scriptBytes / MiB, p.assetFiles, p.assetFileBytes / MiB, p.startupMs, p.cpuMs ?? 0);
  for (const s of r.scale) values.push(s.articles);
  for (const x of r.routes ?? []) values.push(x.status);
  for (const x of r.isolate ?? []) values.push(x.status);
  for (const d of r.devLoop ?? []) values.push(d.articles);
  for (const t of changeTargets) values.push(t.articles, t.devMs, t.devMs / 1000, t.oneNoteS, t.coldS, t.rssMiB, t.rssMiB / 1024);
  for (const c of r.changeCost ?? []) values.push(c.articles);
  return new Set(values.flatMap(forms));
}

describe("BENCHMARKS.md from recorded results", () => {
  const text = render(fixture);

  it("renders every section from the fixture", () => {
    for (const heading of ["## Capacity: how far it goes", "## Targets", "## 1. Throughput per route and its 304", "## 2. Cost per request inside the isolate", "## 5. Scale", "## 6. Dev loop", "## 7. The cost of a change: edit → page, one note, cold build", "## 8. Load against `wrangler dev`", "## 9. Covers and Open Graph images: whole vs the text block on a background", "## Findings"]) {
      expect(text).toContain(heading);
    }
  });

  it("holds no number of its own: every number changes when the results change, but targets, limits and row keys", () => {
    const changed = render(perturb(clone()) as Results);
    const ok = allowed(fixture);
    const unexplained = unchanged(text, changed).filter((n) => !ok.has(n));
    // Section numbers in headings are the report's own numbering.
    const headings = new Set([...text.matchAll(/^## (\d+)\./gm)].map((m) => m[1]!));
    expect(unexplained.filter((n) => !headings.has(n))).toEqual([]);
  });

  it("shows a changed figure and turns the verdict it decides", () => {
    expect(text).toMatch(/\| 10 \| Every 304 ≥ 0\.8 of a constant worker's 304 carrying only an ETag \| [^|]* \| \*\*met\*\*/);
    const r = clone();
    r.routes!.find((x) => x.name === "EPUB" && x.kind === "304")!.ratioEtagOnly = { median: 0.7123, min: 0.7, max: 0.73, n: 3 };
    const after = render(r);
    expect(after).toMatch(/\| 10 \| Every 304 ≥ 0\.8 of a constant worker's 304 carrying only an ETag \| [^|]* \| \*\*missed\*\* \| EPUB: 0\.712 \|/);
    expect(after).toContain("**0.71 (0.70–0.73)** | **fail**");
  });

  it("takes the load table from the results, and leaves it out when the run recorded none", () => {
    const r = clone();
    r.load!.requestsPerSecond = 4321.4;
    expect(render(r)).toMatch(/\| \d+ \| 4321 \|/);
    delete r.load;
    expect(render(r)).not.toContain("Load against `wrangler dev`");
  });

  it("puts the covers' row from the results: ms per article each way, the ratio and the difference in the pixels", () => {
    const r = clone();
    r.cards = { ...r.cards!, oldCpuMs: { median: 151.25, min: 150, max: 152.5, n: 2 }, newCpuMs: { median: 60.5, min: 60, max: 61, n: 2 }, ratio: { median: 2.5, min: 2.46, max: 2.54, n: 2 }, compared: 40, identical: 40 };
    const row = render(r).split("\n").find((line) => line.startsWith("| CPU, one thread |"));
    expect(row).toMatch(/^\| CPU, one thread \| 151\.3 \(150\.0–152\.5\) \| 60\.5 \(60\.0–61\.0\) \| \*\*2\.50 \(2\.46–2\.54\)\*\* \| [^|]+ \| [^|]+ \| none: every PNG the same bytes \(40 compared\) \|$/);
    r.cards = { ...r.cards, identical: 37, differingPixels: 1234, maxChannelDiff: 3 };
    expect(render(r)).toContain("| 3 PNGs not byte-identical, 1,234 pixels in them differ, by at most 3 of 255 in one channel (40 compared) |");
    delete r.cards;
    expect(render(r)).not.toContain("Covers and Open Graph images");
  });

  it("renders the issue's table of the cost of a change, each figure from its row, against the issue's targets", () => {
    // The fixture's rows: 1,000 articles meets the dev loop only; 10,000 misses the cold build only.
    expect(text).toContain("| articles | edit → page in dev | build after one note changed | cold build | peak RSS (cold) |");
    expect(text).toContain("| 1,000 | 246 ms (231–262); target ≤ 300 ms: **met** | 1.83 s (1.79–1.91); target ≤ 1 s: **missed** | 31.2 s; target ≤ 20 s: **missed** | 700 MiB; target ≤ 512 MiB: **missed** |");
    expect(text).toContain("| 10,000 | 905 ms (870–990); target ≤ 1 s: **met** | 4.12 s (3.98–4.40); target ≤ 5 s: **met** | 291.0 s; target ≤ 180 s: **missed** | 980 MiB; target ≤ 1 GiB: **met** |");
    expect(text).toContain("| 100 | 180 ms (170–205) | 2.30 s (2.21–2.48) | 6.1 s | 393 MiB |"); // no target at this size
    expect(text).toMatch(/\| 16 \| 1,000 articles: edit → page in dev ≤ 300 ms \| 246 ms \(231–262\) \| \*\*met\*\* \| – \|/);
    expect(text).toMatch(/\| 16 \| 10,000 articles: cold build ≤ 180 s \| 291\.0 s \| \*\*missed\*\* \| 111\.0 s over \|/);
    expect(text).toMatch(/\| 16 \| 1,000 articles: peak RSS \(cold\) ≤ 512 MiB \| 700 MiB \| \*\*missed\*\* \| 188 MiB over \|/);
    expect(text).toMatch(/\| 1,000 \| 444 MiB \| 150 \(141–166\) \| none \| 96 \(90–101\) \| 0 \| 2026-12-05 13:20 UTC \| `5c0ffee12345` \|/);

    // A slower dev loop turns its verdict; a row measured without the dev loop says so.
    const r = clone();
    const row = r.changeCost!.find((c) => c.articles === 1000)!;
    row.dev!.totalMs = { median: 301.4, min: 290, max: 320, n: 3 };
    delete r.changeCost!.find((c) => c.articles === 10_000)!.dev;
    const after = render(r);
    expect(after).toContain("| 1,000 | 301 ms (290–320); target ≤ 300 ms: **missed** |");
    expect(after).toMatch(/\| 16 \| 1,000 articles: edit → page in dev ≤ 300 ms \| 301 ms \(290–320\) \| \*\*missed\*\* \| 1 ms over \|/);
    expect(after).toContain("| 10,000 | not measured; target ≤ 1 s: not measured |");
    expect(after).toMatch(/\| 16 \| 10,000 articles: edit → page in dev ≤ 1 s \| not measured in this run \| – \|/);
  });

  it("says 'not measured' for a target whose figures the run did not record", () => {
    const r = clone();
    delete r.routes;
    delete r.devLoop;
    delete r.changeCost;
    const out = render(r);
    expect(out).toMatch(/\| 10 \| Every route and its 304 ≥ 0\.95 [^|]* \| not measured in this run \| – \|/);
    expect(out).toMatch(/\| 11 \| Dev loop at 1,000 articles[^|]* \| not measured in this run \| – \|/);
    expect(out).not.toContain("## 6. Dev loop");
    expect(out).not.toContain("The cost of a change:");
    for (const t of changeTargets) expect(out).toMatch(new RegExp(`\\| 16 \\| ${t.articles.toLocaleString("en")} articles: cold build ≤ ${t.coldS} s \\| not measured in this run \\| – \\|`));
  });

  it("carries the growth between the two largest corpora to each plan's limit, and says where it does not grow", () => {
    expect(reachAt({ articles: 1000, value: 100 }, { articles: 10_000, value: 1000 }, 20_000)).toBe(200_000);
    expect(reachAt({ articles: 1000, value: 100 }, { articles: 10_000, value: 100 }, 20_000)).toBeUndefined();
    const r = clone();
    const rows = [...r.scale].sort((a, b) => a.articles - b.articles);
    const [a, b] = rows.slice(-2);
    a!.assetFiles = 100;
    b!.assetFiles = 100 + (b!.articles - a!.articles);
    const expected = Math.round((b!.articles + (plans[0]!.assetFiles - b!.assetFiles) / 1) / 1000) * 1000;
    expect(render(r)).toContain(`| static asset files | 100 | ${b!.assetFiles.toLocaleString("en")} | Workers Free: about ${expected.toLocaleString("en")};`);
  });
});
