/**
 * The build step that records, for every output the worker serves, its strong ETag and the
 * time its bytes last changed, so that `ETag`, `Last-Modified` and `If-Range` tell the truth
 * (RFC 9110 §8.8): a change to a template, to site.yaml or to another article that changes a
 * page's bytes gives it a new ETag and a new Last-Modified; a rebuild that leaves the bytes
 * alone keeps both.
 *
 * It renders every text resource from the worker's own resource map (src/worker/resources.ts)
 * and the very files the worker will read (catalog.json, the article models, the schema), so
 * the recorded ETag is the hash of the bytes served. The time of unchanged bytes is carried
 * forward from the previous output in `outDir`; new bytes get this build's time (and never the
 * same second as the bytes they replace).
 *
 * It writes no file itself: it returns the record (`Validators`), and the build's one writer of
 * the record (build.ts, the step "compose the record", `composeRecord` below) writes it once:
 * dist/assets.json holds every output's; the site-wide part (files, site-wide outputs and the
 * pages of the articles bundled in full: the newest, as many as the feeds list) is what the
 * worker bundles (packs.ts: the packed files' records in the pack table's rows, the others in its
 * `site`, which worker-data.ts bundles); every
 * article's own pages are also in dist/assets/_model/<slug>.validators.json, read beside its
 * model, so the bundle does not grow by three records for every older article.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { validatorsPath, type AssetManifest, type Recorded } from "../model/assets.ts";
import { modelPath } from "../model/catalog.ts";
import type { Article, Catalog } from "../model/document.ts";
import { strongEtag } from "../model/etag.ts";
import { allResources } from "../worker/resource-map.ts";
import { resourceMap, type Resource } from "../worker/resources.ts";
import type { OutputFiles } from "./output.ts";
import { ownCodeDigest } from "./cache-dir.ts";
import { noteCacheUse } from "./cache-prune.ts";

/** The validators of every served output: the site-wide record, and each article's own pages' (by slug). */
export interface Validators {
  /** Files, site-wide outputs and the pages of the articles bundled in full: in dist/assets.json, and bundled. */
  site: AssetManifest;
  /** Each article's own pages, in dist/assets/_model/<slug>.validators.json. */
  perArticle: Map<string, AssetManifest>;
}

/**
 * Every served output's validators. `files` holds what the worker will read (catalog.json, the
 * article models, the schemas); `built` is the record of the built files (type, size, ETag), as
 * the steps that made them return it.
 */
export async function recordValidators(files: OutputFiles, built: AssetManifest, outDir: string, now = new Date(), options: RenderOptions = {}): Promise<Validators> {
  const read: OutputFiles = new Map(files);
  read.set("assets.json", JSON.stringify(built)); // renderOutputs reads the built files' records as the worker reads them
  const outputs = await renderOutputs(read, options);
  const previous = readPrevious(outDir, outputs);
  const record = stampValidators(outputs, previous, now);
  // The newest articles are bundled in full already: their record is bundled too, so their
  // first request needs no read of the assets.
  const recent = new Set(catalogOf(read).feedArticles.map((a) => a.slug));
  const site: AssetManifest = {};
  const perArticle = new Map<string, AssetManifest>();
  for (const [path, { slug }] of outputs) {
    if (slug === undefined || recent.has(slug)) site[path] = record[path]!;
    if (slug !== undefined) perArticle.set(slug, { ...perArticle.get(slug), [path]: record[path]! });
  }
  return { site, perArticle };
}

/**
 * The record, composed once (build.ts, the step "compose the record"): dist/assets.json holds
 * every output's validators (the site-wide ones, then each article's own pages), and each
 * article's validators file its own pages'.
 */
export function composeRecord({ site, perArticle }: Validators): { assetsJson: string; articleRecords: OutputFiles } {
  const whole: AssetManifest = { ...site };
  const articleRecords: OutputFiles = new Map();
  for (const [slug, own] of perArticle) {
    Object.assign(whole, own);
    articleRecords.set(`assets${validatorsPath(slug)}`, JSON.stringify(own));
  }
  return { assetsJson: JSON.stringify(whole, null, 2), articleRecords };
}

export interface Output {
  type: string;
  /** The built file's ETag, or the rendered text's bytes. */
  etag: string;
  size: number;
  /** The article whose own page this is (recorded beside its model), or undefined. */
  slug?: string;
}

