/**
 * The build: content folder → validated document model → everything the worker serves.
 *   dist/model.json           the whole document model (site + every article), for tools and tests
 *   dist/catalog.json         what the worker bundles: every article's metadata, the newest in full
 *   dist/assets/_model/…      each article's full model, read by the worker on first use
 *   dist/article.schema.json  JSON Schema of the article JSON, served at /schema/article.json
 *   dist/assets/articles/…    binary files the worker serves itself (EPUBs, covers)
 *   dist/assets.json          the record of built files and site-wide outputs: URL path → type, size, strong ETag, last change
 *   dist/assets/_model/….validators.json  the same record for each article's own pages
 */
import { createHash } from "node:crypto";
import { catalogOf, modelPath } from "../model/catalog.ts";
import { collectionsOf } from "../collections/plan.ts";
import { strongEtag } from "../model/etag.ts";
import type { Corpus } from "../model/document.ts";
import { loadCorpus, type LoadOptions } from "../content/load.ts";
import { articleJsonSchema } from "./json-schema.ts";
import { writeOutput, type OutputFiles } from "./output.ts";
import type { AssetManifest } from "../model/assets.ts";
import { recordValidators } from "./validators.ts";

export interface BuildOptions extends LoadOptions {
  outDir: string;
  /** Serve under another base URL than content/site.yaml's (e.g. a local preview). */
  siteUrl?: string;
  /** List another number of items in the feeds than content/site.yaml says. */
  feedItems?: number;
  /** Called with a short line as the build progresses. */
  progress?: (line: string) => void;
  /** Makes the files of one article beside the model (EPUB, cover); none by default. */
  articleFiles?: (corpus: Corpus, progress: (line: string) => void) => Promise<Map<string, { type: string; data: Uint8Array }>>;
  /** Test hook: runs after every file is written, before the new output replaces the old. */
  beforeSwap?: () => void;
}

export interface BuildSummary {
  articles: number;
  annotations: number;
  files: number;
  bytes: number;
  ms: number;
}

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const corpus = loadCorpus(options); // throws ContentError with every problem
  if (options.siteUrl) corpus.site.url = options.siteUrl.replace(/\/+$/, "");
  if (options.feedItems !== undefined) {
    if (!Number.isInteger(options.feedItems) || options.feedItems < 1) throw new Error(`--feed-items must be a whole number of at least 1, not ${options.feedItems}`);
    corpus.site.feedItems = options.feedItems;
  }

  const files: OutputFiles = new Map();
  const manifest: AssetManifest = {};
  const binaries = options.articleFiles ? await options.articleFiles(corpus, progress) : new Map();
  for (const [path, { type, data }] of binaries) {
    files.set(`assets/${path}`, data);
    manifest[`/${path}`] = { type, size: data.byteLength, etag: strongEtag(createHash("sha256").update(data).digest()) };
  }
  const plan = collectionsOf(corpus);
  if (options.articleFiles) {
    // src/collections/files.ts, loaded only when used: it brings in resvg's threads and the EPUB maker.
    const { makeCollectionFiles } = await import("../collections/files.ts");
    for (const [path, { type, data }] of await makeCollectionFiles(corpus, plan, progress)) {
      files.set(`assets/${path}`, data);
      manifest[`/${path}`] = { type, size: data.byteLength, etag: strongEtag(createHash("sha256").update(data).digest()) };
    }
  }
  files.set("model.json", JSON.stringify(corpus));
  files.set("catalog.json", JSON.stringify(catalogOf(corpus, plan)));
  for (const article of corpus.articles) files.set(`assets/${modelPath(article.slug).slice(1)}`, JSON.stringify(article));
  files.set("assets.json", JSON.stringify(manifest, null, 2));
  files.set("article.schema.json", JSON.stringify(articleJsonSchema(), null, 2));
  await recordValidators(files, options.outDir); // every served output's ETag and Last-Modified
  writeOutput(options.outDir, files, { dirs: ["assets"], ...(options.beforeSwap ? { beforeSwap: options.beforeSwap } : {}) });

  let bytes = 0;
  for (const data of files.values()) bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  return {
    articles: corpus.articles.length,
    annotations: corpus.articles.reduce((n, a) => n + a.annotations.length, 0),
    files: files.size,
    bytes,
    ms: performance.now() - started,
  };
}
