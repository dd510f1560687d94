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
 *   dist/assets.json          the record of every output: URL path → type, size, strong ETag, last change;
 *                             for tools, tests and the next build (the worker bundles only its site-wide
 *                             records: worker-data.ts). Written once, by the step "compose the record": the
 *                             steps that make files return their records as their own products, the
 *                             validators step (validators.ts) stamps them and every page with its ETag and
 *                             last change, and the record step writes the whole of it
 *   dist/assets/_model/….validators.json  each article's own pages' part of that record (the same step)
 *   dist/assets/_packs/<n>.bin  every file above under assets/, packed (src/build/packs.ts); the
 *                             files themselves are not written
 *   dist/packs.json           the pack table; its rows also in chunks, dist/assets/_packs/table/<k>.json
 *   dist/worker-catalog.js    what the worker bundles: the catalog, the site-wide records and the pack
 *                             table's directory, as JSON text (worker-data.ts)
 *   dist/anchors.json         where each note was anchored and the quote typed for it: the
 *                             next build's hint for re-anchoring (src/content/anchor-notes.ts)
 * (dist is a link to the current complete output: see output.ts.)
 *
 * It runs the steps in `buildSteps` (steps.ts): each step is named (its name is the progress
 * line "[i/N] name"), declares the products it reads and the ones it writes (`Products`), and
 * gets only what it reads. What a build holds is what its remaining steps read: the runner lets
 * each product go after the last step that reads it; the article files and collection EPUBs go to
 * the file cache as each is made, and the packs to the pack store (their records stay, not their
 * bytes); the card threads hold the cards drawn ahead in the card cache's files.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
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
import type { AssetManifest, PackTable } from "../model/assets.ts";
import { packFiles } from "./packs.ts";
import type { ArticleFilesInProgress, ArticleFilesResult, BuiltFile } from "./article-files.ts";
import { composeRecord, recordValidators, type Validators } from "./validators.ts";
import { workerData } from "./worker-data.ts";
import { runSteps, stepOf, type Step } from "./steps.ts";
import { openCardPool, type CardPool } from "../cards/pool.ts";
import { cacheDirFromEnv, cacheRootFromEnv } from "./cache-dir.ts";
import { abandonCacheUse, finishCacheUse, startCacheUse } from "./cache-prune.ts";
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
  /** Keep the cache entries the newest this many builds used, pruning every this many builds (cache-prune.ts `keptBuilds` unless a test asks for fewer). */
  keptBuilds?: number;
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

/** Output files whose bytes are already in a file (a cache's): hard-linked into the output, not written. */
type Links = Map<string, { file: string; size: number }>;

/** What the steps make, by name: each is written by one step and read by the steps that declare it (steps.ts). */
export interface Products {
  /** Given: the build's options. */
  options: BuildOptions;
  /** Given: where a step reports how far it is. */
  progress: (line: string) => void;
  /**
   * Given: a folder of this build's own (removed when it ends) where cards, built files and packs
   * are kept when no cache folder keeps them (FOLIO_NO_CACHE=1, `cache: false`), so that they are
   * on disk as they are made, not all in memory; undefined when the cache folder keeps them.
   */
  scratch: string | undefined;
  /** Where the previous build anchored each note (its anchors.json), if it left a readable one. */
  previous: AnchorRecord | undefined;
  /** Every content file read and parsed (src/content/load.ts). */
  content: ContentState;
  /** … and checked against its schema. */
  validated: ContentState;
  /** … and each note anchored. */
  anchored: ContentState;
  /** The document model as the content says. */
  loaded: Corpus;
  warnings: ContentProblem[];
  /** How many articles and notes the content holds, for the build's summary. */
  counts: { articles: number; annotations: number };
  /** Where each note was anchored, for the next build (dist/anchors.json). */
  anchors: AnchorRecord;
  /** The model with the command-line overrides (site URL, feed items, page size). */
  configured: Corpus;
  /** The model with each figure's size and variants (the figures step): what every later step reads. */
  corpus: Corpus;
  figureFiles: BuiltFile[];
  /** The card threads (src/cards/pool.ts), started when a card is not in the cache, shared by the article files and the collection covers; none when they are not made. */
  cardPool: CardPool | undefined;
  /** The article files being made: cards drawn in the background until they are finished (article-files.ts); none when they are not made. */
  cards: ArticleFilesInProgress<ArticleFilesResult> | undefined;
  /** The collection EPUBs to make, volume by volume (src/collections/plan.ts). */
  plan: Collection[];
  collectionFiles: BuiltFile[];
  /** The plan with each book's size, for the catalog. */
  collections: Collection[];
  /** The search index's files under assets/_search/, and search.schema.json. */
  searchFiles: OutputFiles;
  articleFiles: BuiltFile[];
  /** Slugs whose EPUB and cards this build made (the others' came from the file cache, file-cache.ts). */
  made: string[];
  /** model.json, catalog.json, each article's model under assets/_model/, the schemas, anchors.json. */
  dataFiles: OutputFiles;
  /** Every served output's ETag and last change: the site-wide part, and each article's own pages' (validators.ts). */
  validators: Validators;
  /** dist/assets.json and each article's validators file, composed once. */
  record: { assetsJson: string; articleRecords: OutputFiles };
  /** The packs of every file under assets/ (packs.ts), and packs.json. */
  packs: { files: OutputFiles; links: Links; table: PackTable; packsJson: string };
  /** worker-catalog.js, its types and the pack table's chunks (worker-data.ts). */
  workerFiles: Map<string, string>;
  /** How many files, and bytes, the output holds. */
  written: { files: number; bytes: number };
}

