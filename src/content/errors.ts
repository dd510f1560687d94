/** Content problems, reported all at once as `file:line field: message`. */
import type { ContentProblem } from "../model/problem.ts";

/** The problem's shape is the model's (src/model/problem.ts): src/model/tags.ts reports some too. */
export type { ContentProblem };

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const message = p.severity ? `${p.severity}: ${p.message}` : p.message;
  return p.field ? `${where} ${p.field}: ${message}` : `${where}: ${message}`;
}

/** ["sources", 0, "url"] → "sources[0].url"; [2, "anchor"] → "[2].anchor". */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export class ContentError extends Error {
  readonly problems: ContentProblem[];
  /** Warnings found beside the problems, reported with them. */
  readonly warnings: ContentProblem[];
  constructor(problems: ContentProblem[], warnings: ContentProblem[] = []) {
    super(`${problems.length} content problem${problems.length === 1 ? "" : "s"}:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ContentError";
    this.problems = problems;
    this.warnings = warnings;
  }
}
