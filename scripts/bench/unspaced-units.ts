/**
 * How to split a query in a script written without spaces, measured where it matters: the first
 * request of a fresh process (code unoptimized, nothing loaded, as in a new isolate). For each
 * way, a new `node` child splits one query and times it:
 *
 * - `Intl.Segmenter` with word granularity (a dictionary: building the segmenter loads ICU's
 *   break data, and its first segmentation more);
 * - overlapping character pairs as src/search/terms.ts makes them (`queryUnits`, `runUnits`).
 *
 *   node scripts/bench/unspaced-units.ts [--runs 7]
 *
 * Clock ms, the fastest of `--runs` children. Folio splits by pairs (terms.ts): the segmenter's
 * first use alone is over the 10 ms a search's first request may take in all. Measured with Node
 * 22 on a shared 2-core machine (5 runs): building the segmenter 32–40 ms and its first split
 * 3–13 ms (zh, ja, th); the pairs' first split 1.8–3.3 ms, nothing to build. The pairs' cost is
 * mostly the first test of a character against the Unicode expression in terms.ts's isWordChar
 * (Thai), which the code-point ranges there spare Chinese and Japanese.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const queries = { zh: "中俄是搬不走的好邻居", ja: "東京タワーは夜になると明るく光ります", th: "ตลาดน้ำเปิดตั้งแต่เช้ามืด" };
type Lang = keyof typeof queries;

async function child(way: string, lang: Lang): Promise<void> {
  const q = queries[lang];
  const now = () => performance.now();
  if (way === "segmenter") {
    let t = now();
    const segmenter = new Intl.Segmenter(lang, { granularity: "word" });
    const createMs = now() - t;
    t = now();
    const units = [...segmenter.segment(q)].filter((s) => s.isWordLike).map((s) => s.segment);
    process.stdout.write(JSON.stringify({ createMs, firstMs: now() - t, units }));
  } else {
    let t = now();
    const { queryUnits, runUnits, tokensAt, fold } = await import("../../src/search/terms.ts");
    const loadMs = now() - t;
    t = now();
    const runs = tokensAt(q).filter((x) => x.unspaced).map((x) => fold(x.text));
    const units = runs.flatMap((r) => queryUnits(r));
    runs.flatMap((r) => runUnits(r));
    process.stdout.write(JSON.stringify({ createMs: loadMs, firstMs: now() - t, units }));
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child") return child(argv[1]!, argv[2] as Lang);
  const i = argv.indexOf("--runs");
  const runs = i === -1 ? 7 : Number(argv[i + 1]);
  console.log(`| way | language | setup (ms) | first split (ms) | units |`);
  console.log(`|---|---|---|---|---|`);
  for (const way of ["segmenter", "pairs"]) {
    for (const lang of Object.keys(queries) as Lang[]) {
      const got: { createMs: number; firstMs: number; units: string[] }[] = [];
      for (let r = 0; r < runs; r++) {
        const res = spawnSync(process.execPath, [self, "--child", way, lang], { encoding: "utf8" });
        if (res.status !== 0) throw new Error(`child failed: ${res.stderr}`);
        got.push(JSON.parse(res.stdout));
      }
      const best = (f: (x: (typeof got)[number]) => number) => Math.min(...got.map(f)).toFixed(2);
      // The pairs need nothing set up: terms.ts is code every search loads anyway.
      const setup = way === "pairs" ? "none" : best((x) => x.createMs);
      console.log(`| ${way === "pairs" ? "character pairs (terms.ts)" : "Intl.Segmenter, word"} | ${lang} | ${setup} | ${best((x) => x.firstMs)} | ${got[0]!.units.join(" / ")} |`);
    }
  }
}

await main(process.argv.slice(2));