const step = stepOf<Products>();

/** The build, step by step (the shape of standardebooks/tools: each step named, run in this order). */
export const buildSteps: readonly Step<Products>[] = [
  step({ name: "read where the previous build anchored each note", reads: ["options"], writes: ["previous"], run: readPrevious }),
  step({ name: "load: walk the content, read and parse every file", reads: ["options", "previous"], writes: ["content"], run: loadContent }),
  step({ name: "validate: every YAML file against its schema", reads: ["content"], writes: ["validated"], run: ({ content }) => (validateStep(content), { validated: content }) }),
  step({ name: "anchor: find each note's phrase, number the notes", reads: ["validated"], writes: ["anchored"], run: ({ validated }) => (anchorStep(validated), { anchored: validated }) }),
  step({ name: "stop on any content problem, all of them reported at once", reads: ["anchored"], writes: ["loaded", "warnings", "counts", "anchors"], run: checkContent }),
  step({ name: "apply command-line overrides", reads: ["options", "loaded"], writes: ["configured"], run: applyOverrides }),
  step({ name: "figures: measure each image and make its web sizes (figures.ts), before the EPUBs embed them", reads: ["options", "progress", "configured"], writes: ["corpus", "figureFiles"], run: renderFigures }),
  step({ name: "start each article's cover and Open Graph image in the card threads, which draw them while the next steps run", reads: ["options", "progress", "scratch", "corpus"], writes: ["cardPool", "cards"], run: startArticleFiles, dispose: ({ cardPool }) => cardPool?.close() }),
  step({ name: "plan the collections: a book per tag and per month, cut into volumes under 25 MiB", reads: ["options", "corpus"], writes: ["plan"], run: planCollections }),
  step({ name: "render each collection's EPUB and its cover", reads: ["options", "progress", "scratch", "corpus", "plan", "cardPool"], writes: ["collectionFiles", "collections"], run: renderCollectionFiles }),
  step({ name: "build the search index: term buckets and text shards under /_search/", reads: ["options", "corpus"], writes: ["searchFiles"], run: renderSearchIndex }),
  step({ name: "make each article's EPUB as its cover arrives (EPUB, cover, Open Graph image)", reads: ["cards", "cardPool"], writes: ["articleFiles", "made"], run: finishArticleFiles }),
  step({ name: "render the model, catalog, schema, manifest and anchor record", reads: ["corpus", "collections", "anchors"], writes: ["dataFiles"], run: renderDataFiles }),
  step({ name: "record every served output's ETag and the time its bytes last changed", reads: ["options", "figureFiles", "collectionFiles", "articleFiles", "searchFiles", "dataFiles"], writes: ["validators"], run: validatorsStep }),
  step({ name: "compose the record: dist/assets.json and each article's validators file, once", reads: ["validators"], writes: ["record"], run: ({ validators }) => ({ record: composeRecord(validators) }) }),
  step({ name: "pack the files under assets/ into /_packs/<n>.bin, listed in packs.json (an unchanged pack linked from the cache)", reads: ["options", "scratch", "figureFiles", "collectionFiles", "searchFiles", "articleFiles", "dataFiles", "record", "validators"], writes: ["packs"], run: packStep }),
  step({ name: "write what the worker bundles: the catalog and pack table as JSON text (worker-data.ts)", reads: ["dataFiles", "packs"], writes: ["workerFiles"], run: ({ dataFiles, packs }) => ({ workerFiles: workerData(text(dataFiles, "catalog.json"), packs.packsJson) }) }),
  step({ name: "write the output and switch to it", reads: ["options", "progress", "dataFiles", "searchFiles", "record", "packs", "workerFiles"], writes: ["written"], run: writeStep }),
];

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const kept = cacheDirFromEnv("files") !== undefined && cacheDirFromEnv("cards") !== undefined && options.cache !== false && cacheDirFromEnv("packs") !== undefined;
  const scratch = kept ? undefined : mkdtempSync(join(tmpdir(), "folio-build-"));
  // The entries this build uses are journaled, and the cache pruned every few builds (cache-prune.ts).
  const cacheRoot = options.cache === false ? undefined : cacheRootFromEnv();
  if (cacheRoot) startCacheUse(cacheRoot);
  let results;
  try {
    results = await runSteps(buildSteps, { options, progress, scratch }, ["counts", "warnings", "made", "written"], {
      started: (i, n, name) => progress(`step ${i}/${n}: ${name}`),
    });
  } catch (error) {
    abandonCacheUse();
    throw error;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true }); // the output holds links to its files, or copies
  }
  if (cacheRoot) finishCacheUse(options.keptBuilds); // silent: what it removes, a later build would only make again
  const { counts, warnings, made, written } = results;
  return {
    ...counts,
    files: written.files,
    bytes: written.bytes,
    ms: performance.now() - started,
    warnings,
    made,
  };
}

