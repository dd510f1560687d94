/**
 * `npm run new -- <source URL>`: a new article folder, ready to fill in.
 *   content/articles/<slug>/article.md        front matter from what is known; the body to paste
 *   content/articles/<slug>/annotations.yaml  an empty list, with one example note in comments
 * The slug is the URL's last path segment, as the seed's is. Nothing is invented: a field
 * nobody gave is left empty, and the build says what it needs until the editor fills it in.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { slugPattern } from "../content/schema.ts";

export class NewArticleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NewArticleError";
  }
}

export interface NewArticleInput {
  /** The original's address. */
  url: string;
  title?: string;
  publisher?: string;
  /** The original's date, as precisely as known: "2025", "2025-02" or "2025-02-24". */
  date?: string;
  /** Overrides the slug taken from the URL. */
  slug?: string;
  /** BCP 47 tag of the article's text; the site's language by default. */
  language?: string;
  /** This edition's date, YYYY-MM-DD (today, UTC). */
  today: string;
}

/** "https://x.com/2025/02/some-story/" → "some-story"; "…/Some_Story.html" → "some-story". */
export function slugFromUrl(url: string): string {
  const parsed = parseUrl(url);
  const segments = parsed.pathname.split("/").filter(Boolean);
  // …/some-story/index.html and …/some-story/amp name the story by the segment before.
  while (segments.length > 1 && /^(index|default|amp|print)(\.[a-z]+)?$/i.test(segments.at(-1)!)) segments.pop();
  const last = segments.at(-1);
  if (!last) throw new NewArticleError(`${url} has no path segment to name the article after (the slug is the URL's last segment, e.g. …/some-story/): give the article's own URL, or choose a slug with --slug`);
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  const slug = name
    .replace(/\.(s?html?|php|aspx?|jsp|cfm)$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // "café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!slug || /^\d+$/.test(slug)) {
    throw new NewArticleError(`${url}: its last path segment "${name}" makes no usable slug (it needs letters, not only digits or punctuation): choose one with --slug, e.g. --slug ${suggestion(segments)}`);
  }
  return slug;
}

/** The original's date when the URL carries one, as news sites' …/2025/02/24/… do. */
export function dateFromUrl(url: string): string | undefined {
  const m = /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])(?:\/(0[1-9]|[12]\d|3[01]))?\//.exec(parseUrl(url).pathname + "/");
  if (!m) return undefined;
  return m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
}

export interface NewArticle {
  slug: string;
  dir: string;
  /** Front-matter fields the editor must still fill in, by name. */
  missing: string[];
  /** Where source.date came from, when it was not given. */
  dateFromUrl?: string;
}

/** Makes the folder and its two files; refuses to touch an existing article. */
export function createArticle(articlesDir: string, input: NewArticleInput): NewArticle {
  const slug = input.slug ?? slugFromUrl(input.url);
  if (!slugPattern.test(slug)) throw new NewArticleError(`--slug "${slug}" is not URL-safe: use lowercase letters, digits and single hyphens, e.g. ${slug.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "some-story"}`);
  parseUrl(input.url);
  if (input.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(input.date)) throw new NewArticleError(`--date "${input.date}" is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (as precisely as known)`);
  const dir = join(articlesDir, slug);
  if (existsSync(dir)) throw new NewArticleError(`${dir} already exists: edit that article, or choose another slug with --slug`);
  if (!existsSync(articlesDir)) throw new NewArticleError(`${articlesDir} not found: run this from the project folder, or point --articles at the folder of articles`);

  const fromUrl = input.date === undefined ? dateFromUrl(input.url) : undefined;
  const date = input.date ?? fromUrl;
  const missing = [...(input.title ? [] : ["title"]), "dek", ...(input.publisher ? [] : ["source.publisher"]), ...(date ? [] : ["source.date"])];
  const article = articleMarkdown({ ...input, ...(date ? { date } : {}), language: input.language ?? "en" });

  mkdirSync(dir); // not recursive: fails if another process made it meanwhile
  try {
    writeFileSync(join(dir, "article.md"), article, { flag: "wx" });
    writeFileSync(join(dir, "annotations.yaml"), annotationsYaml, { flag: "wx" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { slug, dir, missing, ...(fromUrl ? { dateFromUrl: fromUrl } : {}) };
}

/** The site's language from site.yaml, if it can be read. */
export function siteLanguage(contentDir: string): string | undefined {
  try {
    const site = parse(readFileSync(join(contentDir, "site.yaml"), "utf8")) as { language?: unknown };
    return typeof site?.language === "string" ? site.language : undefined;
  } catch {
    return undefined;
  }
}

/** A YAML scalar for any text: JSON's double-quoted string is valid YAML. */
const q = (text: string) => JSON.stringify(text);

/** What an article's front matter holds, as far as it is known. */
export interface DraftFields {
  title?: string;
  dek?: string;
  language: string;
  publisher?: string;
  url: string;
  date?: string;
  author?: string;
  today: string;
}

/** article.md's front matter: each field not known left empty with what to write, the author commented out. */
export function frontMatter(fields: DraftFields): string {
  const todo = (what: string) => `""   # to fill in: ${what}`;
  return `---
title: ${fields.title ? q(fields.title) : todo("the headline, as the original has it")}
dek: ${fields.dek ? q(fields.dek) : todo("the standfirst under the headline")}
language: ${q(fields.language)}
source:
  publisher: ${fields.publisher ? q(fields.publisher) : todo("who published the original")}
  url: ${q(fields.url)}
  date: ${fields.date ? q(fields.date) : todo('the original\'s date, as precisely as known: "2025", "2025-02" or "2025-02-24"')}
${fields.author ? `author: ${q(fields.author)}` : "# author: Jane Doe   # the byline, when it is known"}
published: ${q(fields.today)}   # this edition's dates
updated: ${q(fields.today)}
tags: []
---
`;
}

function articleMarkdown(input: NewArticleInput & { language: string }): string {
  return frontMatter({ ...input, ...(input.date ? { date: input.date } : {}) });
}

/** annotations.yaml for a new article: no notes, one example in comments. */
export const annotationsYaml = `# The notes on this article. Each is anchored to a phrase of the article's own words.
# To add the first, delete the "[]" at the end of this file and remove the "# " in front of
# the example below, then change it. README.md ("Adding an article") explains each field.
#
# - id: example-note                 # stable, lowercase-kebab-case, unique in the article
#   kind: context                    # context, fact-check, translation, term or update
#   anchor:
#     exact: "a phrase of the article"   # copied exactly, curly quotes and dashes included
#     prefix: "the words just before "   # optional: only when the phrase occurs twice
#   body: |
#     Short Markdown, in your own words, saying no more than the sources do.
#   sources:                         # at least one
#     - title: Where this comes from
#       url: https://example.com/source
[]
`;

function parseUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new NewArticleError(`"${url}" is not a URL: give the original's full address, e.g. https://example.com/2025/02/some-story/`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new NewArticleError(`${url} is not an http(s) URL: give the original's web address`);
  return parsed;
}

function suggestion(segments: string[]): string {
  const words = segments.map((s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")).filter((s) => /[a-z]/.test(s));
  return words.at(-1) ?? "some-story";
}
