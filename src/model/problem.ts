/** A problem in the content, as every step reports it: `file:line field: message` (src/content/errors.ts prints it). */
export interface ContentProblem {
  /** Path as the editor knows it, relative to the project, e.g. content/articles/x/article.md. */
  file: string;
  line?: number;
  /** Field path, e.g. "source.url" or "[2].anchor.exact"; empty for the file as a whole. */
  field: string;
  message: string;
  /**
   * A warning or a notice does not fail the build: a warning asks an editor to look (a note
   * re-anchored to a slightly changed phrase), a notice says what the build decided (a tag
   * written several ways shown one way).
   */
  severity?: "warning" | "notice";
}
