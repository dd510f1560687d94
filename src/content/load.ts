/**
 * Reads a content folder into the document model, collecting every problem before failing.
 *   content/site.yaml
 *   content/articles/<slug>/article.md          front matter + Markdown body
 *   content/articles/<slug>/annotations.yaml    optional list of annotations
 *
 * Three steps over every article, each run whatever the one before found, so that one build
 * reports schema problems and anchor problems together, for every article:
 *   loadStep      walk the folders (walk.ts), read and parse every file: YAML (yaml.ts), the
 *                 body's Markdown (markdown.ts) into blocks and the plain text
 *   validateStep  the YAML against the zod schemas, reworded for editors (validate.ts); each
 *                 note on its own (annotations-file.ts); tags across articles (two spellings
 *                 that make one URL, src/model/tags.ts)
 *   anchorStep    each note's quote found in the text (anchor-notes.ts), notes numbered in
 *                 reading order and marked in their runs (number-notes.ts)
 * then `finish` throws ContentError with every problem, or returns the corpus.
 * Pure: the files are read through `options.files` (src/content/files.ts), which the build
 * answers from the disk (src/build/content-files.ts, whose loadContent runs the steps in order;
 * the build, src/build/build.ts, lists them as its steps).
 */
import type { Annotation, Article, Block, Corpus, Site } from "../model/document.ts";
import { newestFirst } from "../model/order.ts";
import { showTags, tagNames, tagProblems, type TagOccurrence } from "../model/tags.ts";
import { anchorNote } from "./anchor-notes.ts";
import { readAnnotationsFile, validateNotes, type AnnotationsFile, type NoteEntry } from "./annotations-file.ts";
import { ContentError, fieldPath, type ContentProblem } from "./errors.ts";
import { joinPath, readText, type ContentFiles, type FileStamp } from "./files.ts";
import { assignOffsets, parseMarkdown, parseParagraphs } from "./markdown.ts";
import { numberNotes } from "./number-notes.ts";
import { frontMatterSchema, siteSchema, type FrontMatter } from "./schema.ts";
import { validate } from "./validate.ts";
import { walkArticleFolders } from "./walk.ts";
import { parseYaml, type ParsedYaml } from "./yaml.ts";

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
  /** How the files are read: src/build/content-files.ts reads them from the disk. */
  files: ContentFiles;
  /** The previous build's anchors: lets a note whose phrase changed slightly in the text re-anchor, with a warning. */
  previous?: AnchorRecord;
  /** Where each article's model is kept between builds (src/build/model-cache.ts): an unchanged article is not parsed again. */
  cache?: ArticleCache;
}

/** What the cache keeps of an article that loaded without a problem or a warning. */
export interface CachedArticle {
  article: Article;
  /** Its notes in the anchor record. */
  record: AnchorRecord["articles"][number];
  /** Its tags where they are written, for the check across articles. */
  tags: TagOccurrence[];
  /** `article`'s JSON as stored (its text, or its UTF-8 bytes), and its sha256 (hex), where the cache keeps them. */
  json?: string | Uint8Array;
  digest?: string;
}

/**
 * A store of loaded articles keyed by everything they are made from. `key` digests the inputs
 * loadStep hands it (slug, files as shown, their text, the names in the article's folder) with
 * the code's own hash. Only articles without problems or warnings are stored: their every note
 * was found by its own quote, so they do not depend on the previous build's hints.
 */
export interface ArticleCache {
  key(inputs: readonly string[]): string;
  get(key: string): CachedArticle | undefined;
  put(key: string, entry: CachedArticle): void;
  /**
   * The stat index: the key that an article's files had when their stamps (files.ts
   * `FileStamp`, with the slug, the shown names and the folder's names: `stampKey`) were as
   * they are now, so an unchanged article costs a stat of its files, not a read and a digest.
   */
  known?(stampKey: string): string | undefined;
  /** Records `key` under `stampKey` for the next build, unless a stamp is too recent to be trusted. */
  remember?(stampKey: string, stamps: readonly FileStamp[], key: string): void;
  /** Called with each article made from an entry (`entry.json`, when given, was its model's JSON as stored). */
  loaded?(article: Article, entry: CachedArticle): void;
  /** Called when the load step is done: keeps the stat index for the next build. */
  save?(): void;
}

export interface Loaded {
  corpus: Corpus;
  /** Problems that do not fail the build (a note re-anchored by a fuzzy match), `severity: "warning"`. */
  warnings: ContentProblem[];
  /** Where each note was anchored, for the next build. */
  anchors: AnchorRecord;
}