type In<K extends keyof Products> = Readonly<Pick<Products, K>>;

const text = (files: OutputFiles, name: string): string => {
  const data = files.get(name);
  if (data === undefined) throw new Error(`the build made no ${name}`);
  return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
};

/** Where the previous build anchored each note (its anchors.json), the hint for re-anchoring; none if there is no readable one. */
function readPrevious({ options }: In<"options">): { previous: AnchorRecord | undefined } {
  try {
    const previous = JSON.parse(readFileSync(join(options.outDir, "anchors.json"), "utf8")) as AnchorRecord;
    if (Array.isArray(previous.articles)) return { previous };
  } catch {
    // No previous build (or an unreadable one): notes are anchored by their quotes alone.
  }
  return { previous: undefined };
}

/** The steps of src/content/load.ts, with the previous build's anchors as hints. */
function loadContent({ options: all, previous }: In<"options" | "previous">): { content: ContentState } {
  const { cache, racyMs, ...options } = all;
  const models = cache === false ? undefined : cacheDirFromEnv("models");
  return { content: loadStep({ ...options, files: nodeContentFiles(options.root), ...(previous ? { previous } : {}), ...(models ? { cache: openModelCache(models, undefined, racyMs === undefined ? {} : { racyMs }) } : {}) }) };
}

/** Throws ContentError with every problem the content steps found; otherwise the corpus. */
function checkContent({ anchored }: In<"anchored">): Pick<Products, "loaded" | "warnings" | "counts" | "anchors"> {
  const { corpus, warnings, anchors } = finish(anchored);
  const counts = { articles: corpus.articles.length, annotations: corpus.articles.reduce((n, a) => n + a.annotations.length, 0) };
  return { loaded: corpus, warnings, counts, anchors };
}

function applyOverrides({ options, loaded }: In<"options" | "loaded">): { configured: Corpus } {
  const site = { ...loaded.site };
  if (options.siteUrl) site.url = options.siteUrl.replace(/\/+$/, "");
  if (options.feedItems !== undefined) {
    if (!Number.isInteger(options.feedItems) || options.feedItems < 1) throw new Error(`--feed-items must be a whole number of at least 1, not ${options.feedItems}`);
    site.feedItems = options.feedItems;
  }
  if (options.pageSize !== undefined) {
    if (!Number.isInteger(options.pageSize) || options.pageSize < 1) throw new Error(`--page-size must be a whole number of at least 1, not ${options.pageSize}`);
    site.pageSize = options.pageSize;
  }
  return { configured: { ...loaded, site } };
}

/** makeFigures sets each figure's size and variants on the model itself: what it returns is that model, as `corpus`. */
async function renderFigures({ options, progress, configured }: In<"options" | "progress" | "configured">): Promise<{ corpus: Corpus; figureFiles: BuiltFile[] }> {
  const figureFiles: BuiltFile[] = [];
  for (const [path, { type, data }] of await makeFigures(configured, options, progress, { cacheDir: options.cache === false ? undefined : cacheDirFromEnv("figures") })) {
    figureFiles.push({ path, type, size: data.byteLength, etag: strongEtag(createHash("sha256").update(data).digest()), data });
  }
  return { corpus: configured, figureFiles };
}

