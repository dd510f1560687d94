/**
 * What a conformance check is: a name and a function that returns the problems it found, each
 * a sentence saying what is wrong and where. No problems means PASS. The checks' logic lives in
 * pure functions over text, bytes and headers (exported for test/node/conformance-checks.test.ts);
 * the `run` functions only fetch from the running worker and feed them.
 */
import { fileURLToPath } from "node:url";
import type { Live } from "./live.ts";

/** The project folder: the runner's files (screenshots, load.json, fixtures) are found from here, whatever the cwd. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

export type Problems = string[];

export interface Check {
  name: string;
  run: (live: Live) => Promise<Problems>;
  /** The checker it needs that is not installed here (scripts/conformance/tools.ts): the check then FAILS, naming it. */
  missingTool?: () => string | undefined;
}

/** Runs a check, turning a missing checker and a thrown error into problems rather than a skip or a crash of the runner. */
export async function runCheck(check: Check, live: Live): Promise<Problems> {
  const missing = check.missingTool?.();
  if (missing) return [`a checker CI installs is missing, so nothing was checked: ${missing}`];
  try {
    return await check.run(live);
  } catch (error) {
    return [`the check itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
}

/** One line per check, with every problem on its own indented line below a FAIL. */
export function formatResult(name: string, problems: Problems): string {
  if (problems.length === 0) return `PASS ${name}`;
  const head = `FAIL ${name}: ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${firstLine(problems[0]!)}`;
  return [head, ...problems.map((p) => `    - ${p.replace(/\n/g, "\n      ")}`)].join("\n");
}

/** The summary CI reads, alone on its line. */
export function summaryLine(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}

function firstLine(text: string): string {
  const line = text.split("\n")[0]!;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