/** One article as the steps see it: filled in by load, then validate, then anchor. */
interface ArticleState {
  slug: string;
  /** article.md and annotations.yaml as shown in messages. */
  files: string[];
  // load
  frontMatter?: ParsedYaml;
  blocks: Block[];
  text: string;
  notesFile?: AnnotationsFile;
  // validate
  meta?: FrontMatter;
  notes: NoteEntry[];
  // anchor
  article?: Article;
  /** Its key in the cache, and what the cache held under it (then nothing above is filled in). */
  key?: string;
  cached?: CachedArticle;
}

/** What the content steps pass along. */
export interface ContentState {
  options: LoadOptions;
  show: (path: string) => string;
  /** Every shown file in reading order (site.yaml, then each article's folder and files): problems are sorted by it. */
  order: string[];
  siteYaml?: ParsedYaml;
  site?: Site;
  /** Each tag written more than one way (or named in site.yaml), by slug: the spelling shown (src/model/tags.ts). */
  tagNames?: Map<string, string>;
  articles: ArticleState[];
  problems: ContentProblem[];
  warnings: ContentProblem[];
  anchors: AnchorRecord;
}

/** Walks the folders and reads and parses every file; problems of form (malformed Markdown, an empty body) are found here. */
export function loadStep(options: LoadOptions): ContentState {
  const { files } = options;
  const show = (path: string) => files.show(path);
  const state: ContentState = { options, show, order: [], articles: [], problems: [], warnings: [], anchors: { articles: [] } };
  const { problems } = state;

  const siteFile = joinPath(options.contentDir, "site.yaml");
  state.order.push(show(siteFile));
  const site = readText(files, siteFile);
  if ("text" in site) state.siteYaml = parseYaml(site.text);
  else if ("missing" in site) problems.push({ file: show(siteFile), field: "", message: "missing: create it (see README.md, 'Adding an article')" });
  else problems.push({ file: show(siteFile), line: site.line, field: "", message: site.problem });

  for (const { slug, folder, names } of walkArticleFolders(options.articleDirs ?? [joinPath(options.contentDir, "articles")], files, problems)) {
    const file = joinPath(folder, "article.md");
    const shown = show(file);
    const notesShown = show(joinPath(folder, "annotations.yaml"));
    state.order.push(show(folder), shown, notesShown);
    const folderNames = [...names].sort().join("/");
    // The stat index first: files whose stamps are the ones an entry was made from are not read.
    let stamped: { key: string; stamps: FileStamp[] } | undefined;
    if (options.cache?.known && files.stamp) {
      const stamps = [files.stamp(file), files.stamp(joinPath(folder, "annotations.yaml"))];
      if (stamps.every((s) => s !== undefined)) {
        stamped = { key: JSON.stringify([slug, shown, notesShown, folderNames, ...stamps.map((s) => s!.id)]), stamps: stamps as FileStamp[] };
        const known = options.cache.known(stamped.key);
        const cached = known === undefined ? undefined : options.cache.get(known);
        if (cached) {
          options.cache.remember?.(stamped.key, stamped.stamps, known!);
          state.articles.push({ slug, files: [shown, notesShown], blocks: [], text: "", notes: [], key: known!, cached });
          continue;
        }
      }
    }
    const read = readText(files, file);
    if (!("text" in read)) {
      if ("missing" in read) problems.push({ file: shown, field: "", message: "missing: every article folder needs an article.md" });
      else problems.push({ file: shown, line: read.line, field: "", message: read.problem });
      // The notes are still read and checked, so that their file's problems show in this build too.
      const notesFile = readAnnotationsFile(files, joinPath(folder, "annotations.yaml"), problems);
      state.articles.push({ slug, files: [shown, notesShown], blocks: [], text: "", ...(notesFile ? { notesFile } : {}), notes: [] });
      continue;
    }
    const source = read.text;
    let key: string | undefined;
    if (options.cache) {
      // An annotations file that cannot be read is reported by the parse: such an article is not kept.
      const notes = readText(files, joinPath(folder, "annotations.yaml"));
      const notesText = "text" in notes ? `+${notes.text}` : "missing" in notes ? "-" : undefined;
      if (notesText !== undefined) key = options.cache.key([slug, shown, notesShown, source, notesText, folderNames]);
      // Stamped before the read: a file changed since is stamped anew next time, and read again.
      if (key !== undefined && stamped) options.cache.remember?.(stamped.key, stamped.stamps, key);
      const cached = key === undefined ? undefined : options.cache.get(key);
      if (cached) {
        state.articles.push({ slug, files: [shown, notesShown], blocks: [], text: "", notes: [], key, cached });
        continue;
      }
    }
    // Without front matter, the whole file is read as the body, so that its notes are still
    // anchored and checked in this build.
    const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
    if (!fm) problems.push({ file: shown, line: 1, field: "", message: "must start with YAML front matter between two '---' lines" });
    const bodyFirstLine = fm ? fm[0].split("\n").length - (fm[0].endsWith("\n") ? 1 : 0) + 1 : 1;
    let parsed: ReturnType<typeof parseMarkdown>;
    try {
      parsed = parseMarkdown(source.slice(fm ? fm[0].length : 0), { hasFile: (name) => names.has(name) });
    } catch (error) {
      // The parser's own failure (it has limits of its own) is this file's problem, not the build's crash.
      problems.push({ file: shown, line: bodyFirstLine, field: "body", message: `cannot be read as Markdown: ${(error as Error).message}` });
      continue;
    }
    const { blocks, problems: mdProblems } = parsed;
    for (const p of mdProblems) problems.push({ file: shown, line: p.line + bodyFirstLine - 1, field: "body", message: p.message });
    const text = assignOffsets(blocks);
    if (text.trim() === "") problems.push({ file: shown, line: bodyFirstLine, field: "body", message: "is empty: write the article's text below the front matter" });
    const notesFile = readAnnotationsFile(files, joinPath(folder, "annotations.yaml"), problems);
    state.articles.push({ slug, files: [shown, notesShown], ...(fm ? { frontMatter: parseYaml(fm[1]!, 2) } : {}), blocks, text, ...(notesFile ? { notesFile } : {}), notes: [], ...(key ? { key } : {}) });
  }
  options.cache?.save?.();
  return state;
}

