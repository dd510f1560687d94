/**
 * node scripts/epubcheck.ts [FILE.epub…]
 * Runs EPUBCheck on the given books, or on every EPUB the build packed in dist/ (taken out of
 * its pack into a temporary folder first), and fails on
 * any fatal error, error or warning, printing each with its file and place.
 * Uses Debian's EPUBCheck 4.2.6 (`apt-get install epubcheck`), run through java because
 * Debian's /usr/bin/epubcheck link can be broken; EPUBCHECK_JAR points elsewhere.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { readBuilt } from "../src/build/packs.ts";
import type { PackTable } from "../src/model/assets.ts";

const jar = process.env.EPUBCHECK_JAR ?? "/usr/share/java/epubcheck.jar";
const failing = new Set(["FATAL", "ERROR", "WARNING"]);

interface Report {
  messages: { ID: string; severity: string; message: string; locations: { path: string; line: number; column: number }[] }[];
  checker: { checkerVersion: string };
}

const java = spawnSync("java", ["-version"], { encoding: "utf8" });
if (!existsSync(jar) || java.error || java.status !== 0) {
  console.error(`EPUBCheck not found (${!existsSync(jar) ? `no ${jar}` : "no java"}).`);
  console.error("Install it with:  apt-get update && apt-get install -y epubcheck");
  console.error("or set EPUBCHECK_JAR to the path of epubcheck.jar.");
  process.exit(2);
}

const tmp = mkdtempSync(join(tmpdir(), "epubcheck-"));
const table = "dist/packs.json";
const built = (): string[] => {
  if (!existsSync(table)) return [];
  const paths = (JSON.parse(readFileSync(table, "utf8")) as PackTable).path.filter((p) => p.endsWith(".epub")).sort();
  return paths.map((path) => {
    const file = join(tmp, basename(path));
    writeFileSync(file, readBuilt("dist", path));
    return file;
  });
};
const files = process.argv.length > 2 ? process.argv.slice(2) : built();
if (files.length === 0) {
  console.error(`No EPUB to check: run \`npm run build\` first (it packs every EPUB into dist/assets/_packs, listed in ${table}), or name the files.`);
  rmSync(tmp, { recursive: true, force: true });
  process.exit(2);
}

let passed = 0;
let failed = 0;
try {
  for (const file of files) {
    const out = join(tmp, "report.json");
    const run = spawnSync("java", ["-jar", jar, file, "--json", out], { encoding: "utf8" });
    if (!existsSync(out)) {
      console.error(`${file}: EPUBCheck did not run (exit ${run.status}):\n${run.stderr || run.stdout}`);
      failed++;
      continue;
    }
    const report = JSON.parse(readFileSync(out, "utf8")) as Report;
    rmSync(out);
    const problems = report.messages.filter((m) => failing.has(m.severity));
    for (const m of problems) {
      const where = m.locations.map((l) => `${l.path}${l.line > 0 ? `:${l.line}:${l.column}` : ""}`).join(", ");
      console.error(`${file}: ${m.severity}(${m.ID}) ${where}: ${m.message}`);
    }
    if (problems.length === 0) {
      console.log(`ok ${file}: EPUBCheck ${report.checker.checkerVersion}, 0 errors, 0 warnings`);
      passed++;
    } else {
      console.error(`FAIL ${file}: ${problems.length} error${problems.length === 1 ? "" : "s"} or warning${problems.length === 1 ? "" : "s"}`);
      failed++;
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