export interface RenderOptions {
  /**
   * Folder where the rendered outputs' ETags and sizes are kept, so that what did not change is
   * not rendered again to learn them: each article's own outputs (page, JSON, annotations: a
   * function of the site and the article's model alone, src/worker/resources.ts
   * `articleResources`) by the sha256 of the code that renders them, the site and the model
   * file's bytes; every other text output that declares its inputs (lists, feeds, sitemaps,
   * schemas: src/worker/from-value.ts) by the code, its path and those inputs.
   */
  cacheDir?: string;
  /** The sha256 (hex) of an article's model file's bytes, when the caller knows it (src/build/article-json.ts `articleDigest`): not hashed again. */
  modelDigest?: (slug: string) => string | undefined;
}

/**
 * The hash of the code that renders what the worker serves: src/render, src/model, src/worker,
 * what they import (src/collections, src/search) and this file. It keys both caches below.
 */
function renderCodeHash(): string {
  return ownCodeDigest(["render", "model", "worker", "collections", "search", "build/validators.ts"]);
}

/**
 * Each article's own outputs, kept by the sha256 of the rendering code, the site and the model's
 * bytes, in one file, `pages.json` in `dir` (one read, not one per article). The file keeps only
 * this build's keys, so it does not grow from build to build.
 */
function openPagesCache(dir: string, site: string, modelDigest: (slug: string) => string) {
  const code = renderCodeHash();
  const valid = (own: unknown): own is [string, Output][] => Array.isArray(own) && own.every((e) => Array.isArray(e) && typeof e[0] === "string" && isOutput(e[1]));
  const kept = new KeptOutputs(join(dir, "pages.json"), valid);
  const keyOf = (slug: string) => createHash("sha256").update(code).update("\0").update(site).update("\0").update(modelDigest(slug)).digest("hex");
  return {
    get(slug: string): Map<string, Output> | undefined {
      const own = kept.get(keyOf(slug));
      return own && new Map(own);
    },
    put(slug: string, own: [string, Output][]): void {
      kept.put(keyOf(slug), own);
    },
    save: () => kept.save(),
  };
}

/** Whether a kept record is an output's type, ETag and size (a file edited or cut short is not used). */
const isOutput = (o: unknown): o is Output => typeof o === "object" && o !== null && typeof (o as Output).type === "string" && typeof (o as Output).etag === "string" && typeof (o as Output).size === "number";

/**
 * Records kept in one JSON file by key: those this build used are written back, and only those.
 * A record `valid` refuses is not used (its output is rendered again).
 */
