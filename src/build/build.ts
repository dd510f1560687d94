/**
 * The build: content folder → validated document model → everything the worker serves.
 *   dist/model.json           the whole document model (site + every article), for tools and tests
 *   dist/catalog.json         every article's metadata, the newest in full (bundled as worker-catalog.js)
 *   dist/assets/_model/…      each article's full model, read by the worker on first use (packed)
 *   dist/article.schema.json  JSON Schema of the article JSON, served at /schema/article.json
 *   dist/list.schema.json     JSON Schema of the list JSON (/articles.json, a tag's), served at /schema/articles.json
 *   dist/collections.schema.json  JSON Schema of /collections.json, served at /schema/collections.json
 *   dist/assets/articles/…    binary files the worker serves itself (EPUBs, covers)
 *   dist/assets/collections/… the collection EPUBs, per tag and per month (src/collections/)
 *   dist/assets/_search/…     the search index: manifest, term buckets, text shards (src/search/)
 *   dist/search.schema.json   JSON Schema of the search results JSON, served at /schema/search.json
 *   dist/assets.json          the record of every output: URL path → type, size, strong ETag, last change.
 *                             Begun by the steps that make files, given each page's ETag and last change by
 *                             validators.ts, completed with every packed file by packs.ts; for tools, tests
 *                             and the next build (the worker bundles only its site-wide records: worker-data.ts)
 *   dist/assets/_model/….validators.json  the same record for each article's own pages
 *   dist/assets/_packs/<n>.bin  every file above under assets/, packed (src/build/packs.ts); the
 *                             files themselves are not written
 *   dist/packs.json           the pack table; its rows also in chunks, dist/assets/_packs/table/<k>.json
 *   dist/worker-catalog.js    what the worker bundles: the catalog, the site-wide records and the pack
 *                             table's directory, as JSON text (worker-data.ts)
 *   dist/anchors.json         where each note was anchored and the quote typed for it: the
 *                             next build's hint for re-anchoring (src/content/anchor-notes.ts)
 * (dist is a link to the current complete output: see output.ts.)
 *
 * It runs the steps in `buildSteps`, in order, each a named function of the build's state.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogOf, modelPath } from "../model/catalog.ts";
import type { Collection } from "../collections/plan.ts";
import { estimatedBytes } from "../epub/collection-size.ts";
import { planCollections as planCollectionsOf, volumeBudget } from "../collections/plan.ts";
import { strongEtag } from "../model/etag.ts";
import type { Corpus } from "../model/document.ts";
import type { ContentProblem } from "../content/errors.ts";
import { anchorStep, finish, loadStep, validateStep, type AnchorRecord, type ContentState } from "../content/load.ts";
import { nodeContentFiles, type NodeLoadOptions } from "./content-files.ts";
import { figureBytes, makeFigures } from "./figures.ts";
import { articleJsonSchema, searchJsonSchema } from "./json-schema.ts";
import { collectionsJsonSchema } from "./collections-json-schema.ts";
import { listJsonSchema } from "./list-json-schema.ts";
import { searchIndexFiles } from "./search-files.ts";
import { writeOutput, type OutputFiles } from "./output.ts";
import type { AssetManifest } from "../model/assets.ts";
import { packFiles } from "./packs.ts";
import type { ArticleFilesInProgress, ArticleFilesResult } from "./article-files.ts";
import { recordValidators } from "./validators.ts";
import { addWorkerData } from "./worker-data.ts";
import { cacheDirFromEnv, cacheRootFromEnv } from "./cache-dir.ts";
import { keptSizes } from "./collection-sizes.ts";
import { openModelCache } from "./model-cache.ts";
import { articleJson } from "./article-json.ts";
import { openPackStore } from "./pack-store.ts";

export interface BuildOptions extends Omit<NodeLoadOptions, "cache"> {
  /** false: keep nothing between builds in the cache folder (src/build/cache-dir.ts), as FOLIO_NO_CACHE=1 does. */
  cache?: false;
  outDir: string;
  /** Serve under another base URL than content/site.yaml's (e.g. a local preview). */
  siteUrl?: string;
  /** List another number of items in the feeds than content/site.yaml says. */
  feedItems?: number;
  /** Put another number of articles on each page of a list than content/site.yaml says. */
  pageSize?: number;
  /** Called with a short line as the build progresses. */
  progress?: (line: string) => void;
  /** Make each article's EPUB, cover and Open Graph image (true by default; tests of the model alone turn it off). */
  articleFiles?: boolean;
  /** Update a real dist/ folder file by file instead of switching a link (the dev server only; src/build/output.ts). */
  outputInPlace?: boolean;
  /** The most bytes in a pack file (src/build/packs.ts PACK_BOUND unless a test asks for less). */
  packBound?: number;
  /** Test hook: how recent a content file's change may be and still go into the stat index (model-cache.ts `racyMs`; 2 s unless a test asks for less). */
  racyMs?: number;
  /** Test hook: runs with the new output's folder after every file is written, before the switch. */
  beforeSwap?: (dir: string) => void;
}

