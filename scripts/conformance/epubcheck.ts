/**
 * EPUBCheck (Debian's epubcheck, EPUB 3.2 rules) on every EPUB the OPDS catalog lists (each
 * article's, and every collection volume of the collections' feed), exactly as downloaded from
 * the worker: 0 fatals, 0 errors, 0 warnings.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Check, Problems } from "./check.ts";
import type { Live } from "./live.ts";
import { listedCollectionEpubs, listedEpubs } from "./opds.ts";
import { epubcheckJar, missing } from "./tools.ts";


/** EPUBCheck's verdict on the bytes of one EPUB: one problem per message, naming the file inside the EPUB. */
export async function epubcheckProblems(name: string, bytes: Uint8Array): Promise<Problems> {
  if (!existsSync(epubcheckJar)) return [`${name}: EPUBCheck not found at ${epubcheckJar} (apt install epubcheck default-jre-headless)`];
  const dir = mkdtempSync(join(tmpdir(), "folio-epubcheck-"));
  const file = join(dir, basename(name).replace(/[^\w.-]/g, "_") || "book.epub");
  try {
    writeFileSync(file, bytes);
    const { code, output } = await run("java", ["-jar", epubcheckJar, file], 120_000);
    return parseEpubcheck(name, output.split(file).join(basename(file)), code);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** EPUBCheck's text output → problems: each FATAL/ERROR/WARNING line, or the summary when it doesn't add up. */
export function parseEpubcheck(name: string, output: string, exitCode: number | null): Problems {
  const messages = output.split("\n").filter((l) => /^(FATAL|ERROR|WARNING)\(/.test(l.trim()));
  const problems = messages.map((m) => `${name}: ${m.trim()}`);
  const summary = /Messages: (\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (!summary) problems.push(`${name}: EPUBCheck did not finish (exit ${exitCode}): ${output.trim().slice(-500)}`);
  else if (problems.length === 0 && summary.slice(1, 4).some((n) => n !== "0")) problems.push(`${name}: EPUBCheck reports ${summary[0]}`);
  if (summary && problems.length === 0 && exitCode !== 0) problems.push(`${name}: EPUBCheck exited with ${exitCode}`);
  return problems;
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", (e) => (clearTimeout(timer), resolve({ code: null, output: `cannot run ${command}: ${e.message}` })));
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

/** EPUBCheck of one EPUB URL on the running worker, once per run (the hostile-content check reuses it). */
export function checkEpubAt(live: Live, url: string): Promise<Problems> {
  return live.once(`epubcheck:${new URL(url).pathname}`, async () => {
    const { status, body } = await live.bytes(live.local(url));
    if (status !== 200) return [`${url} answered ${status}`];
    return epubcheckProblems(new URL(url).pathname, body);
  });
}

export const epubCheck: Check = {
  name: "epub: EPUBCheck on every EPUB served, the articles' and the collections' (0 errors, 0 warnings)",
  missingTool: missing("epubcheck"),
  async run(live) {
    const articles = (await listedEpubs(live)).acquisitions;
    if (articles.length === 0) return ["no EPUB was listed in /opds.xml: nothing to check (is src/epub producing EPUBs?)"];
    const collections = await listedCollectionEpubs(live);
    // The collections' feed's own problems (a book not listed) are the OPDS check's; none listed is this one's.
    if (collections.acquisitions.length === 0) return ["no collection EPUB was listed in the collections' OPDS feed: nothing to check (is src/collections producing them?)", ...collections.problems];
    const acquisitions = [...articles, ...collections.acquisitions];
    const problems: Problems = [];
    // Two at a time: EPUBCheck is a JVM start and a few seconds of CPU each.
    for (let i = 0; i < acquisitions.length; i += 2) {
      const batch = await Promise.all(acquisitions.slice(i, i + 2).map((a) => checkEpubAt(live, a.href)));
      problems.push(...batch.flat());
    }
    return problems;
  },
};
