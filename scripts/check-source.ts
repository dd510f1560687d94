/**
 * npm run check-source -- <slug> [--file page.html|text.txt] [--timeout SECONDS] [--content DIR] [--articles DIR]
 * Reads the article's original again (its source.url, or a saved file) and shows, paragraph by
 * paragraph, where its text now differs from article.md, and which notes would no longer anchor
 * with the new wording. Changes nothing. Exit status: 0 the same, 1 it differs, 2 it could not
 * be checked. See src/dev/check-source.ts.
 */
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { checkSource, formatCheck } from "../src/dev/check-source.ts";
import { ImportError } from "../src/import/errors.ts";

const usage = "Usage: npm run check-source -- <slug> [--file page.html|article.txt]";
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { file: { type: "string" }, timeout: { type: "string" }, content: { type: "string", default: "content" }, articles: { type: "string" } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(`Give one article's slug.\n${usage}`);
  process.exit(2);
}
const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
const articlesDir = values.articles ?? join(values.content, "articles");
try {
  const report = await checkSource(articlesDir, positionals[0]!, { ...(values.file ? { file: values.file } : {}), ...(timeout && timeout > 0 ? { limits: { timeoutMs: timeout * 1000 } } : {}) });
  console.log(formatCheck(report, relative(process.cwd(), join(articlesDir, positionals[0]!, "article.md"))));
  process.exit(report.fields.length > 0 || report.changes.some((c) => c.kind !== "same") ? 1 : 0);
} catch (error) {
  if (error instanceof ImportError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