export interface BuildSummary {
  articles: number;
  annotations: number;
  files: number;
  bytes: number;
  ms: number;
  /** Content warnings (notes re-anchored by a fuzzy match): the build succeeded, but an editor should look. */
  warnings: ContentProblem[];
  /** Slugs whose EPUB and cards this build made (the others' came from the file cache, file-cache.ts). */
  made: string[];
}

/** What the steps read and add to, in order. */
interface BuildState {
  options: BuildOptions;
  progress: (line: string) => void;
  previous?: AnchorRecord;
  content?: ContentState;
  corpus?: Corpus;
  /** The article files being made: cards drawn in the background until `finish` (article-files.ts). */
  articleFiles?: ArticleFilesInProgress<ArticleFilesResult>;
  /** The collection EPUBs to make, volume by volume (src/collections/plan.ts). */
  collections?: Collection[];
  anchors?: AnchorRecord;
  warnings: ContentProblem[];
  files: OutputFiles;
  /** Output files whose bytes are already in a file (the file cache's): hard-linked, not written. */
  links: Map<string, { file: string; size: number }>;
  manifest: AssetManifest;
  made: string[];
}

type BuildStep = { name: string; run: (state: BuildState) => void | Promise<void> };

/** The build, step by step (the shape of standardebooks/tools: each step named, run in this order). */
export const buildSteps: readonly BuildStep[] = [
  { name: "read where the previous build anchored each note", run: readPrevious },
  { name: "load: walk the content, read and parse every file", run: loadContent },
  { name: "validate: every YAML file against its schema", run: (state) => validateStep(state.content!) },
  { name: "anchor: find each note's phrase, number the notes", run: (state) => anchorStep(state.content!) },
  { name: "stop on any content problem, all of them reported at once", run: checkContent },
  { name: "apply command-line overrides", run: applyOverrides },
  { name: "figures: measure each image and make its web sizes (figures.ts), before the EPUBs embed them", run: renderFigures },
  { name: "start each article's cover and Open Graph image in the card threads, which draw them while the next steps run", run: startArticleFiles },
  { name: "plan the collections: a book per tag and per month, cut into volumes under 25 MiB", run: planCollections },
  { name: "render each collection's EPUB and its cover", run: renderCollectionFiles },
  { name: "build the search index: term buckets and text shards under /_search/", run: renderSearchIndex },
  { name: "make each article's EPUB as its cover arrives (EPUB, cover, Open Graph image)", run: finishArticleFiles },
  { name: "render the model, catalog, schema, manifest and anchor record", run: renderDataFiles },
  { name: "record every served output's ETag and the time its bytes last changed", run: validatorsStep },
  { name: "pack the files under assets/ into /_packs/<n>.bin, listed in packs.json (an unchanged pack linked from the cache)", run: packStep },
  { name: "write what the worker bundles: the catalog and pack table as JSON text (worker-data.ts)", run: (state) => addWorkerData(state.files) },
  { name: "write the output and switch to it", run: writeStep },
];

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const state: BuildState = { options, progress: options.progress ?? (() => {}), warnings: [], files: new Map(), links: new Map(), manifest: {}, made: [] };
  try {
    for (const [i, step] of buildSteps.entries()) {
      state.progress(`step ${i + 1}/${buildSteps.length}: ${step.name}`);
      await step.run(state);
    }
  } finally {
    await state.articleFiles?.close(); // the card threads, if a step failed while they drew
  }

  let bytes = 0;
  for (const data of state.files.values()) bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  for (const { size } of state.links.values()) bytes += size;
  const corpus = state.corpus!;
  return {
    articles: corpus.articles.length,
    annotations: corpus.articles.reduce((n, a) => n + a.annotations.length, 0),
    files: state.files.size + state.links.size,
    bytes,
    ms: performance.now() - started,
    warnings: state.warnings,
    made: state.made,
  };
}

