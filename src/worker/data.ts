/**
 * What the build made, as the worker sees it: the bundled catalog (every article's metadata,
 * the newest in full), the bundled record of site-wide outputs and directory of the pack table
 * (src/model/pack-directory.ts), and, read from the static assets the first time this isolate
 * needs them, the table's chunks, each article's full model and record, and the built files.
 *
 * Every built file is a slice of a pack (src/build/packs.ts). A pack is read whole, once per
 * isolate, and kept within the isolate's byte budget (budget.ts); a file is a copy of its
 * slice, so a prepared response never holds a whole pack. Files that are not in the table
 * (an output made before packing) are read from the assets as themselves.
 */
import { env } from "cloudflare:workers";
import { packPath, validatorsPath, type AssetManifest, type Recorded } from "../model/assets.ts";
import { modelPath } from "../model/catalog.ts";
import type { Article, Catalog } from "../model/document.ts";
import { chunkPath, openPackDirectory, type PackDirectory } from "../model/pack-directory.ts";
import { catalog as catalogText, packDirectory as packDirectoryText, siteRecord as siteRecordText } from "../../dist/worker-catalog.js";
import articleSchema from "../../dist/article.schema.json";
import listSchemaJson from "../../dist/list.schema.json";
import collectionsSchemaJson from "../../dist/collections.schema.json";
import { keep } from "./budget.ts";
import type { BuiltFiles, Resource } from "./resources.ts";

// Bundled as JSON text (src/build/worker-data.ts): JSON.parse reads it faster than V8 compiles
// the same data as an object literal.
export const catalog = JSON.parse(catalogText) as Catalog;
export const schema = articleSchema as Record<string, unknown>;
export const listSchema = listSchemaJson as Record<string, unknown>;
export const collectionsSchema = collectionsSchemaJson as Record<string, unknown>;
const site = JSON.parse(siteRecordText) as AssetManifest;
const directory = JSON.parse(packDirectoryText) as PackDirectory;
const packs = openPackDirectory(directory, async (k) => (await readAsset(chunkPath(k), `chunk ${k} of the pack table`)).text());
const articleFile = /^\/articles\/[^/]+?(\.epub|\/cover\.png|\/og\.png)$/;

/** Which built files are served at their own URL, and their media type: from the bundled directory. */
export const builtFiles: BuiltFiles = {
  type(path) {
    if (Object.hasOwn(directory.served, path)) return directory.served[path];
    const key = articleFile.exec(path)?.[1];
    return key !== undefined && Object.hasOwn(directory.articleFiles, key) ? directory.articleFiles[key] : undefined;
  },
  paths: () => Object.keys(directory.served),
};

const bundled = new Map(catalog.feedArticles.map((a) => [a.slug, a]));

async function readAsset(path: string, what: string): Promise<Response> {
  const res = await (env as Env).ASSETS.fetch(new Request(new URL(path, "https://assets.invalid")));
  if (!res.ok) throw new Error(`${what} is missing from the assets (status ${res.status}): build again`);
  return res;
}

const read = new Map<number, Uint8Array>();
const reading = new Map<number, Promise<Uint8Array>>();

/** Pack `n`, read once per isolate (and again only after the budget dropped it). */
function pack(n: number): Promise<Uint8Array> {
  const have = read.get(n);
  if (have) return Promise.resolve(have);
  let p = reading.get(n);
  if (!p) {
    p = readAsset(packPath(n), `pack ${n}`)
      .then(async (res) => {
        const bytes = new Uint8Array(await res.arrayBuffer());
        if (bytes.byteLength !== directory.packs[n]) throw new Error(`pack ${packPath(n)} has ${bytes.byteLength} bytes, the pack table says ${directory.packs[n]}: build again`);
        read.set(n, bytes);
        keep(`pack ${n}`, bytes.byteLength, () => read.delete(n));
        return bytes;
      })
      .finally(() => reading.delete(n));
    reading.set(n, p);
  }
  return p;
}

/** A built file's bytes (EPUB, image, model, record): its slice of a pack. */
export async function loadFile(path: string): Promise<Uint8Array> {
  const at = await packs.locate(path);
  if (!at) return new Uint8Array(await (await readAsset(path, `built file ${path}`)).arrayBuffer());
  return (await pack(at.pack)).slice(at.offset, at.offset + at.size);
}

const decoder = new TextDecoder();

/** The article's full model: bundled for the newest, otherwise from its pack. */
export async function loadArticle(slug: string): Promise<Article> {
  return bundled.get(slug) ?? (JSON.parse(decoder.decode(await loadFile(modelPath(slug)))) as Article);
}

/**
 * What the build recorded for the resource's bytes: from the bundled record for site-wide
 * outputs, from the pack table for files, from the article's packed record for its pages. Undefined when the build recorded
 * nothing (a dist/ made by an older build, or emptied by the benchmarks).
 */
export async function recorded(resource: Resource): Promise<Recorded | undefined> {
  const own = (Object.hasOwn(site, resource.path) ? site[resource.path] : undefined) ?? (await packs.locate(resource.path));
  if (own || !resource.slug) return own;
  if (!(await packs.locate(validatorsPath(resource.slug)))) return undefined;
  return (JSON.parse(decoder.decode(await loadFile(validatorsPath(resource.slug)))) as AssetManifest)[resource.path];
}
