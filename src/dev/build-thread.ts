/**
 * The dev server's build, in a thread of its own: its modules are loaded fresh whenever the
 * thread is replaced (after an edit to the build's code), and kept warm between content edits.
 * Which articles' EPUBs and cards are re-made is the build's own file cache's decision
 * (src/build/file-cache.ts), keyed by the code, the site and the article's model: the build
 * reports the slugs it made. Messages: BuildRequest in, BuildResult out.
 */
import { parentPort } from "node:worker_threads";
import { build, type BuildSummary } from "../build/build.ts";
import { ContentError, type ContentProblem } from "../content/errors.ts";
import { keepBetweenBuilds } from "../build/warm.ts";

// Build after build in this thread: the caches keep what each build read in memory for the next (src/build/warm.ts).
keepBetweenBuilds();

export interface BuildRequest {
  contentDir: string;
  articleDirs?: string[];
  outDir: string;
  siteUrl: string;
  feedItems?: number;
}

export type BuildResult =
  | { ok: true; summary: BuildSummary }
  | { ok: false; problems: ContentProblem[] }
  | { ok: false; error: string };

parentPort!.on("message", async (request: BuildRequest) => {
  let result: BuildResult;
  try {
    // dist/ updated in place: only the changed files are written (src/build/output.ts), and the worker reads them from the dev server (data-server.ts).
    const summary = await build({ ...request, outputInPlace: true });
    result = { ok: true, summary };
  } catch (error) {
    result = error instanceof ContentError ? { ok: false, problems: error.problems } : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(result);
});
