/**
 * npm run new -- <source URL> [--slug S] [--title T] [--publisher P] [--date YYYY[-MM[-DD]]]
 *   [--timeout SECONDS] [--content DIR] [--articles DIR]
 * npm run new -- <page.html | text.txt | text.md> --url <original URL> [the same options]
 * npm run new -- <source URL> --blank [--language L] [the same options]
 * Makes content/articles/<slug>/ from the original: the article's text, its metadata and its
 * figures (src/dev/import-article.ts), or with --blank an empty draft without fetching anything
 * (src/dev/new-article.ts). Prints what it made and what is left for the editor. Never
 * overwrites an article; on a failure, says what happened and what to try, and writes nothing.
 */
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { ImportError } from "../src/import/errors.ts";
import { importArticle } from "../src/dev/import-article.ts";
import { NewArticleError, createArticle, siteLanguage } from "../src/dev/new-article.ts";

const usage = `Usage: npm run new -- <source URL> [--slug some-story]
       npm run new -- <page.html|article.txt|article.md> --url <source URL>
       npm run new -- <source URL> --blank [--title "…"] [--publisher "…"] [--date YYYY-MM-DD]`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      blank: { type: "boolean", default: false },
      url: { type: "string" },
      title: { type: "string" },
      publisher: { type: "string" },
      date: { type: "string" },
      slug: { type: "string" },
      language: { type: "string" },
      timeout: { type: "string" },
      content: { type: "string", default: "content" },
      articles: { type: "string" },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(`Give one source URL or saved file${positionals.length ? `, not ${positionals.length}` : ""}.\n${usage}`);
  process.exit(2);
}
const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
if (timeout !== undefined && !(timeout > 0)) {
  console.error(`--timeout "${values.timeout}" is not a number of seconds: write e.g. --timeout 30`);
  process.exit(2);
}

const articlesDir = values.articles ?? join(values.content, "articles");
const language = values.language ?? siteLanguage(values.content) ?? "en";
const today = new Date().toISOString().slice(0, 10);
const shown = (dir: string) => relative(process.cwd(), dir) || dir;
const opt = <K extends string>(key: K, value: string | undefined) => (value !== undefined ? ({ [key]: value } as Record<K, string>) : {});

try {
  if (values.blank) {
    const made = createArticle(articlesDir, {
      url: positionals[0]!,
      ...opt("title", values.title),
      ...opt("publisher", values.publisher),
      ...opt("date", values.date),
      ...opt("slug", values.slug),
      language,
      today,
    });
    const dir = shown(made.dir);
    console.log(
      [
        `Made ${dir}/`,
        `  article.md        front matter, and an empty body`,
        `  annotations.yaml  no notes yet, one example in comments`,
        ``,
        `Next:`,
        `  1. Paste the article's text, word for word, below the front matter of ${dir}/article.md.`,
        `  2. Fill in ${made.missing.join(", ")} in the front matter${made.dateFromUrl ? `; source.date ${made.dateFromUrl} was read from the URL: check it` : ""}.`,
        `  3. npm run dev, and open http://127.0.0.1:8787/articles/${made.slug}: it shows what is still missing until the article builds, then the article.`,
        `  4. Add notes to ${dir}/annotations.yaml; the page reloads on every save.`,
      ].join("\n"),
    );
  } else {
    const report = await importArticle(articlesDir, {
      source: positionals[0]!,
      ...opt("url", values.url),
      ...opt("slug", values.slug),
      ...opt("title", values.title),
      ...opt("publisher", values.publisher),
      ...opt("date", values.date),
      siteLanguage: language,
      today,
      ...(timeout !== undefined ? { limits: { timeoutMs: timeout * 1000 } } : {}),
    });
    const dir = shown(report.dir);
    const width = Math.max(...report.made.map((m) => m.file.length)) + 2;
    console.log(
      [
        `Made ${dir}/ from ${positionals[0]}`,
        ...report.made.map((m) => `  ${m.file.padEnd(width)}${m.what}`),
        `Found: ${report.found.join("; ")}.`,
        ``,
        report.todo.length ? `Left for you:` : `Nothing is missing: read the draft against the original all the same.`,
        ...report.todo.map((t) => `  - ${t}`),
        ``,
        `Next: npm run dev, and open http://127.0.0.1:8787/articles/${report.slug}: it shows what is still missing until the article builds. Add notes to ${dir}/annotations.yaml; npm run check-source -- ${report.slug} tells you when the original changes.`,
      ].join("\n"),
    );
  }
} catch (error) {
  if (error instanceof NewArticleError || error instanceof ImportError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