class KeptOutputs<T> {
  readonly #file: string;
  readonly #valid: (record: unknown) => record is T;
  readonly #kept: Record<string, unknown>;
  readonly #used: Record<string, T> = {};
  #changed = false;
  constructor(file: string, valid: (record: unknown) => record is T) {
    this.#file = file;
    this.#valid = valid;
    noteCacheUse(file); // kept by the cache's pruning (cache-prune.ts): every build reads it
    let kept: Record<string, unknown> = {};
    try {
      kept = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch {
      // none yet, or unreadable: everything is rendered
    }
    this.#kept = kept;
  }
  get(key: string): T | undefined {
    const hit = Object.hasOwn(this.#kept, key) ? this.#kept[key] : undefined;
    if (!this.#valid(hit)) return undefined;
    this.#used[key] = hit;
    return hit;
  }
  put(key: string, value: T): void {
    this.#used[key] = value;
    this.#changed = true;
  }
  save(): void {
    if (this.#changed || Object.keys(this.#used).length !== Object.keys(this.#kept).length) writeAtomically(this.#file, JSON.stringify(this.#used));
  }
}

/**
 * The other text outputs (lists, feeds, sitemaps, schemas), each kept by the sha256 of the
 * rendering code, its path and type, and its declared inputs (`Resource.inputs`, made without
 * rendering: src/worker/from-value.ts), in one file, `lists.json` in `dir`: a one-note rebuild
 * renders only the lists whose inputs that note changed. The file keeps only this build's keys,
 * so it does not grow from build to build.
 */
function openListsCache(dir: string) {
  const code = renderCodeHash();
  const kept = new KeptOutputs(join(dir, "lists.json"), isOutput);
  return {
    keyOf: (resource: Resource, inputs: string): string => createHash("sha256").update(code).update("\0").update(resource.path).update("\0").update(resource.type).update("\0").update(inputs).digest("hex"),
    get: (key: string) => kept.get(key),
    put: (key: string, output: Output) => kept.put(key, output),
    save: () => kept.save(),
  };
}

/**
 * A fingerprint of a value, naming all of it (a list's `inputs`: src/worker/from-value.ts): the
 * sha256 of its structure, each string, number, boolean and null in it, and each key. A value's
 * objects are the catalog's, which nothing changes once parsed: each object's fingerprint is
 * made once and kept by identity, so the lists that show an article hash its record once, not
 * once per list. Anything but plain data (a Map, a Date, a function) is refused: its fingerprint
 * could not name what a render reads of it. `parsed`: objects made by JSON.parse (the catalog's
 * records), plain data all through, whose JSON text names all of them: it is made at once.
 */
export function fingerprinter(parsed: Iterable<object> = []): (value: unknown) => string {
  const kept = new WeakMap<object, string>();
  const fromJson = new WeakSet(parsed);
  // Where in the value `of` is, for the error that names a value that is not plain data.
  const at: (string | number)[] = [];
  const refuse = (what: string) => new Error(`a list's inputs hold ${what} at value${at.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}, which cannot be fingerprinted`);
  const of = (value: unknown): string => {
    if (value === null) return "null";
    switch (typeof value) {
      case "string":
        return JSON.stringify(value);
      case "number":
      case "boolean":
        return String(value);
      case "undefined":
        return "undefined";
      case "object":
        break;
      default:
        throw refuse(`a ${typeof value}`);
    }
    let known = kept.get(value);
    if (known !== undefined) return known;
    let text: string;
    if (fromJson.has(value)) text = `=${JSON.stringify(value)}`;
    else if (Array.isArray(value)) {
      text = "[";
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        text += `${of(value[i])},`;
        at.pop();
      }
    } else {
      if (Object.getPrototypeOf(value) !== Object.prototype) throw refuse(`a ${(value as object).constructor?.name ?? "non-plain object"}`);
      text = "{";
      for (const key of Object.keys(value)) {
        at.push(key);
        text += `${JSON.stringify(key)}:${of((value as Record<string, unknown>)[key])},`;
        at.pop();
      }
    }
    // A short one is its own fingerprint; a longer one its hash, marked so that it is never a text's.
    known = text.length <= 64 ? text : `#${createHash("sha256").update(text).digest("base64")}`;
    kept.set(value, known);
    return known;
  };
  return (value) => {
    at.length = 0;
    return of(value);
  };
}

/** Writes a cache file whole or not at all; a cache that cannot be written is only rendered again next time. */
function writeAtomically(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, text);
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // a cache that cannot be written: rendered again next time
  }
}

/** The build's catalog.json, parsed once for the step (nothing here changes it). */
const catalogs = new WeakMap<OutputFiles, { data: string | Uint8Array; catalog: Catalog }>();
function catalogOf(files: OutputFiles): Catalog {
  const data = files.get("catalog.json");
  if (data === undefined) throw new Error("the build made no catalog.json, which the worker reads");
  const known = catalogs.get(files);
  if (known?.data === data) return known.catalog;
  const catalog = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)) as Catalog;
  catalogs.set(files, { data, catalog });
  return catalog;
}

