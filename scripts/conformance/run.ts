/**
 * npm run test:conformance  (= npm run build:test && node scripts/conformance/run.ts)
 *   node scripts/conformance/run.ts [word…]   only the checks whose name contains a word
 *
 * Starts `wrangler dev` on a free loopback port over the already-built dist/, runs every
 * conformance check against it, stops it (always), and prints one PASS/FAIL line per check,
 * then `N passed, M failed` alone on the last line. Exits 1 on any failure, and a check whose
 * checker (EPUBCheck, Chromium, python feedparser, wrk: scripts/conformance/tools.ts) is missing fails.
 * FOLIO_LOAD_SECONDS sets the load run's length (default 30).
 */
import { browserCheck } from "./browser.ts";
import { formatResult, runCheck, summaryLine, type Check } from "./check.ts";
import { contentTypesCheck } from "./content-types.ts";
import { epubCheck } from "./epubcheck.ts";
import { hostileFixtureCheck, hostileOutputsCheck } from "./hostile-content.ts";
import { jsonFeedCheck, tagJsonFeedsCheck } from "./json-feed.ts";
import { Live } from "./live.ts";
import { loadCheck } from "./load.ts";
import { oddMethodsCheck } from "./odd-methods.ts";
import { opdsCheck, opdsCollectionsCheck, opdsTagsCheck } from "./opds.ts";
import { readerViewCheck } from "./reader-view.ts";
import { searchHostileCheck } from "./search.ts";
import { startServer, type Server } from "./server.ts";
import { w3cAnchoringCheck } from "./w3c-anchoring.ts";
import { atomCheck, rssCheck, tagXmlFeedsCheck } from "./xml-feeds.ts";

const checks: Check[] = [contentTypesCheck, rssCheck, atomCheck, jsonFeedCheck, tagXmlFeedsCheck, tagJsonFeedsCheck, opdsCheck, opdsTagsCheck, opdsCollectionsCheck, epubCheck, browserCheck, readerViewCheck, w3cAnchoringCheck, hostileFixtureCheck, hostileOutputsCheck, searchHostileCheck, oddMethodsCheck, loadCheck];

const words = process.argv.slice(2).map((w) => w.toLowerCase());
const selected = words.length ? checks.filter((c) => words.some((w) => c.name.toLowerCase().includes(w))) : checks;

let server: Server | undefined;
let live: Live | undefined;
const shutdown = async () => {
  for (const cleanup of live?.cleanups.splice(0) ?? []) await cleanup().catch(() => {});
  await server?.stop();
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void shutdown().finally(() => process.exit(130)));
}

let passed = 0;
let failed = 0;
try {
  server = await startServer();
  console.log(`wrangler dev answering on ${server.origin}`);
  live = new Live(server.origin, server.pid);
  for (const check of selected) {
    const started = performance.now();
    const problems = await runCheck(check, live);
    if (problems.length === 0) passed++;
    else failed++;
    console.log(`${formatResult(check.name, problems)}${problems.length === 0 ? ` (${((performance.now() - started) / 1000).toFixed(1)} s)` : ""}`);
  }
} catch (error) {
  failed++;
  console.log(`FAIL server: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await shutdown();
}
console.log(summaryLine(passed, failed));
process.exit(failed > 0 ? 1 : 0);
