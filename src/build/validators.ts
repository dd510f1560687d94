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
  const recent = new Set((JSON.parse(String(files.get("catalog.json"))) as Catalog).feedArticles.map((a) => a.slug));
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
   * Folder where each article's own outputs (page, JSON, annotations: a function of the site
   * and the article's model alone, src/worker/resources.ts `articleResources`) are kept by the
   * sha256 of the code that renders them, the site and the model file's bytes, so that an
   * unchanged article's pages are not rendered again to learn their ETags.
   */
  cacheDir?: string;
}

/** The hash of the code that renders an article's own outputs: src/render, src/model, src/worker and this file. */
function pagesCodeHash(): string {
  return ownCodeDigest(["render", "model", "worker", "build/validators.ts"]);
}

/** Each article's own outputs, kept in `dir` by the key of what they are rendered from. */
function openPagesCache(dir: string, site: string, modelText: (slug: string) => string) {
  const code = pagesCodeHash();
  const keys = new Map<string, string>();
  const keyOf = (slug: string) => {
    let key = keys.get(slug);
    if (!key) keys.set(slug, (key = createHash("sha256").update(code).update("\0").update(site).update("\0").update(modelText(slug)).digest("hex")));
    return key;
  };
  const fileOf = (slug: string) => {
    const key = keyOf(slug);
    return join(dir, key.slice(0, 2), `${key}.json`);
  };
  return {
    get(slug: string): Map<string, Output> | undefined {
      try {
        return new Map(JSON.parse(readFileSync(fileOf(slug), "utf8")) as [string, Output][]);
      } catch {
        return undefined;
      }
    },
    put(slug: string, own: [string, Output][]): void {
      const file = fileOf(slug);
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(own));
        renameSync(`${file}.${process.pid}.tmp`, file);
      } catch {
        // a cache that cannot be written: rendered again next time
      }
    },
  };
}

/** Every output the worker serves, by path, rendered from what the worker will read. */
export async function renderOutputs(files: OutputFiles, options: RenderOptions = {}): Promise<Map<string, Output>> {
  const read = (name: string): unknown => {
    const data = files.get(name);
    if (data === undefined) throw new Error(`the build made no ${name}, which the worker reads`);
    return JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data));
  };
  const catalog = read("catalog.json") as Catalog;
  const assets = read("assets.json") as AssetManifest;
  // An article's three pages are rendered one after the other: its model is parsed once for them.
  let last: { slug: string; article: Article } | undefined;
  const article = (slug: string): Article => {
    if (last?.slug !== slug) last = { slug, article: read(`assets${modelPath(slug)}`) as Article };
    return last.article;
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
    },
    { listSchema: read("list.schema.json"), collectionsSchema: read("collections.schema.json"), ...(files.has("search.schema.json") ? { searchSchema: read("search.schema.json") } : {}) },
  );
  const text = (name: string): string => {
    const data = files.get(name);
    if (data === undefined) throw new Error(`the build made no ${name}, which the worker reads`);
    return typeof data === "string" ? data : new TextDecoder().decode(data);
  };
  const pages = options.cacheDir ? openPagesCache(options.cacheDir, JSON.stringify(catalog.site), (slug) => text(`assets${modelPath(slug)}`)) : undefined;
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
    const bytes = Buffer.from(await resource.render!(), "utf8");
    const etag = strongEtag(createHash("sha256").update(bytes).digest());
    outputs.set(resource.path, { type: resource.type, etag, size: bytes.byteLength, ...(resource.slug ? { slug: resource.slug } : {}) });
  }
  if (pages && rendered.size > 0) {
    const bySlug = new Map<string, [string, Output][]>();
    for (const [path, output] of outputs) if (output.slug && rendered.has(output.slug)) bySlug.set(output.slug, [...(bySlug.get(output.slug) ?? []), [path, output]]);
    for (const [slug, own] of bySlug) pages.put(slug, own);
  }
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
  const slugs = new Set([...outputs.values()].flatMap((o) => (o.slug ? [o.slug] : [])));
  for (const slug of slugs) merge(join(outDir, "assets", validatorsPath(slug)));
  return previous;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}