/** Checks site.yaml, every front matter and every note against the schemas. */
export function validateStep(state: ContentState): void {
  const { problems } = state;
  let named: Record<string, string> = {};
  if (state.siteYaml) {
    // The tags: map is the build's, not the model's: every article carries its tags as shown.
    const site = validate(state.siteYaml, state.order[0]!, siteSchema, problems) as (Site & { tags?: Record<string, string> }) | undefined;
    if (site) {
      const { tags, ...rest } = site;
      named = tags ?? {};
      state.site = rest;
    }
  }
  for (const a of state.articles) {
    if (a.cached) continue;
    if (a.frontMatter) a.meta = validate(a.frontMatter, a.files[0]!, frontMatterSchema, problems);
    if (a.notesFile) a.notes = validateNotes(a.notesFile, problems);
  }
  const written = tagsWritten(state.articles);
  problems.push(...tagProblems(written));
  const names = tagNames(written, named, { file: state.order[0]!, line: (key) => state.siteYaml?.lineOf(["tags", key]) });
  state.tagNames = names.bySlug;
  for (const p of names.problems) (p.severity ? state.warnings : problems).push(p);
}

/** Every tag of every valid front matter, where it is written: two spellings of one slug are an error (src/model/tags.ts). */
function tagsWritten(articles: readonly ArticleState[]): TagOccurrence[] {
  return articles.flatMap((a) => {
    if (a.cached) return a.cached.tags;
    return a.meta && a.frontMatter ? a.meta.tags.map((tag, i) => ({ tag, file: a.files[0]!, line: a.frontMatter!.lineOf(["tags", i]), field: `tags[${i}]`, published: a.meta!.published })) : [];
  });
}

type Hint = { exact: string; start: number; end: number };

/** Anchors every note that has a valid id and anchor, numbers the notes, and makes each article whose files had no problem. */
export function anchorStep(state: ContentState): void {
  const hints = new Map((state.options.previous?.articles ?? []).map((a) => [a.slug, new Map(a.notes.map((n) => [n.id, n]))]));
  const made: ArticleState[] = [];
  for (const a of state.articles) {
    if (a.cached) {
      // Its tags as shown depend on every article's spellings and site.yaml's tags: map, not on
      // its own files alone: shown again from the spellings it wrote.
      a.article = withTags(a.cached.article, showTags(a.cached.tags.map((t) => t.tag), state.tagNames ?? new Map()));
      state.options.cache?.loaded?.(a.article, a.cached);
      state.anchors.articles.push(a.cached.record);
      continue;
    }
    const record: AnchorRecord["articles"][number] = { slug: a.slug, notes: [] };
    const annotations = a.notesFile ? anchorNotes(a.notesFile, a.notes, a.text, hints.get(a.slug) ?? new Map(), record, state) : [];
    if (!a.meta || state.problems.some((p) => a.files.includes(p.file))) continue;
    numberNotes(a.blocks, annotations);
    state.anchors.articles.push(record);
    a.article = {
      slug: a.slug,
      // Every field of the front matter, as its one description gives it (src/model/front-matter.ts);
      // the tags as shown (one spelling per tag: src/model/tags.ts).
      ...a.meta,
      tags: showTags(a.meta.tags, state.tagNames ?? new Map()),
      wordCount: a.text.split(/\s+/).filter(Boolean).length,
      noteCount: annotations.length,
      blocks: a.blocks,
      annotations,
    };
    a.cached = { article: a.article, record, tags: tagsWritten([a]) };
    made.push(a);
  }
  // Stored now, before a later step (the figures') adds to the model: only what this step made.
  const { cache } = state.options;
  if (!cache) return;
  const flagged = new Set([...state.problems, ...state.warnings].map((p) => p.file));
  for (const a of made) if (a.key && !a.files.some((f) => flagged.has(f))) cache.put(a.key, a.cached!);
}

