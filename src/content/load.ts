/**
 * Reads a content folder into the document model, collecting every problem before failing.
 *   content/site.yaml
 *   content/articles/<slug>/article.md          front matter + Markdown body
 *   content/articles/<slug>/annotations.yaml    optional list of annotations
 *
 * The steps, each in its own module:
 *   walk          walk.ts              which folders are articles
 *   validate      validate.ts          YAML against the zod schemas, reworded for editors
 *                 annotations-file.ts  each note validated on its own
 *   parse         markdown.ts          the body into blocks and the plain text
 *   anchor        anchor-notes.ts      each note's quote found in the text (exact, then fuzzy)
 *   number        number-notes.ts      notes numbered in reading order, marked in their runs
 * Every article goes through every step whatever the others found, so one build reports
 * schema problems and anchor problems together, for every article.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Annotation, Article, Corpus, Site } from "../model/document.ts";
import { anchorNote } from "./anchor-notes.ts";
import { readAnnotationsFile, type AnnotationsFile } from "./annotations-file.ts";
import { ContentError, fieldPath, type ContentProblem } from "./errors.ts";
import { assignOffsets, parseMarkdown, parseParagraphs } from "./markdown.ts";
import { numberNotes } from "./number-notes.ts";
import { frontMatterSchema, siteSchema } from "./schema.ts";
import { validate } from "./validate.ts";
import { walkArticleFolders } from "./walk.ts";
import { parseYaml } from "./yaml.ts";

/**
 * Where a build anchored each note, and the quote the editor typed for it (dist/anchors.json):
 * the next build's hint for re-anchoring a note whose quote is unchanged when the text changed.
 */
export interface AnchorRecord {
  articles: { slug: string; notes: { id: string; exact: string; start: number; end: number }[] }[];
}

export interface LoadOptions {
  /** Folder holding site.yaml. */
  contentDir: string;
  /** Folders whose sub-folders are articles; defaults to <contentDir>/articles. */
  articleDirs?: string[];
  /** Paths in messages are shown relative to this folder (default: the working directory). */
  root?: string;
  /** The previous build's anchors: lets a note whose phrase changed slightly in the text re-anchor, with a warning. */
  previous?: AnchorRecord;
}

export interface Loaded {
  corpus: Corpus;
  /** Problems that do not fail the build (a note re-anchored by a fuzzy match), `severity: "warning"`. */
  warnings: ContentProblem[];
  /** Where each note was anchored, for the next build. */
  anchors: AnchorRecord;
}

/** Loads and validates everything; throws ContentError listing every problem found (and the warnings). */
export function loadContent(options: LoadOptions): Loaded {
  const root = options.root ?? process.cwd();
  const problems: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  const show = (path: string) => relative(root, path) || path;

  const siteFile = join(options.contentDir, "site.yaml");
  const site = readSite(siteFile, show(siteFile), problems);

  const hints = new Map((options.previous?.articles ?? []).map((a) => [a.slug, new Map(a.notes.map((n) => [n.id, n]))]));
  const anchors: AnchorRecord = { articles: [] };
  const articles: Article[] = [];
  for (const { slug, folder } of walkArticleFolders(options.articleDirs ?? [join(options.contentDir, "articles")], show, problems)) {
    const record: AnchorRecord["articles"][number] = { slug, notes: [] };
    const article = loadArticle(folder, slug, show, hints.get(slug) ?? new Map(), record, problems, warnings);
    if (article) articles.push(article), anchors.articles.push(record);
  }
  if (articles.length === 0 && problems.length === 0) problems.push({ file: show(options.contentDir), field: "", message: "no articles found: add a folder with an article.md under articles/" });
  if (problems.length > 0 || !site) throw new ContentError(problems, warnings);
  articles.sort((a, b) => b.published.localeCompare(a.published) || a.slug.localeCompare(b.slug));
  return { corpus: { site, articles }, warnings, anchors };
}

/** loadContent without the warnings. */
export function loadCorpus(options: LoadOptions): Corpus {
  return loadContent(options).corpus;
}

function readSite(file: string, shown: string, problems: ContentProblem[]): Site | undefined {
  if (!existsSync(file)) {
    problems.push({ file: shown, field: "", message: "missing: create it (see README.md, 'Adding an article')" });
    return undefined;
  }
  return validate(parseYaml(readFileSync(file, "utf8")), shown, siteSchema, problems) as Site | undefined;
}

type Hints = Map<string, { exact: string; start: number; end: number }>;

