/**
 * What the worker reads of the build's output besides the rendered files:
 *   dist/worker-catalog.js     bundled: `catalog` (dist/catalog.json), `siteRecord` (the pack
 *                              table's record of site-wide outputs) and `packDirectory` (the
 *                              pack table's directory, src/model/pack-directory.ts), as JSON
 *                              text, parsed at start-up by src/worker/data.ts
 *   dist/worker-catalog.d.ts   its types
 *   dist/assets/_packs/table/<k>.json  the pack table's rows in chunks, read on first use
 *
 * Why text: a JSON import becomes a JavaScript object literal in the bundle, and V8 compiles a
 * literal of megabytes more slowly than JSON.parse reads the same text (10,000 articles make
 * about 5 MiB of catalog). A string literal is the one form that both wrangler's bundler and the
 * test runner's take as it is; single-quoted, so that the JSON's double quotes need no escape.
 * Why the table is not bundled: at 10,000 articles it is 5 MiB (50,000 files), and its mere
 * presence in the script, unparsed, was measured to add about 75 ms to start-up in workerd.
 *
 * The chunks are cut where the paths themselves say (a hash of the path's key, as packs.ts cuts
 * packs), so that their bounds do not all move when an article is added.
 */
import type { AssetManifest, PackTable } from "../model/assets.ts";
import type { Catalog } from "../model/document.ts";
import { chunkPath, type PackChunk, type PackDirectory } from "../model/pack-directory.ts";
import { hash, keyOf } from "./packs.ts";

/** About how many bytes of JSON a chunk of the table holds, at most. */
export const CHUNK_BOUND = 64 * 1024;

/** JSON text as a single-quoted JavaScript string literal (JSON text has no raw line breaks but U+2028 and U+2029). */
export function jsString(json: string): string {
  return `'${json.replace(/[\\']/g, "\\$&").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")}'`;
}

/** The JSON text of a string literal made by `jsString`. */
export function fromJsString(literal: string): string {
  if (!/^'.*'$/s.test(literal)) throw new Error("not a single-quoted string literal");
  return literal.slice(1, -1).replace(/\\(u2028|u2029|[\\'])/g, (_, c: string) => (c === "u2028" ? "\u2028" : c === "u2029" ? "\u2029" : c));
}

/**
 * The three JSON texts of a worker-catalog.js that `workerData` wrote (the dev server reads them
 * from dist/ and hands them to its worker, src/dev/data-server.ts); undefined if it is not one.
 */
export function readWorkerModule(source: string): { catalog: string; siteRecord: string; packDirectory: string } | undefined {
  const found: Record<string, string> = {};
  for (const m of source.matchAll(/^export const (catalog|siteRecord|packDirectory) = ('.*');$/gm)) found[m[1]!] = fromJsString(m[2]!);
  const { catalog, siteRecord, packDirectory } = found;
  return catalog !== undefined && siteRecord !== undefined && packDirectory !== undefined ? { catalog, siteRecord, packDirectory } : undefined;
}

const header = "// Made by the build (src/build/worker-data.ts): JSON text, parsed by src/worker/data.ts.";

const articleFile = /^\/articles\/[a-z0-9]+(?:-[a-z0-9]+)*(\.epub|\/cover\.png|\/og\.png)$/;

/** The pack table as a directory and chunks of rows sorted by path (each chunk's JSON text). */
export function chunkPackTable(table: PackTable, articles: number, bound = CHUNK_BOUND): { directory: PackDirectory; chunks: string[] } {
  const offsets: number[] = [];
  let offset = 0;
  for (let i = 0; i < table.path.length; i++) {
    if (i > 0 && table.pack[i] !== table.pack[i - 1]) offset = 0;
    offsets.push(offset);
    offset += table.size[i]!;
  }
  // Served files: each article's own, by key when every article has one; the others by path.
  const byKey = new Map<string, { type: string; paths: string[] }>();
  const served: Record<string, string> = {};
  for (let i = 0; i < table.path.length; i++) {
    if (!table.etag[i]) continue;
    const path = table.path[i]!;
    const type = table.types[table.type[i]!]!;
    const key = articleFile.exec(path)?.[1];
    if (!key) served[path] = type;
    else {
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { type, paths: [] }));
      entry.paths.push(path);
    }
  }
  const articleFiles: Record<string, string> = {};
  for (const [key, { type, paths }] of byKey) {
    if (articles > 0 && paths.length === articles) articleFiles[key] = type;
    else for (const path of paths) served[path] = type;
  }

  const rows = table.path.map((_, i) => i).sort((a, b) => (table.path[a]! < table.path[b]! ? -1 : table.path[a]! > table.path[b]! ? 1 : 0));
  const every = 256; // one key in 256 starts a chunk: about 500 rows (50 KiB) at five files an article
  const chunks: string[] = [];
  const first: string[] = [];
  let current: PackChunk | undefined;
  let bytes = 0;
  let last: string | undefined;
  const flush = () => {
    if (current) chunks.push(JSON.stringify(current));
  };
  for (const i of rows) {
    const path = table.path[i]!;
    const key = keyOf(path);
    const size = path.length + table.etag[i]!.length + 40;
    if (!current || bytes + size > bound || (key !== last && hash(key) % every === 0)) {
      flush();
      current = { path: [], pack: [], offset: [], size: [], type: [], etag: [], modified: [] };
      first.push(path);
      bytes = 0;
    }
    current.path.push(path);
    current.pack.push(table.pack[i]!);
    current.offset.push(offsets[i]!);
    current.size.push(table.size[i]!);
    current.type.push(table.type[i]!);
    current.etag.push(table.etag[i]!);
    current.modified.push(table.modified[i]!);
    bytes += size;
    last = key;
  }
  flush();
  return { directory: { packs: table.packs, types: table.types, first, served, articleFiles }, chunks };
}

/**
 * The bundled module's source, and the chunk files by output key, from catalog.json and
 * packs.json; `articles`, the catalog's number of articles, when the caller knows it (the
 * catalog is then not parsed to count them).
 */
export function workerData(catalogJson: string, packsJson: string, articles: number = (JSON.parse(catalogJson) as Catalog).articles.length): Map<string, string> {
  const { site, ...table } = JSON.parse(packsJson) as PackTable;
  const { directory, chunks } = chunkPackTable({ ...table, site: {} }, articles);
  const files = new Map<string, string>([
    [
      "worker-catalog.js",
      `${header}\nexport const catalog = ${jsString(catalogJson)};\nexport const siteRecord = ${jsString(JSON.stringify(site satisfies AssetManifest))};\nexport const packDirectory = ${jsString(JSON.stringify(directory))};\n`,
    ],
    [
      "worker-catalog.d.ts",
      `${header}\n/** dist/catalog.json as text. */\nexport declare const catalog: string;\n/** The pack table's \`site\` record as text. */\nexport declare const siteRecord: string;\n/** The pack table's directory (src/model/pack-directory.ts) as text. */\nexport declare const packDirectory: string;\n`,
    ],
  ]);
  chunks.forEach((chunk, k) => files.set(`assets${chunkPath(k)}`, chunk));
  return files;
}
