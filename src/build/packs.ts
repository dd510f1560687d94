/**
 * The build step that packs every file under dist/assets into a few pack files, so that an
 * article costs a fraction of a static asset file instead of five (model, record, EPUB, cover,
 * Open Graph image). Cloudflare counts files per version (20,000 on the free plan, 100,000 on
 * the paid plan) and allows 25 MiB per file.
 *
 *   dist/assets/_packs/<n>.bin  the packs: logical files back to back, at most PACK_BOUND bytes
 *                               (a file bigger than that has a pack of its own)
 *   dist/packs.json             the pack table (src/model/assets.ts PackTable): each logical
 *                               file's pack, size, type, ETag, last change; the worker reads it
 *                               as a bundled directory and chunks (src/build/worker-data.ts)
 *
 * It reads the site-wide record of the served outputs (validators.ts `Validators.site`) for each
 * packed file's type, ETag and last change, and keeps the outputs of that record that are not
 * packed files (pages, feeds) in the table's `site`. It writes neither dist/assets.json nor the
 * articles' validators files: build.ts's step "compose the record" writes them once, before this
 * step packs the validators files with the models.
 *
 * What is read together is packed together: files are grouped by family (the articles' models
 * with their records; then each kind of built file by extension: EPUBs, PNG images, …) and
 * kept in the order the build made them, which is the articles' order, newest first.
 *
 * Where a pack ends is decided by the files themselves, not by a running count from the start,
 * so adding one article or changing one file changes the packs around it and not every pack
 * after it (a deploy uploads only the packs that changed): see `cutPacks`.
 *
 * PACK_BOUND is the trade-off between files per article and the cost of a cold read: the asset
 * server answers no byte ranges, so the first read of any file in a pack reads the whole pack
 * (kept per isolate within the budget of src/worker/budget.ts). At 1 MiB, a cold EPUB download
 * reads at most 1 MiB, and 10,000 articles of about 150 KiB of built files make about 1,900 packs
 * (0.19 of a static asset file an article).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AssetManifest, PackTable } from "../model/assets.ts";
import { indexPacks, packPath } from "../model/assets.ts";
import type { OutputFiles } from "./output.ts";

export const PACK_BOUND = 1024 * 1024;
/** Cloudflare's limit on one static asset file. */
export const FILE_LIMIT = 25 * 1024 * 1024;

const JSON_TYPE = "application/json";

export interface PackOptions {
  /** The most bytes in a pack (PACK_BOUND unless a test asks for smaller packs). */
  bound?: number;
  /**
   * Output files whose bytes are in a file of their own (the file cache's, build.ts `packStep`):
   * those under assets/ are read from that file, packed like the others, and taken out of `links`.
   */
  links?: Map<string, { file: string; size: number }>;
  /**
   * Where packs are kept between builds by what they hold (pack-store.ts): a pack whose files
   * are all unchanged is linked from there, neither read, assembled nor written again, and its
   * linked files are not read. Made packs are stored there, and linked too.
   */
  store?: PackStore;
}

/** Packs by their digest (the sha256 of each member's path, size and bytes' digest). */
export interface PackStore {
  /** The file holding the pack of this digest, or undefined. */
  get(digest: string): { file: string; size: number } | undefined;
  /** Keeps the pack; its file, or undefined if it could not be kept. */
  put(digest: string, bytes: Uint8Array): { file: string; size: number } | undefined;
}

/** The family a logical file is packed with: models and their records together, then by extension. */
export function familyOf(path: string): string {
  if (path.startsWith("/_model/")) return "model";
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1);
}

/** FNV-1a, 32 bits: a stable hash of a path for the cut points (also the pack table's chunks': worker-data.ts). */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * What a cut point is decided on: the path without its extension, and without its last part
 * below an article's folder, so a model and its record, or an article's cover and Open Graph
 * image, share one key and stay in one pack.
 */
export function keyOf(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.indexOf(".", slash);
  const bare = dot < 0 ? path : path.slice(0, dot);
  return bare.split("/").length > 3 ? bare.slice(0, bare.lastIndexOf("/")) : bare;
}

/** The items in order, each next to the others of its key, in the order the keys first came. */
function byKey<T extends { path: string }>(items: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item.path);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return [...groups.values()].flat();
}

/**
 * Splits a family's files (in order) into packs. A pack ends before a key that hashes to a cut
 * point, one key in `every`, which depends on that key alone, so a change stays between two cut
 * points; `every` is the power of two that makes an average run of keys one to two bounds long
 * (it moves only when the median size per key doubles or halves). Within a run, a pack also ends
 * before a file that would take it over the bound: packs average about two thirds of the bound
 * (700 KiB at 10,000 synthetic articles), and a change rewrites the packs of one run.
 */
