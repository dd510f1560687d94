/**
 * Reads a content folder into the document model, collecting every problem before failing.
 *   content/site.yaml
 *   content/articles/<slug>/article.md          front matter + Markdown body
 *   content/articles/<slug>/annotations.yaml    optional list of annotations
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { z } from "zod";
import type { Annotation, Article, Corpus, NoteSpan, Site } from "../model/document.ts";
import { anchorQuote } from "./anchor.ts";
import { ContentError, fieldPath, type ContentProblem } from "./errors.ts";
import { runsOf } from "../model/text.ts";
import { assignOffsets, parseMarkdown, parseParagraphs } from "./markdown.ts";
import { annotationsFileSchema, frontMatterSchema, siteSchema, slugPattern, type AnnotationInput } from "./schema.ts";
import { parseYaml, type ParsedYaml } from "./yaml.ts";

export interface LoadOptions {
  /** Folder holding site.yaml. */
  contentDir: string;
  /** Folders whose sub-folders are articles; defaults to <contentDir>/articles. */
  articleDirs?: string[];
  /** Paths in messages are shown relative to this folder (default: the working directory). */
  root?: string;
}

/** Loads and validates everything; throws ContentError listing every problem found. */
export function loadCorpus(options: LoadOptions): Corpus {
  const root = options.root ?? process.cwd();
  const problems: ContentProblem[] = [];
  const show = (path: string) => relative(root, path) || path;

  const siteFile = join(options.contentDir, "site.yaml");
  const site = readValidated(siteFile, show(siteFile), siteSchema, problems) as Site | undefined;

  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const dir of options.articleDirs ?? [join(options.contentDir, "articles")]) {
    if (!existsSync(dir)) {
      problems.push({ file: show(dir), field: "", message: "folder not found: create it and put one folder per article in it" });
      continue;
    }
    for (const slug of readdirSync(dir).sort()) {
      const folder = join(dir, slug);
      if (slug.startsWith(".") || !statSync(folder).isDirectory()) continue;
      if (!slugPattern.test(slug)) {
        problems.push({ file: show(folder), field: "slug", message: `"${slug}" is not URL-safe: rename the folder using lowercase letters, digits and single hyphens (e.g. ${suggestSlug(slug)})` });
        continue;
      }
      if (seen.has(slug)) {
        problems.push({ file: show(folder), field: "slug", message: `"${slug}" is already used by ${seen.get(slug)}: article folders must have unique names` });
        continue;
      }
      seen.set(slug, show(folder));
      const article = loadArticle(folder, slug, show, problems);
      if (article) articles.push(article);
    }
  }
  if (articles.length === 0 && problems.length === 0) problems.push({ file: show(options.contentDir), field: "", message: "no articles found: add a folder with an article.md under articles/" });
  if (problems.length > 0 || !site) throw new ContentError(problems);
  articles.sort((a, b) => b.published.localeCompare(a.published) || a.slug.localeCompare(b.slug));
  return { site, articles };
}

function loadArticle(folder: string, slug: string, show: (p: string) => string, problems: ContentProblem[]): Article | undefined {
  const file = join(folder, "article.md");
  const shown = show(file);
  if (!existsSync(file)) {
    problems.push({ file: shown, field: "", message: "missing: every article folder needs an article.md" });
    return undefined;
  }
  const before = problems.length;
  const source = readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
  if (!fm) {
    problems.push({ file: shown, line: 1, field: "", message: "must start with YAML front matter between two '---' lines" });
    return undefined;
  }
  const yaml = parseYaml(fm[1]!, 2);
  const meta = validate(yaml, shown, frontMatterSchema, problems);

  const bodyFirstLine = fm[0].split("\n").length - (fm[0].endsWith("\n") ? 1 : 0) + 1;
  const body = source.slice(fm[0].length);
  const { blocks, problems: mdProblems } = parseMarkdown(body);
  for (const p of mdProblems) problems.push({ file: shown, line: p.line + bodyFirstLine - 1, field: "body", message: p.message });
  const text = assignOffsets(blocks);
  if (text.trim() === "") problems.push({ file: shown, line: bodyFirstLine, field: "body", message: "is empty: write the article's text below the front matter" });

  const annotations = loadAnnotations(join(folder, "annotations.yaml"), show, text, problems);
  if (!meta || problems.length > before) return undefined;

  // Mark each annotation in the run that holds it; number notes in reading order.
  const runs = runsOf(blocks);
  annotations.sort((a, b) => a.position.start - b.position.start);
  annotations.forEach((a, i) => {
    a.number = i + 1;
    const run = runs.find((r) => a.position.start >= r.offset && a.position.end <= r.offset + r.text.length)!;
    const span: NoteSpan = { id: a.id, number: a.number, start: a.position.start - run.offset, end: a.position.end - run.offset };
    run.notes.push(span);
  });

  return {
    slug,
    title: meta.title,
    dek: meta.dek,
    language: meta.language,
    source: meta.source,
    ...(meta.author ? { author: meta.author } : {}),
    published: meta.published,
    updated: meta.updated,
    tags: meta.tags,
    wordCount: text.split(/\s+/).filter(Boolean).length,
    noteCount: annotations.length,
    blocks,
    annotations,
  };
}

