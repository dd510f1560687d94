/**
 * npm run new -- <source URL> [--title T] [--publisher P] [--date YYYY[-MM[-DD]]] [--slug S]
 *   [--language L] [--content DIR] [--articles DIR]
 * Makes content/articles/<slug>/ (article.md and annotations.yaml) for the article at the URL,
 * its slug the URL's last path segment, and prints what to do next. Never overwrites an
 * article. See src/dev/new-article.ts.
 */
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { NewArticleError, createArticle, siteLanguage } from "../src/dev/new-article.ts";

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      title: { type: "string" },
      publisher: { type: "string" },
      date: { type: "string" },
      slug: { type: "string" },
      language: { type: "string" },
      content: { type: "string", default: "content" },
      articles: { type: "string" },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run new -- <source URL> [--title "…"] [--publisher "…"] [--date YYYY-MM-DD] [--slug some-story]`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(`Give one source URL${positionals.length ? `, not ${positionals.length}` : ""}.\nUsage: npm run new -- <source URL> [--title "…"] [--publisher "…"] [--date YYYY-MM-DD] [--slug some-story]`);
  process.exit(2);
}

const articlesDir = values.articles ?? join(values.content, "articles");
try {
  const made = createArticle(articlesDir, {
    url: positionals[0]!,
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.publisher !== undefined ? { publisher: values.publisher } : {}),
    ...(values.date !== undefined ? { date: values.date } : {}),
    ...(values.slug !== undefined ? { slug: values.slug } : {}),
    language: values.language ?? siteLanguage(values.content) ?? "en",
    today: new Date().toISOString().slice(0, 10),
  });
  const dir = relative(process.cwd(), made.dir) || made.dir;
  const lines = [
    `Made ${dir}/`,
    `  article.md        front matter, and an empty body`,
    `  annotations.yaml  no notes yet, one example in comments`,
    ``,
    `Next:`,
    `  1. Paste the article's text, word for word, below the front matter of ${dir}/article.md.`,
    `  2. Fill in ${made.missing.map((f) => f).join(", ")} in the front matter${made.dateFromUrl ? `; source.date ${made.dateFromUrl} was read from the URL: check it` : ""}.`,
    `  3. npm run dev, and open http://127.0.0.1:8787/articles/${made.slug}: it shows what is still missing until the article builds, then the article.`,
    `  4. Add notes to ${dir}/annotations.yaml; the page reloads on every save.`,
  ];
  console.log(lines.join("\n"));
} catch (error) {
  if (error instanceof NewArticleError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