export function cutPacks<T extends { path: string; size: number }>(items: readonly T[], bound: number): T[][] {
  const ordered = byKey(items);
  const perKey = new Map<string, number>();
  for (const item of ordered) perKey.set(keyOf(item.path), (perKey.get(keyOf(item.path)) ?? 0) + item.size);
  const sizes = [...perKey.values()].sort((a, b) => a - b);
  const median = Math.max(1, sizes[Math.floor(sizes.length / 2)] ?? 1);
  const every = 2 ** Math.max(0, Math.floor(Math.log2(bound * 2 / median)));
  const packs: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  let last: string | undefined;
  for (const item of ordered) {
    const k = keyOf(item.path);
    const cut = current.length > 0 && (bytes + item.size > bound || (k !== last && hash(k) % every === 0));
    if (cut) {
      packs.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.size;
    last = k;
  }
  if (current.length > 0) packs.push(current);
  return packs;
}

/** The sha256 (hex) of a file's bytes; text is hashed as its UTF-8 without being copied into a buffer first. */
const digestOfData = (data: string | Uint8Array): string => (typeof data === "string" ? createHash("sha256").update(data, "utf8") : createHash("sha256").update(data)).digest("hex");

/**
 * Replaces every file under assets/ in `files` (and `options.links`) with packs, and returns the
 * pack table. `site` is the record of the served outputs (validators.ts `Validators.site`): each
 * packed file's type, ETag and last change come from it, and the outputs it holds that are not
 * packed files go to the table's own record.
 */
export function packFiles(files: OutputFiles, site: AssetManifest, options: PackOptions = {}): PackTable {
  const bound = options.bound ?? PACK_BOUND;
  // A file made in memory is kept as it came (text is encoded only if its pack is made: an
  // unchanged pack is linked from the store, and its text is then only measured and hashed).
  type Member = { path: string; size: number; data?: string | Uint8Array; file?: string; digest?: string };
  const families = new Map<string, Member[]>();
  const add = (member: Member) => {
    if (member.size > FILE_LIMIT) {
      throw new Error(`${member.path} is ${(member.size / 2 ** 20).toFixed(1)} MiB, over the 25 MiB Cloudflare allows for one static asset file: make it smaller, or split it`);
    }
    const family = familyOf(member.path);
    let members = families.get(family);
    if (!members) families.set(family, (members = []));
    members.push(member);
  };
  let linked = 0;
  const readLinked = (m: Member): Uint8Array => {
    const bytes = readFileSync(m.file!);
    if (bytes.byteLength !== m.size) throw new Error(`${m.file} has ${bytes.byteLength} bytes, the build recorded ${m.size} for assets${m.path}: build again (FOLIO_NO_CACHE=1 skips the file cache)`);
    return bytes;
  };
  for (const [key, { file, size }] of options.links ?? []) {
    if (!key.startsWith("assets/")) continue;
    const path = key.slice("assets".length);
    const member: Member = { path, size, file };
    // With a store, a linked file is read only if its pack must be made (its ETag is its bytes' digest).
    if (options.store && site[path]?.etag) member.digest = site[path]!.etag;
    else member.data = readLinked(member);
    linked++;
    add(member);
    options.links!.delete(key);
  }
  for (const [key, data] of files) {
    if (!key.startsWith("assets/")) continue;
    const path = key.slice("assets".length);
    add({ path, size: typeof data === "string" ? Buffer.byteLength(data, "utf8") : data.byteLength, data });
    files.delete(key);
  }
  const bytesOf = (m: Member): Uint8Array => (m.data === undefined ? readLinked(m) : typeof m.data === "string" ? Buffer.from(m.data, "utf8") : m.data);
  const digestOf = (members: readonly Member[]): string => {
    const hash = createHash("sha256");
    for (const m of members) hash.update(`${m.path}\0${m.size}\0${m.digest ?? digestOfData(m.data!)}\0`);
    return hash.digest("hex");
  };

  const table: PackTable = { bound, packs: [], types: [], path: [], pack: [], size: [], type: [], etag: [], modified: [], site: {} };
  const typeIndex = new Map<string, number>();
  const typeOf = (type: string) => {
    let i = typeIndex.get(type);
    if (i === undefined) typeIndex.set(type, (i = table.types.push(type) - 1));
    return i;
  };
  // Files handed as links came after the others: put each family back in the order of the
  // record (the order the build made them), so a file from the cache packs where it would have.
  const rank = new Map(Object.keys(site).map((path, i) => [path, i]));
  const order = (a: { path: string }, b: { path: string }) => (rank.get(a.path) ?? Infinity) - (rank.get(b.path) ?? Infinity) || 0;
  for (const items of families.values()) {
    if (linked > 0) items.sort(order);
    for (const members of cutPacks(items, bound)) {
      const n = table.packs.length;
      const size = members.reduce((sum, m) => sum + m.size, 0);
      const key = `assets${packPath(n)}`;
      const digest = options.store ? digestOf(members) : "";
      const kept = options.store?.get(digest);
      if (kept?.size === size) options.links!.set(key, kept);
      else {
        const bytes = Buffer.concat(members.map(bytesOf));
        const stored = options.store?.put(digest, bytes);
        if (stored && options.links) options.links.set(key, stored);
        else files.set(key, bytes);
      }
      table.packs.push(size);
      for (const { path, size } of members) {
        const own = site[path];
        table.path.push(path);
        table.pack.push(n);
        table.size.push(size);
        table.type.push(typeOf(own?.type ?? JSON_TYPE));
        table.etag.push(own?.etag ?? "");
        table.modified.push(own?.modified ? Math.floor(Date.parse(own.modified) / 1000) : 0);
      }
    }
  }
  const packed = new Set(table.path);
  for (const [path, record] of Object.entries(site)) if (!packed.has(path)) table.site[path] = record;
  return table;
}

/** A logical file's bytes from a built output folder (for tools and tests: EPUBCheck, the benchmarks). */
export function readBuilt(distDir: string, path: string): Uint8Array {
  const table = JSON.parse(readFileSync(join(distDir, "packs.json"), "utf8")) as PackTable;
  const at = indexPacks(table).locate(path);
  if (!at) throw new Error(`${path} is not among the built files in ${distDir}/packs.json: build again`);
  const pack = readFileSync(join(distDir, "assets", packPath(at.pack)));
  return new Uint8Array(pack.subarray(at.offset, at.offset + at.size));
}