/** Every output the worker serves, by path, rendered from what the worker will read. */
export async function renderOutputs(files: OutputFiles, options: RenderOptions = {}): Promise<Map<string, Output>> {
  const read = (name: string): unknown => {
    const data = files.get(name);
    if (data === undefined) throw new Error(`the build made no ${name}, which the worker reads`);
    return JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
  };
  const text = (name: string): string => {
    const data = files.get(name);
    if (data === undefined) throw new Error(`the build made no ${name}, which the worker reads`);
    return typeof data === "string" ? data : new TextDecoder().decode(data);
  };
  // Each model's bytes hashed once: its pages' key, and what a tag feed that reads it declares.
  const digests = new Map<string, string>();
  const modelDigest = (slug: string): string => {
    let digest = digests.get(slug);
    if (digest === undefined) digests.set(slug, (digest = options.modelDigest?.(slug) ?? createHash("sha256").update(text(`assets${modelPath(slug)}`)).digest("hex")));
    return digest;
  };
  const catalog = catalogOf(files);
  const assets = read("assets.json") as AssetManifest;
  // The models bundled in the catalog are the ones the worker reads (src/worker/open-data.ts); the
  // others are parsed when asked, and the last few kept: an article's three pages come one after
  // the other, and the tags' feeds read the same newest articles.
  const bundled = new Map(catalog.feedArticles.map((a) => [a.slug, a]));
  const parsed = new Map<string, Article>();
  const article = (slug: string): Article => {
    const known = bundled.get(slug) ?? parsed.get(slug);
    if (known) return known;
    const model = read(`assets${modelPath(slug)}`) as Article;
    if (parsed.size >= 64) parsed.delete(parsed.keys().next().value!);
    parsed.set(slug, model);
    return model;
  };
  const resources = resourceMap(
    catalog,
    assets,
    read("article.schema.json"),
    {
      article: async (slug) => article(slug),
      file: async (path) => {
        throw new Error(`the build does not read built files back (${path})`);
      },
      digest: modelDigest,
      fingerprint: fingerprinter([catalog.site, ...catalog.articles, ...catalog.feedArticles, ...(catalog.collections ?? [])]),
    },
    { listSchema: read("list.schema.json"), collectionsSchema: read("collections.schema.json"), ...(files.has("search.schema.json") ? { searchSchema: read("search.schema.json") } : {}) },
  );
  const pages = options.cacheDir ? openPagesCache(options.cacheDir, JSON.stringify(catalog.site), modelDigest) : undefined;
  const lists = options.cacheDir ? openListsCache(options.cacheDir) : undefined;
  const kept = new Map<string, Map<string, Output> | undefined>();
  const rendered = new Set<string>();
  const all: Resource[] = [];
  for (const resource of allResources(resources)) all.push(resource, ...(resource.json ? [resource.json] : []));
  const outputs = new Map<string, Output>();
  for (const resource of all) {
    if (outputs.has(resource.path)) continue; // a negotiated variant is the bytes of its own path
    if (resource.query) continue; // search: its bytes depend on the query, made per request
    if (resource.file) {
      const built = assets[resource.path];
      if (!built) throw new Error(`the build recorded no ${resource.path}, which the worker serves as a file`);
      outputs.set(resource.path, { type: resource.type, etag: built.etag, size: built.size });
      continue;
    }
    if (pages && resource.slug) {
      if (!kept.has(resource.slug)) kept.set(resource.slug, pages.get(resource.slug));
      const hit = kept.get(resource.slug)?.get(resource.path);
      if (hit) {
        outputs.set(resource.path, hit);
        continue;
      }
      rendered.add(resource.slug);
    }
    const inputs = lists && !resource.slug ? resource.inputs?.() : undefined;
    const listKey = inputs === undefined ? undefined : lists!.keyOf(resource, inputs);
    const hit = listKey === undefined ? undefined : lists!.get(listKey);
    if (hit) {
      outputs.set(resource.path, hit);
      continue;
    }
    const bytes = Buffer.from(await resource.render!(), "utf8");
    const etag = strongEtag(createHash("sha256").update(bytes).digest());
    const output: Output = { type: resource.type, etag, size: bytes.byteLength, ...(resource.slug ? { slug: resource.slug } : {}) };
    outputs.set(resource.path, output);
    if (listKey !== undefined) lists!.put(listKey, output);
  }
  lists?.save();
  if (pages && rendered.size > 0) {
    const bySlug = new Map<string, [string, Output][]>();
    for (const [path, output] of outputs) if (output.slug && rendered.has(output.slug)) bySlug.set(output.slug, [...(bySlug.get(output.slug) ?? []), [path, output]]);
    for (const [slug, own] of bySlug) pages.put(slug, own);
  }
  pages?.save();
  return outputs;
}

/**
 * The record: each output's ETag and the instant its bytes last changed. Bytes the previous
 * record has under the same path and ETag keep its time; others get `now` (whole seconds),
 * or one second after the time they replace, so that a date names one set of bytes.
 */
export function stampValidators(outputs: Map<string, Omit<Output, "slug">>, previous: AssetManifest, now: Date): AssetManifest {
  const seconds = Math.floor(now.getTime() / 1000);
  const record: AssetManifest = {};
  for (const [path, { type, size, etag }] of outputs) {
    const before: Recorded | undefined = previous[path];
    let modified: string;
    if (before && before.etag === etag && before.modified) modified = before.modified;
    else {
      const after = before?.modified ? Math.floor(Date.parse(before.modified) / 1000) + 1 : 0;
      modified = isoSeconds(Math.max(seconds, after));
    }
    record[path] = { type, size, etag, modified };
  }
  return record;
}

/** The previous build's record of these outputs, from the output folder it left (if any). */
function readPrevious(outDir: string, outputs: Map<string, Output>): AssetManifest {
  const previous: AssetManifest = {};
  const merge = (file: string) => {
    if (!existsSync(file)) return;
    try {
      Object.assign(previous, JSON.parse(readFileSync(file, "utf8")) as AssetManifest);
    } catch {
      // An unreadable record only means the times start again from this build.
    }
  };
  merge(join(outDir, "assets.json"));
  // The output's assets.json records every article's pages too (`composeRecord` writes the
  // whole record): an article's own file is read only for pages it does not hold (an output whose
  // assets.json held the site-wide records alone).
  const slugs = new Set<string>();
  for (const [path, { slug }] of outputs) if (slug !== undefined && !Object.hasOwn(previous, path)) slugs.add(slug);
  for (const slug of slugs) merge(join(outDir, "assets", validatorsPath(slug)));
  return previous;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}
