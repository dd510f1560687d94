/**
 * npm run build [-- --content DIR] [--articles DIR]… [--out DIR] [--site-url URL]
 *   [--feed-items N] [--page-size N]
 * --site-url, --feed-items and --page-size override content/site.yaml: npm start serves under
 * http://127.0.0.1:8787, and the tests list two items so that older articles are read from
 * the static assets rather than the bundle, and two articles a page so that lists have pages.
 * Runs the build's steps (src/build/build.ts, buildSteps) and writes dist/ (a link to the
 * current output, switched in one step: src/build/output.ts). On bad content it prints every
 * problem as `file:line field: message`, writes nothing and exits with status 1. Warnings
 * (a note re-anchored to a slightly changed phrase) are printed as
 * `file:line field: warning: message` and do not fail the build.
 * Covers and OG images are rendered on every core. What the build makes is kept in one folder,
 * .cache/folio at the project's root (src/build/cache-dir.ts; FOLIO_CACHE_DIR moves it), so a
 * rebuild makes only new or changed things; FOLIO_NO_CACHE=1 makes them all. The build's own
 * TypeScript is kept there stripped of its types too (src/build/code-cache.ts), so that the
 * process starts without stripping it again.
 * Progress goes to stderr: on a terminal one line updated in place, naming the step and how far
 * it is (n/N); otherwise a plain line per step and one now and then (src/build/progress-line.ts).
 * --quiet prints none.
 */
import { parseArgs } from "node:util";
import type { ContentProblem } from "../src/content/errors.ts";
import { cacheDirFromEnv } from "../src/build/cache-dir.ts";
import { cacheStrippedCode } from "../src/build/code-cache.ts";

// The project's TypeScript, stripped of its types once and kept in the cache folder
// (src/build/code-cache.ts): installed before the build's modules are imported, below.
const codeDir = cacheDirFromEnv("code");
if (codeDir !== undefined) cacheStrippedCode(codeDir);
const [{ build }, { progressLine }, { ContentError, formatProblem }] = await Promise.all([
  import("../src/build/build.ts"),
  import("../src/build/progress-line.ts"),
  import("../src/content/errors.ts"),
]);

const { values } = parseArgs({
  options: {
    content: { type: "string", default: "content" },
    articles: { type: "string", multiple: true },
    out: { type: "string", default: "dist" },
    "site-url": { type: "string" },
    "feed-items": { type: "string" },
    "page-size": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

/** Warnings go to stderr after the result: the build succeeded, but an editor should look. */
function printWarnings(warnings: readonly ContentProblem[]): void {
  if (warnings.length === 0) return;
  // Warnings ask an editor to look, notices say what the build decided: the heading counts each.
  const count = (kind: string, k: number) => (k === 0 ? [] : [`${k} ${kind}${k === 1 ? "" : "s"}`]);
  const notices = warnings.filter((w) => w.severity === "notice").length;
  console.error(`${[...count("warning", warnings.length - notices), ...count("notice", notices)].join(", ")}:`);
  for (const w of warnings) console.error(formatProblem(w));
}

const line = progressLine(process.stderr);
const progress = (text: string) => {
  if (!values.quiet) line.update(text);
};

try {
  const summary = await build({
    contentDir: values.content,
    ...(values.articles ? { articleDirs: values.articles } : {}),
    outDir: values.out,
    ...(values["site-url"] ? { siteUrl: values["site-url"] } : {}),
    ...(values["feed-items"] ? { feedItems: Number(values["feed-items"]) } : {}),
    ...(values["page-size"] ? { pageSize: Number(values["page-size"]) } : {}),
    progress,
  });
  line.done();
  printWarnings(summary.warnings);
  console.log(
    `Built ${summary.articles} article${summary.articles === 1 ? "" : "s"}, ${summary.annotations} annotations anchored, ` +
      `${summary.files} files (${(summary.bytes / 1024).toFixed(0)} KiB) written to ${values.out}/ in ${(summary.ms / 1000).toFixed(2)} s`,
  );
} catch (error) {
  line.done();
  if (error instanceof ContentError) {
    console.error(`Build failed: ${error.problems.length} problem${error.problems.length === 1 ? "" : "s"} in the content. Nothing was written; ${values.out}/ is unchanged.`);
    for (const p of error.problems) console.error(formatProblem(p));
    printWarnings(error.warnings);
    process.exit(1);
  }
  console.error(`Build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  console.error(`Nothing was written; ${values.out}/ is unchanged.`);
  process.exit(2);
}