function loadAnnotations(file: string, show: (p: string) => string, text: string, problems: ContentProblem[]): Annotation[] {
  if (!existsSync(file)) return [];
  const shown = show(file);
  const yaml = parseYaml(readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const list = validate(yaml, shown, annotationsFileSchema, problems);
  if (!list) return [];

  const out: Annotation[] = [];
  const ids = new Map<string, number>();
  list.forEach((input: AnnotationInput, i) => {
    const at = (...path: PropertyKey[]) => ({ file: shown, line: yaml.lineOf([i, ...path]), field: fieldPath([i, ...path]) });
    if (ids.has(input.id)) {
      problems.push({ ...at("id"), message: `"${input.id}" is used twice (also at line ${ids.get(input.id)}): give each annotation its own id` });
      return;
    }
    ids.set(input.id, yaml.lineOf([i, "id"]));

    if (text.trim() === "") return; // the empty body is reported once; "matches nowhere" would only add noise
    const hit = anchorQuote(text, input.anchor);
    if (!hit.ok) {
      problems.push({
        ...at("anchor", "exact"),
        message:
          hit.reason === "nowhere"
            ? `"${input.anchor.exact}" (annotation ${input.id}) matches nowhere in the article: copy the phrase exactly, with the same quotes and dashes${input.anchor.prefix || input.anchor.suffix ? ", and check prefix/suffix" : ""}`
            : `"${input.anchor.exact}" (annotation ${input.id}) matches ${hit.count} places: add a prefix or suffix (the text just before or after it) so it matches one`,
      });
      return;
    }
    if (text.slice(hit.start, hit.end).includes("\n\n")) {
      problems.push({ ...at("anchor", "exact"), message: `annotation ${input.id} spans two paragraphs: anchor it to a phrase within one` });
      return;
    }
    const clash = out.find((o) => hit.start < o.position.end && o.position.start < hit.end);
    if (clash) {
      problems.push({ ...at("anchor", "exact"), message: `annotation ${input.id} overlaps annotation ${clash.id}: anchor them to separate phrases` });
      return;
    }
    const body = parseParagraphs(input.body);
    for (const p of body.problems) problems.push({ ...at("body"), message: p.message });

    out.push({
      id: input.id,
      number: 0,
      kind: input.kind,
      anchor: { exact: input.anchor.exact, ...(input.anchor.prefix ? { prefix: input.anchor.prefix } : {}), ...(input.anchor.suffix ? { suffix: input.anchor.suffix } : {}) },
      position: { start: hit.start, end: hit.end },
      markdown: input.body,
      body: body.runs,
      ...(input.original ? { original: input.original } : {}),
      sources: input.sources,
    });
  });
  return out;
}

function readValidated<S extends z.ZodType>(file: string, shown: string, schema: S, problems: ContentProblem[]): z.output<S> | undefined {
  if (!existsSync(file)) {
    problems.push({ file: shown, field: "", message: "missing: create it (see README.md, 'Adding an article')" });
    return undefined;
  }
  return validate(parseYaml(readFileSync(file, "utf8")), shown, schema, problems);
}

function validate<S extends z.ZodType>(yaml: ParsedYaml, file: string, schema: S, problems: ContentProblem[]): z.output<S> | undefined {
  if (yaml.errors.length > 0) {
    for (const e of yaml.errors) problems.push({ file, line: e.line, field: "", message: e.message });
    return undefined;
  }
  // reportInput: zod 4 leaves `input` out of issues by default, and without it a field of
  // the wrong type (title: 42) could not be told apart from a missing one.
  const result = schema.safeParse(yaml.value ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const found: ContentProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      // One line per unknown key, at its own line, with the field it was probably meant to be.
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        found.push({ file, line: yaml.lineOf(path), field: fieldPath(path), message: `is not a known field: ${suggestKey(key, known)}` });
      }
      continue;
    }
    // zod's own wording ("Invalid input: expected array, received string") where the schema
    // has none of its own → "must be a list".
    const said = issue.code === "invalid_type" && issue.message.startsWith("Invalid input") ? `must be ${expectedInWords[issue.expected] ?? issue.expected}` : issue.message;
    const message =
      issue.code === "invalid_type" && issue.input === undefined
        ? issue.expected === "object"
          ? `is required: add it, with its fields indented below it (${knownKeys(schema, issue.path).join(", ")})`
          : `is required: ${said}`
        : issue.code === "invalid_type" || issue.code === "invalid_value" // wrong type, or a kind outside the list
          ? `${said}, not ${describeValue(issue.input)}`
          : said;
    found.push({ file, line: yaml.lineOf(issue.path), field: fieldPath(issue.path), message });
  }
  problems.push(...found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))); // in the order an editor reads the file
  return undefined;
}

const expectedInWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list (one '- ' item per line, or [a, b])",
  object: "a group of fields, indented below it",
};

/** What a YAML value is, in an editor's words: "a number (42)", "a list", "an empty value". */
function describeValue(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  if (typeof value === "string") return `the text "${value}"`;
  if (typeof value === "boolean") return `${value} (write it in quotes if it is text)`;
  return `a ${typeof value} (${String(value)})`;
}

/** The field names the schema allows at `path` (through lists, optional, defaults and transforms). */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };
  let node: z.ZodType | undefined = schema;
  let i = 0;
  while (node) {
    const def: Def = (node as unknown as { def: Def }).def;
    if (def.innerType) node = def.innerType;
    else if (def.type === "pipe") node = def.in;
    else if (i === path.length) return def.shape ? Object.keys(def.shape) : [];
    else if (def.type === "array") (node = def.element), i++;
    else if (def.shape) node = def.shape[String(path[i++])];
    else return [];
  }
  return [];
}

function suggestKey(key: string, known: string[]): string {
  const close = known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, Math.floor(k.length / 3)));
  if (close) return `did you mean "${close}"? Check its spelling`;
  return known.length ? `check its spelling or remove it (known fields here: ${known.join(", ")})` : "check its spelling or remove it";
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function suggestSlug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "my-article";
}