/**
 * A copy of the article with other tags, its other fields copied as they are: a cached article's
 * body may be read from the cache only when a step uses it (src/build/model-cache.ts), which a
 * spread would do at once.
 */
function withTags(article: Article, tags: string[]): Article {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(article)) as Article;
  copy.tags = tags;
  return copy;
}

/** Every problem, in the order an editor reads the files (file by file, line by line), or the corpus. */
export function finish(state: ContentState): Loaded {
  const { problems, warnings } = state;
  const articles = state.articles.flatMap((a) => (a.article ? [a.article] : []));
  if (articles.length === 0 && problems.length === 0) problems.push({ file: state.show(state.options.contentDir), field: "", message: "no articles found: add a folder with an article.md under articles/" });
  const rank = (p: ContentProblem) => {
    const i = state.order.indexOf(p.file);
    return i === -1 ? state.order.length : i;
  };
  const byFile = (a: ContentProblem, b: ContentProblem) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0);
  if (problems.length > 0 || !state.site) throw new ContentError(problems.sort(byFile), warnings.sort(byFile));
  articles.sort(newestFirst); // the one order of articles (src/model/order.ts)
  return { corpus: { site: state.site, articles }, warnings: warnings.sort(byFile), anchors: state.anchors };
}

/**
 * Anchors every note with a valid id and anchor, valid or not otherwise, and checks what
 * anchoring alone cannot: unique ids, one paragraph per phrase, no overlaps. Returns the
 * fully valid notes (numbered 0 until numberNotes).
 */
function anchorNotes(file: AnnotationsFile, notes: NoteEntry[], text: string, hints: Map<string, Hint>, record: AnchorRecord["articles"][number], state: ContentState): Annotation[] {
  const { shown, yaml } = file;
  const { problems, warnings } = state;
  const out: Annotation[] = [];
  const placed: { id: string; start: number; end: number }[] = [];
  const ids = new Map<string, number>();
  for (const entry of notes) {
    const at = (...path: PropertyKey[]) => ({ file: shown, line: yaml.lineOf([entry.index, ...path]), field: fieldPath([entry.index, ...path]) });
    if (entry.id === undefined) continue;
    if (ids.has(entry.id)) {
      problems.push({ ...at("id"), message: `"${entry.id}" is used twice (also at line ${ids.get(entry.id)}): give each annotation its own id` });
      continue;
    }
    ids.set(entry.id, yaml.lineOf([entry.index, "id"]));
    if (!entry.anchor || text.trim() === "") continue; // the empty body is reported once; "matches nowhere" would only add noise

    // The hint counts only while the quote is the one the previous build anchored: a quote the
    // editor has changed since is taken as typed, and a near miss is an error, not a guess.
    const hint = hints.get(entry.id);
    const hit = anchorNote(text, { id: entry.id, anchor: entry.anchor }, hint?.exact === entry.anchor.exact ? hint : undefined);
    if (!hit.ok) {
      problems.push({ ...at("anchor", "exact"), message: hit.message });
      continue;
    }
    if (text.slice(hit.start, hit.end).includes("\n\n")) {
      problems.push({ ...at("anchor", "exact"), message: `annotation ${entry.id} spans two paragraphs: anchor it to a phrase within one` });
      continue;
    }
    const clash = placed.find((o) => hit.start < o.end && o.start < hit.end);
    if (clash) {
      problems.push({ ...at("anchor", "exact"), message: `annotation ${entry.id} overlaps annotation ${clash.id}: anchor them to separate phrases` });
      continue;
    }
    placed.push({ id: entry.id, start: hit.start, end: hit.end });
    record.notes.push({ id: entry.id, exact: entry.anchor.exact, start: hit.start, end: hit.end });
    if (hit.warning) warnings.push({ ...at("anchor", "exact"), message: hit.warning, severity: "warning" });

    const input = entry.input;
    if (!input) continue;
    const body = parseParagraphs(input.body);
    for (const p of body.problems) problems.push({ ...at("body"), message: p.message });
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
  return out;
}
