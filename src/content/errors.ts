/** Content problems, reported all at once as `file:line field: message`. */

export interface ContentProblem {
  /** Path as the editor knows it, relative to the project, e.g. content/articles/x/article.md. */
  file: string;
  line?: number;
  /** Field path, e.g. "source.url" or "[2].anchor.exact"; empty for the file as a whole. */
  field: string;
  message: string;
}

export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where} ${p.field}: ${p.message}` : `${where}: ${p.message}`;
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
  constructor(problems: ContentProblem[]) {
    super(`${problems.length} content problem${problems.length === 1 ? "" : "s"}:\n${problems.map(formatProblem).join("\n")}`);
    this.name = "ContentError";
    this.problems = problems;
  }
}