/** Where the previous build anchored each note (its anchors.json), the hint for re-anchoring; none if there is no readable one. */
function readPrevious(state: BuildState): void {
  try {
    const previous = JSON.parse(readFileSync(join(state.options.outDir, "anchors.json"), "utf8")) as AnchorRecord;
    if (Array.isArray(previous.articles)) state.previous = previous;
  } catch {
    // No previous build (or an unreadable one): notes are anchored by their quotes alone.
  }
}

/** The steps of src/content/load.ts, with the previous build's anchors as hints. */
function loadContent(state: BuildState): void {
  const { cache, racyMs, ...options } = state.options;
  const models = cache === false ? undefined : cacheDirFromEnv("models");
  state.content = loadStep({ ...options, files: nodeContentFiles(options.root), ...(state.previous ? { previous: state.previous } : {}), ...(models ? { cache: openModelCache(models, undefined, racyMs === undefined ? {} : { racyMs }) } : {}) });
}

/** Throws ContentError with every problem the content steps found; otherwise keeps the corpus. */
function checkContent(state: BuildState): void {
  const loaded = finish(state.content!);
  state.corpus = loaded.corpus;
  state.warnings = loaded.warnings;
  state.anchors = loaded.anchors;
}

function applyOverrides({ options, corpus }: BuildState): void {
  if (options.siteUrl) corpus!.site.url = options.siteUrl.replace(/\/+$/, "");
  if (options.feedItems !== undefined) {
    if (!Number.isInteger(options.feedItems) || options.feedItems < 1) throw new Error(`--feed-items must be a whole number of at least 1, not ${options.feedItems}`);
    corpus!.site.feedItems = options.feedItems;
  }
  if (options.pageSize !== undefined) {
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1) throw new Error(`--page-size must be a whole number of at least 1, not ${options.pageSize}`);
    corpus!.site.pageSize = options.pageSize;
  }
}

async function renderFigures(state: BuildState): Promise<void> {
  for (const [path, { type, data }] of await makeFigures(state.corpus!, state.options, state.progress)) {
    state.files.set(`assets/${path}`, data);
    state.manifest[`/${path}`] = { type, size: data.byteLength, etag: strongEtag(createHash("sha256").update(data).digest()) };
  }
}

/** article-files.ts, loaded only when used: it brings in resvg (native) and the EPUB maker. */
async function startArticleFiles(state: BuildState): Promise<void> {
  if (state.options.articleFiles === false) return;
  const { startArticleFilesStep } = await import("./article-files.ts");
  state.articleFiles = startArticleFilesStep(state.corpus!, state.progress);
}

async function finishArticleFiles(state: BuildState): Promise<void> {
  if (!state.articleFiles) return;
  const { files, made } = await state.articleFiles.finish();
  for (const { path, type, size, etag, data, file } of files) {
    if (data) state.files.set(`assets/${path}`, data);
    else state.links.set(`assets/${path}`, { file, size });
    state.manifest[`/${path}`] = { type, size, etag };
  }
  state.made = made;
}