function loadArticle(
  folder: string,
  slug: string,
  show: (p: string) => string,
  hints: Hints,
  record: AnchorRecord["articles"][number],
  problems: ContentProblem[],
  warnings: ContentProblem[],
): Article | undefined {
  const file = join(folder, "article.md");
  const shown = show(file);
  if (!existsSync(file)) {
    problems.push({ file: shown, field: "", message: "missing: every article folder needs an article.md" });
    return undefined;
  }
  const before = problems.length;
  const source = readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");

  // validate: the front matter. Without one, the whole file is read as the body, so that its
  // notes are still anchored and checked in this build.
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
  if (!fm) problems.push({ file: shown, line: 1, field: "", message: "must start with YAML front matter between two '---' lines" });
  const meta = fm ? validate(parseYaml(fm[1]!, 2), shown, frontMatterSchema, problems) : undefined;

  // parse: the body.
  const bodyFirstLine = fm ? fm[0].split("\n").length - (fm[0].endsWith("\n") ? 1 : 0) + 1 : 1;
  const { blocks, problems: mdProblems } = parseMarkdown(source.slice(fm ? fm[0].length : 0));
  for (const p of mdProblems) problems.push({ file: shown, line: p.line + bodyFirstLine - 1, field: "body", message: p.message });
  const text = assignOffsets(blocks);
  if (text.trim() === "") problems.push({ file: shown, line: bodyFirstLine, field: "body", message: "is empty: write the article's text below the front matter" });

  // validate, then anchor: the notes.
  const notesFrom = problems.length;
  const notesFile = readAnnotationsFile(join(folder, "annotations.yaml"), show(join(folder, "annotations.yaml")), problems);
  const annotations = notesFile ? anchorNotes(notesFile, text, hints, record, problems, warnings) : [];
  // The notes' problems in the order an editor reads the file, schema and anchors together.
  problems.push(...problems.splice(notesFrom).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  if (!meta || problems.length > before) return undefined;

  // number: in reading order, marked in their runs.
  numberNotes(blocks, annotations);

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

/**
 * Anchors every note with a valid id and anchor, valid or not otherwise, and checks what
 * anchoring alone cannot: unique ids, one paragraph per phrase, no overlaps. Returns the
 * fully valid notes (numbered 0 until numberNotes).
 */
function anchorNotes(notes: AnnotationsFile, text: string, hints: Hints, record: AnchorRecord["articles"][number], problems: ContentProblem[], warnings: ContentProblem[]): Annotation[] {
  const { shown, yaml } = notes;
  const found: ContentProblem[] = [];
  const out: Annotation[] = [];
  const placed: { id: string; start: number; end: number }[] = [];
  const ids = new Map<string, number>();
  for (const entry of notes.entries) {
    const at = (...path: PropertyKey[]) => ({ file: shown, line: yaml.lineOf([entry.index, ...path]), field: fieldPath([entry.index, ...path]) });
    if (entry.id === undefined) continue;
    if (ids.has(entry.id)) {
      found.push({ ...at("id"), message: `"${entry.id}" is used twice (also at line ${ids.get(entry.id)}): give each annotation its own id` });
      continue;
    }
    ids.set(entry.id, yaml.lineOf([entry.index, "id"]));
    if (!entry.anchor || text.trim() === "") continue; // the empty body is reported once; "matches nowhere" would only add noise

    // The hint counts only while the quote is the one the previous build anchored: a quote the
    // editor has changed since is taken as typed, and a near miss is an error, not a guess.
    const hint = hints.get(entry.id);
    const hit = anchorNote(text, { id: entry.id, anchor: entry.anchor }, hint?.exact === entry.anchor.exact ? hint : undefined);
    if (!hit.ok) {
      found.push({ ...at("anchor", "exact"), message: hit.message });
      continue;
    }
    if (text.slice(hit.start, hit.end).includes("\n\n")) {
      found.push({ ...at("anchor", "exact"), message: `annotation ${entry.id} spans two paragraphs: anchor it to a phrase within one` });
      continue;
    }
    const clash = placed.find((o) => hit.start < o.end && o.start < hit.end);
    if (clash) {
      found.push({ ...at("anchor", "exact"), message: `annotation ${entry.id} overlaps annotation ${clash.id}: anchor them to separate phrases` });
      continue;
    }
    placed.push({ id: entry.id, start: hit.start, end: hit.end });
    record.notes.push({ id: entry.id, exact: entry.anchor.exact, start: hit.start, end: hit.end });
    if (hit.warning) warnings.push({ ...at("anchor", "exact"), message: hit.warning, severity: "warning" });

    const input = entry.input;
    if (!input) continue;
    const body = parseParagraphs(input.body);
    for (const p of body.problems) found.push({ ...at("body"), message: p.message });
    out.push({
      id: input.id,
      number: 0,
      kind: input.kind,
      anchor: hit.anchor,
      position: { start: hit.start, end: hit.end },
      markdown: input.body,
      body: body.runs,
      ...(input.original ? { original: input.original } : {}),
      sources: input.sources,
    });
  }
  problems.push(...found);
  return out;
}
