/**
 * What the build made, as the worker sees it, from the three JSON texts the build writes for it
 * (src/build/worker-data.ts): the catalog (every article's metadata, the newest in full), the
 * record of site-wide outputs and the directory of the pack table (src/model/pack-directory.ts);
 * and, read through `readAsset` the first time they are needed, the table's chunks, each
 * article's full model and record, and the built files.
 *
 * Every built file is a slice of a pack (src/build/packs.ts). A pack is read whole, once per
 * opened data, and kept within the isolate's byte budget (budget.ts); a file is a copy of its
 * slice, so a prepared response never holds a whole pack. Files that are not in the table
 * (an output made before packing) are read from the assets as themselves.
 *
 * Production opens it once, from what the worker bundles (data.ts); the dev server's worker
 * (dev.ts) opens it again after each build, from the dev server.
 */
import { packPath, validatorsPath, type AssetManifest, type Recorded } from "../model/assets.ts";
import { modelPath } from "../model/catalog.ts";
import type { Article, Catalog } from "../model/document.ts";
import { chunkPath, openPackDirectory, type PackDirectory } from "../model/pack-directory.ts";
import { keep } from "./budget.ts";
import type { BuiltFiles, Resource } from "./resources.ts";

/** The build's output as text and parsed JSON, and how to read a file of its assets. */
export interface DataInput {
  /** dist/catalog.json's text. */
  catalog: string;
  /** The pack table's record of site-wide outputs, as JSON text. */
  siteRecord: string;
  /** The pack table's directory, as JSON text. */
  packDirectory: string;
  /** The JSON Schemas the worker serves: article, list, collections and search results. */
  schemas: { article: unknown; list: unknown; collections: unknown; search: unknown };
  /** A file of dist/assets by URL path; rejects (naming `what`) when it is missing. */
  readAsset(path: string, what: string): Promise<Response>;
}

export interface WorkerData {
  catalog: Catalog;
  schemas: DataInput["schemas"];
  builtFiles: BuiltFiles;
  /** A built file's bytes (EPUB, image, model, record): its slice of a pack. */
  loadFile(path: string): Promise<Uint8Array>;
  /** The article's full model: bundled for the newest, otherwise from its pack. */
  loadArticle(slug: string): Promise<Article>;
  /**
   * What the build recorded for the resource's bytes: from the record for site-wide outputs,
   * from the pack table for files, from the article's packed record for its pages. Undefined
   * when the build recorded nothing (a dist/ made by an older build, or emptied by the benchmarks).
   */
  recorded(resource: Resource): Promise<Recorded | undefined>;
}

const articleFile = /^\/articles\/[^/]+?(\.epub|\/cover\.png|\/og\.png)$/;
const decoder = new TextDecoder();
let opened = 0;

export function openData(input: DataInput): WorkerData {
  // JSON text rather than object literals: JSON.parse reads it faster than V8 compiles a literal.
  const catalog = JSON.parse(input.catalog) as Catalog;
  const site = JSON.parse(input.siteRecord) as AssetManifest;
  const directory = JSON.parse(input.packDirectory) as PackDirectory;
  const { readAsset } = input;
  const packs = openPackDirectory(directory, async (k) => (await readAsset(chunkPath(k), `chunk ${k} of the pack table`)).text());
  const bundled = new Map(catalog.feedArticles.map((a) => [a.slug, a]));
  const id = ++opened; // the budget's keys: one data's pack n is not another's

  const builtFiles: BuiltFiles = {
    type(path) {
      if (Object.hasOwn(directory.served, path)) return directory.served[path];
      const key = articleFile.exec(path)?.[1];
      return key !== undefined && Object.hasOwn(directory.articleFiles, key) ? directory.articleFiles[key] : undefined;
    },
    paths: () => Object.keys(directory.served),
  };

  const read = new Map<number, Uint8Array>();
  const reading = new Map<number, Promise<Uint8Array>>();

  /** Pack `n`, read once (and again only after the budget dropped it). */
  const pack = (n: number): Promise<Uint8Array> => {
    const have = read.get(n);
    if (have) return Promise.resolve(have);
    let p = reading.get(n);
    if (!p) {
      p = readAsset(packPath(n), `pack ${n}`)
        .then(async (res) => {
          const bytes = new Uint8Array(await res.arrayBuffer());
          if (bytes.byteLength !== directory.packs[n]) throw new Error(`pack ${packPath(n)} has ${bytes.byteLength} bytes, the pack table says ${directory.packs[n]}: build again`);
          read.set(n, bytes);
          keep(`pack ${n} of data ${id}`, bytes.byteLength, () => read.delete(n));
          return bytes;
        })
        .finally(() => reading.delete(n));
      reading.set(n, p);
    }
    return p;
  };

  const loadFile = async (path: string): Promise<Uint8Array> => {
    const at = await packs.locate(path);
    if (!at) return new Uint8Array(await (await readAsset(path, `built file ${path}`)).arrayBuffer());
    return (await pack(at.pack)).slice(at.offset, at.offset + at.size);
  };

  return {
    catalog,
    schemas: input.schemas,
    builtFiles,
    loadFile,
    async loadArticle(slug) {
      return bundled.get(slug) ?? (JSON.parse(decoder.decode(await loadFile(modelPath(slug)))) as Article);
    },
    async recorded(resource) {
      const own = (Object.hasOwn(site, resource.path) ? site[resource.path] : undefined) ?? (await packs.locate(resource.path));
      if (own || !resource.slug) return own;
      if (!(await packs.locate(validatorsPath(resource.slug)))) return undefined;
      return (JSON.parse(decoder.decode(await loadFile(validatorsPath(resource.slug)))) as AssetManifest)[resource.path];
    },
  };
}