function planCollections(state: BuildState): void {
  // Each figure's embedded image counts at its real size (the figures step ran before).
  // Each article's estimate is kept in the cache folder (collection-sizes.ts).
  const corpus = state.corpus!;
  const imageBytes = (path: string) => figureBytes(path)?.byteLength ?? 0;
  const root = state.options.cache === false ? undefined : cacheRootFromEnv();
  const sizes = keptSizes(corpus, (a) => estimatedBytes(corpus.site, a, imageBytes), root ? join(root, "sizes.json") : undefined);
  state.collections = planCollectionsOf(corpus, sizes.size, volumeBudget);
  sizes.save();
}

/** collection-cache.ts (and collection-files.ts), loaded only when used, as article-files.ts is. */
async function renderCollectionFiles(state: BuildState): Promise<void> {
  if (state.options.articleFiles === false) return;
  const { collectionFilesStep } = await import("./collection-cache.ts");
  const made = await collectionFilesStep(state.corpus!, state.collections!, state.progress);
  const sizes = new Map<string, number>();
  for (const { path, type, size, etag, data, file } of made) {
    if (data) state.files.set(`assets/${path}`, data);
    else state.links.set(`assets/${path}`, { file, size });
    state.manifest[`/${path}`] = { type, size, etag };
    sizes.set(path, size);
  }
  // Each book's size goes into the catalog's list of collections, for OPDS and the pages that link it.
  state.collections = state.collections!.map((c) => ({ ...c, bytes: sizes.get(decodeURI(c.path).slice(1)) }));
}

/** Read by the worker, served at no URL of their own: like the article models, not in assets.json. */
function renderSearchIndex({ options, corpus, files }: BuildState): void {
  const cacheDir = options.cache === false ? undefined : cacheDirFromEnv("search");
  for (const { path, data } of searchIndexFiles(corpus!.articles, cacheDir ? { cacheDir } : {})) files.set(`assets${path}`, data);
  files.set("search.schema.json", JSON.stringify(searchJsonSchema(), null, 2));
}

function renderDataFiles({ corpus, collections, anchors, files, manifest }: BuildState): void {
  // Each article's JSON is made once: its own file, and its place in model.json.
  const articles = corpus!.articles.map(articleJson);
  files.set("model.json", jsonWithArticles(corpus!, articles));
  files.set("catalog.json", JSON.stringify(catalogOf(corpus!, collections!)));
  corpus!.articles.forEach((article, i) => files.set(`assets/${modelPath(article.slug).slice(1)}`, articles[i]!));
  files.set("assets.json", JSON.stringify(manifest, null, 2));
  files.set("article.schema.json", JSON.stringify(articleJsonSchema(), null, 2));
  files.set("list.schema.json", JSON.stringify(listJsonSchema(), null, 2));
  files.set("collections.schema.json", JSON.stringify(collectionsJsonSchema(), null, 2));
  files.set("anchors.json", JSON.stringify(anchors));
}

/** JSON.stringify(corpus), byte for byte, with the articles' JSON given. */
export function jsonWithArticles(corpus: Corpus, articles: readonly string[]): string {
  const hole = `\u0000${randomUUID()}`; // no string of the site can be it
  const json = JSON.stringify({ ...corpus, articles: hole });
  return json.replace(JSON.stringify(hole), () => `[${articles.join(",")}]`);
}

async function validatorsStep({ options, files }: BuildState): Promise<void> {
  const cacheDir = options.cache === false ? undefined : cacheDirFromEnv("pages");
  await recordValidators(files, options.outDir, new Date(), cacheDir ? { cacheDir } : {});
}

function packStep({ options, files, links }: BuildState): void {
  const dir = options.cache === false ? undefined : cacheDirFromEnv("packs");
  packFiles(files, { links, ...(options.packBound ? { bound: options.packBound } : {}), ...(dir ? { store: openPackStore(dir) } : {}) });
}

async function writeStep({ options, files, links, progress }: BuildState): Promise<void> {
  await writeOutput(options.outDir, files, { dirs: ["assets"], links, progress, ...(options.outputInPlace ? { inPlace: true } : {}), ...(options.beforeSwap ? { beforeSwap: options.beforeSwap } : {}) });
}