/**
 * article-files.ts, loaded only when used: it brings in resvg (native) and the EPUB maker. The
 * card threads are the build's, started only when a card is not in the cache, and used by the
 * collection covers too (one pool: a second one would hold its threads' memory beside the first's).
 */
async function startArticleFiles({ options, progress, scratch, corpus }: In<"options" | "progress" | "scratch" | "corpus">): Promise<Pick<Products, "cardPool" | "cards">> {
  if (options.articleFiles === false) return { cardPool: undefined, cards: undefined };
  const { startArticleFilesStep } = await import("./article-files.ts");
  // Without a card cache, the cards drawn ahead are held in the scratch folder's files all the same.
  const cardPool = openCardPool({ threads: availableParallelism(), cacheDir: cacheDirFromEnv("cards") ?? (scratch ? join(scratch, "cards") : undefined) });
  return { cardPool, cards: startArticleFilesStep(corpus, progress, { pool: cardPool, ...scratchFiles(scratch) }) };
}

/** Where built files go when the cache folder keeps none: the build's scratch folder. */
function scratchFiles(scratch: string | undefined): { fileCacheDir?: string } {
  return scratch && cacheDirFromEnv("files") === undefined ? { fileCacheDir: join(scratch, "files") } : {};
}

/** The last step that reads the card threads: they are closed here, whatever happens. */
async function finishArticleFiles({ cards, cardPool }: In<"cards" | "cardPool">): Promise<{ articleFiles: BuiltFile[]; made: string[] }> {
  try {
    if (!cards) return { articleFiles: [], made: [] };
    const { files, made } = await cards.finish();
    return { articleFiles: files, made };
  } finally {
    await cardPool?.close();
  }
}

function planCollections({ options, corpus }: In<"options" | "corpus">): { plan: Collection[] } {
  // Each figure's embedded image counts at its real size (the figures step ran before).
  // Each article's estimate is kept in the cache folder (collection-sizes.ts).
  const imageBytes = (path: string) => figureBytes(path)?.byteLength ?? 0;
  const root = options.cache === false ? undefined : cacheRootFromEnv();
  const sizes = keptSizes(corpus, (a) => estimatedBytes(corpus.site, a, imageBytes), root ? join(root, "sizes.json") : undefined);
  const plan = planCollectionsOf(corpus, sizes.size, volumeBudget);
  sizes.save();
  return { plan };
}

/** collection-cache.ts (and collection-files.ts), loaded only when used, as article-files.ts is. */
async function renderCollectionFiles({ options, progress, scratch, corpus, plan, cardPool }: In<"options" | "progress" | "scratch" | "corpus" | "plan" | "cardPool">): Promise<{ collectionFiles: BuiltFile[]; collections: Collection[] }> {
  if (options.articleFiles === false) return { collectionFiles: [], collections: plan };
  const { collectionFilesStep } = await import("./collection-cache.ts");
  const collectionFiles = await collectionFilesStep(corpus, plan, progress, { ...(cardPool ? { pool: cardPool } : {}), ...scratchFiles(scratch) });
  // Each book's size goes into the catalog's list of collections, for OPDS and the pages that link it.
  const sizes = new Map(collectionFiles.map(({ path, size }) => [path, size]));
  return { collectionFiles, collections: plan.map((c) => ({ ...c, bytes: sizes.get(decodeURI(c.path).slice(1)) })) };
}

/** Read by the worker, served at no URL of their own: like the article models, not in assets.json. */
function renderSearchIndex({ options, corpus }: In<"options" | "corpus">): { searchFiles: OutputFiles } {
  const cacheDir = options.cache === false ? undefined : cacheDirFromEnv("search");
  const searchFiles: OutputFiles = new Map();
  for (const { path, data } of searchIndexFiles(corpus.articles, cacheDir ? { cacheDir } : {})) searchFiles.set(`assets${path}`, data);
  searchFiles.set("search.schema.json", JSON.stringify(searchJsonSchema(), null, 2));
  return { searchFiles };
}

function renderDataFiles({ corpus, collections, anchors }: In<"corpus" | "collections" | "anchors">): { dataFiles: OutputFiles } {
  const files: OutputFiles = new Map();
  // Each article's JSON is made once: its own file, and its place in model.json.
  const articles = corpus.articles.map(articleJson);
  files.set("model.json", jsonWithArticles(corpus, articles));
  files.set("catalog.json", JSON.stringify(catalogOf(corpus, collections)));
  corpus.articles.forEach((article, i) => files.set(`assets/${modelPath(article.slug).slice(1)}`, articles[i]!));
  files.set("article.schema.json", JSON.stringify(articleJsonSchema(), null, 2));
  files.set("list.schema.json", JSON.stringify(listJsonSchema(), null, 2));
  files.set("collections.schema.json", JSON.stringify(collectionsJsonSchema(), null, 2));
  files.set("anchors.json", JSON.stringify(anchors));
  return { dataFiles: files };
}

