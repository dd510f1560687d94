/**
 * The checkers CI installs (.ci/run: Debian's epubcheck and a Java runtime, chromium,
 * python3-feedparser, wrk). A check that needs one names it in `missingTool`; when it is absent
 * the check FAILS with the install command: a run without its checkers proves nothing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const runs = (command: string, args: string[]) => {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 30_000 });
  return r.error === undefined && r.status === 0;
};

export const epubcheckJar = process.env["EPUBCHECK_JAR"] ?? "/usr/share/java/epubcheck.jar";
export const chromiumPath = process.env["CHROMIUM"] ?? "/usr/bin/chromium";
/** Debian's interpreter first: python3-feedparser installs for /usr/bin/python3, not for a pyenv one. */
export const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** Each checker: undefined when it is here, else what is missing and how to install it. */
export const tools = {
  epubcheck: () =>
    !existsSync(epubcheckJar) ? `EPUBCheck is not at ${epubcheckJar} (apt install epubcheck)` : !runs("java", ["-version"]) ? "java does not run (apt install default-jre-headless)" : undefined,
  chromium: () => (existsSync(chromiumPath) ? undefined : `Chromium is not at ${chromiumPath} (apt install chromium, or set CHROMIUM)`),
  feedparser: () => (runs(python, ["-c", "import feedparser"]) ? undefined : `python feedparser cannot be imported by ${python} (apt install python3-feedparser)`),
  // `wrk --version` exits 1 after printing its version: only a failure to start means it is missing.
  wrk: () => (spawnSync("wrk", ["--version"], { timeout: 30_000 }).error === undefined ? undefined : "wrk is not installed (apt install wrk)"),
};

/** The first missing one of `needed`, for a check's `missingTool`. */
export function missing(...needed: (keyof typeof tools)[]): () => string | undefined {
  return () => needed.map((t) => tools[t]()).find((reason) => reason !== undefined);
}
