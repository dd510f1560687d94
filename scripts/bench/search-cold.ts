/**
 * A search's first request in a fresh process, where the code runs unoptimized as in a new
 * isolate: builds the search files from a built document model (dist/model.json of a large
 * build, e.g. 10,000 synthetic articles) into a temporary directory, then, for each query, starts
 * a new `node` child that opens the index over those files and times its first search and a
 * second one (a different query of the same kind, so no page is kept from the first).
 *
 *   node scripts/bench/search-cold.ts [path/to/model.json] [--runs 7] [--keep DIR]
 *   node scripts/bench/search-cold.ts --index DIR [--runs 7]   (files kept by an earlier --keep)
 *
 * Times are clock ms, the fastest of `--runs` children (on a shared machine the fastest is the
 * one least held up by others; the thread's CPU time, process.threadCpuUsage, only moves in
 * scheduler ticks of a few ms). "first" is the first search (reading files included), "reading"
 * the part of it spent reading files from disk (in the worker those are asset fetches), "search"
 * the first less its reading, "render" the HTML page of the first search, "second" a second search.
 * Not part of `npm run bench`: a tool to measure changes to src/search/ against one corpus.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

interface Case {
  name: string;
  q: string;
  page?: number;
  /** The second, differently worded search timed in the same process. */
  then: string;
}

const cases: Case[] = [
  { name: "common word", q: "harbour", then: "minister" },
  { name: "common word 2", q: "minister", then: "harbour" },
  { name: "two common words", q: "harbour minister", then: "council river" },
  { name: "a name", q: "quito", then: "cadiz" },
  { name: "a name written with a diacritic", q: "cadiz", then: "krakow" },
  { name: "prefix", q: "harb", then: "mini" },
  { name: "prefix of several words", q: "mini", then: "harb" },
  { name: "typo", q: "harbor", then: "ministr" },
  { name: "5-word phrase", q: "the minister said the harbour", then: "council opened toward the river" },
  { name: "no hits", q: "zzzqqqxx", then: "qqqzzzyy" },
  { name: "page 2", q: "harbour", page: 2, then: "minister" },
  { name: "page 50", q: "harbour", page: 50, then: "minister" },
  // Scripts written without spaces: a run is looked up by character pairs (src/search/terms.ts);
  // one of more than two characters is then checked in the text of the articles holding them all.
  { name: "Chinese, two characters", q: "渔网", then: "邻居" },
  { name: "Chinese, seven characters", q: "搬不走的好邻居", then: "修补渔网" },
  { name: "a word and a Chinese run", q: "Xi 搬不走", then: "harbour 渔网" },
];

interface ChildResult {
  firstMs: number;
  firstReadMs: number;
  renderMs: number;
  secondMs: number;
  total: number;
  hits: number;
  top: string;
}

async function child(dir: string, q: string, page: number, then: string): Promise<void> {
  const { searcher } = await import("../../src/worker/search.ts");
  const { renderSearchPage } = await import("../../src/render/html/search-page.ts");
  const site = JSON.parse(readFileSync(join(dir, "site.json"), "utf8"));
  const now = () => performance.now();
  let readMs = 0;
  const loadFile = async (path: string) => {
    const t = performance.now();
    const data = new Uint8Array(readFileSync(join(dir, path)));
    readMs += performance.now() - t;
    return data;
  };
  const results = searcher(loadFile);
  const params = (text: string, p: number) => new URLSearchParams(p > 1 ? { q: text, page: String(p) } : { q: text });
  let t = now();
  const first = await results(params(q, page));
  const firstMs = now() - t;
  const firstReadMs = readMs;
  t = now();
  renderSearchPage(site, first);
  const renderMs = now() - t;
  readMs = 0;
  t = now();
  await results(params(then, page));
  const secondMs = now() - t;
  const out: ChildResult = { firstMs, firstReadMs, renderMs, secondMs, total: first.total, hits: first.hits.length, top: first.hits[0]?.slug ?? "" };
  process.stdout.write(JSON.stringify(out));
}

const fastest = (xs: number[]) => Math.min(...xs);

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child") return child(argv[1]!, argv[2]!, Number(argv[3]), argv[4]!);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv.splice(i, 2)[1];
  };
  const runs = Number(flag("--runs") ?? 7);
  const prebuilt = flag("--index");
  const keep = flag("--keep") ?? prebuilt;
  const modelPath = argv[0] ?? "dist/model.json";
  const dir = keep ?? mkdtempSync(join(tmpdir(), "folio-search-cold-"));
  try {
    if (!prebuilt) await buildInto(dir, modelPath);
    console.log(`\n| query | page | total | first | of it reading | search | render | second |`);
    console.log(`|---|---|---|---|---|---|---|---|`);
    for (const c of cases) {
      const got: ChildResult[] = [];
      for (let r = 0; r < runs; r++) {
        const res = spawnSync(process.execPath, [self, "--child", dir, c.q, String(c.page ?? 1), c.then], { encoding: "utf8" });
        if (res.status !== 0) throw new Error(`child failed for ${c.q}: ${res.stderr}`);
        got.push(JSON.parse(res.stdout) as ChildResult);
      }
      const m = (f: (x: ChildResult) => number) => fastest(got.map(f)).toFixed(2);
      console.log(`| ${c.name}: "${c.q}" | ${c.page ?? 1} | ${got[0]!.total} | ${m((x) => x.firstMs)} | ${m((x) => x.firstReadMs)} | ${m((x) => x.firstMs - x.firstReadMs)} | ${m((x) => x.renderMs)} | ${m((x) => x.secondMs)} |`);
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** The search files of the model's articles, as the build makes them, under `dir`. */
async function buildInto(dir: string, modelPath: string): Promise<void> {
    let t = performance.now();
    const model = JSON.parse(readFileSync(modelPath, "utf8"));
    console.log(`model: ${model.articles.length} articles (${((performance.now() - t) / 1000).toFixed(1)} s to read)`);
    const { searchIndexFiles } = await import("../../src/build/search-files.ts");
    t = performance.now();
    const files = searchIndexFiles(model.articles);
    const buildS = (performance.now() - t) / 1000;
    let bytes = 0;
    let largest = { path: "", size: 0 };
    for (const { path, data } of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), data);
      bytes += data.byteLength;
      if (path.includes("/b") && data.byteLength > largest.size) largest = { path, size: data.byteLength };
    }
    writeFileSync(join(dir, "site.json"), JSON.stringify(model.site));
    console.log(`index: built in ${buildS.toFixed(1)} s, ${files.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB; largest bucket ${largest.path} ${(largest.size / 1024).toFixed(0)} KiB`);
}

await main(process.argv.slice(2));