/** JSON.stringify(corpus), byte for byte, with the articles' JSON given. */
export function jsonWithArticles(corpus: Corpus, articles: readonly string[]): string {
  const hole = `\u0000${randomUUID()}`; // no string of the site can be it
  const json = JSON.stringify({ ...corpus, articles: hole });
  return json.replace(JSON.stringify(hole), () => `[${articles.join(",")}]`);
}

/** The records of the built files, in the order the steps made them: figures, collections, articles. */
function filesRecord(...groups: readonly BuiltFile[][]): AssetManifest {
  const manifest: AssetManifest = {};
  for (const group of groups) for (const { path, type, size, etag } of group) manifest[`/${path}`] = { type, size, etag };
  return manifest;
}

async function validatorsStep({ options, figureFiles, collectionFiles, articleFiles, searchFiles, dataFiles }: In<"options" | "figureFiles" | "collectionFiles" | "articleFiles" | "searchFiles" | "dataFiles">): Promise<{ validators: Validators }> {
  const cacheDir = options.cache === false ? undefined : cacheDirFromEnv("pages");
  const read: OutputFiles = new Map([...dataFiles, ...searchFiles]);
  return { validators: await recordValidators(read, filesRecord(figureFiles, collectionFiles, articleFiles), options.outDir, new Date(), cacheDir ? { cacheDir } : {}) };
}

/**
 * The files under assets/ and the links, in the order the steps made them (the order packs
 * are cut in): figures, collection EPUBs, the search index, article files, models, records;
 * files kept in a cache after those made in memory (packs.ts puts them back in the record's order).
 */
function packStep(input: In<"options" | "scratch" | "figureFiles" | "collectionFiles" | "searchFiles" | "articleFiles" | "dataFiles" | "record" | "validators">): { packs: Products["packs"] } {
  const { options, scratch, figureFiles, collectionFiles, searchFiles, articleFiles, dataFiles, record, validators } = input;
  const files: OutputFiles = new Map();
  const links: Links = new Map();
  const add = (built: readonly BuiltFile[]) => {
    for (const { path, data } of built) if (data) files.set(`assets/${path}`, data);
    for (const { path, size, file } of built) if (file !== undefined) links.set(`assets/${path}`, { file, size });
  };
  for (const { path, data } of figureFiles) files.set(`assets/${path}`, data!);
  add(collectionFiles);
  for (const [key, data] of searchFiles) if (key.startsWith("assets/")) files.set(key, data);
  add(articleFiles);
  for (const [key, data] of dataFiles) if (key.startsWith("assets/")) files.set(key, data);
  for (const [key, data] of record.articleRecords) files.set(key, data);
  const kept = options.cache === false ? undefined : cacheDirFromEnv("packs");
  const dir = kept ?? (scratch ? join(scratch, "packs") : undefined);
  const table = packFiles(files, validators.site, { links, ...(options.packBound ? { bound: options.packBound } : {}), ...(dir ? { store: openPackStore(dir) } : {}) });
  return { packs: { files, links, table, packsJson: JSON.stringify(table) } };
}

async function writeStep(input: In<"options" | "progress" | "dataFiles" | "searchFiles" | "record" | "packs" | "workerFiles">): Promise<{ written: Products["written"] }> {
  const { options, progress, dataFiles, searchFiles, record, packs, workerFiles } = input;
  const files: OutputFiles = new Map();
  for (const group of [dataFiles, searchFiles]) for (const [key, data] of group) if (!key.startsWith("assets/")) files.set(key, data);
  files.set("assets.json", record.assetsJson);
  for (const [key, data] of packs.files) files.set(key, data);
  files.set("packs.json", packs.packsJson);
  for (const [key, data] of workerFiles) files.set(key, data);
  await writeOutput(options.outDir, files, { dirs: ["assets"], links: packs.links, progress, ...(options.outputInPlace ? { inPlace: true } : {}), ...(options.beforeSwap ? { beforeSwap: options.beforeSwap } : {}) });
  let bytes = 0;
  for (const data of files.values()) bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  for (const { size } of packs.links.values()) bytes += size;
  return { written: { files: files.size + packs.links.size, bytes } };
}
