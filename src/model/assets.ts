/**
 * What the build recorded about each output the worker serves, keyed by URL path: its media
 * type, size, strong ETag (sha256 of the bytes) and the instant its bytes last changed, which
 * is carried from build to build while the bytes stay the same (src/build/validators.ts).
 */
export interface Recorded {
  type: string;
  size: number;
  etag: string;
  /** ISO instant, whole seconds: the build that first made these bytes (set by the validators step). */
  modified?: string;
}

/**
 * A record of outputs by URL path. dist/assets.json holds the whole record (site-wide outputs,
 * built files, every article's pages), for tools, tests and the next build; the worker reads
 * the pack table below instead (as a bundled directory and chunks: pack-directory.ts).
 */
export type AssetManifest = Record<string, Recorded>;

/** Where the record of an article's own rendered outputs is stored (a logical file, packed beside its model). */
export function validatorsPath(slug: string): string {
  return `/_model/${slug}.validators.json`;
}

/** Where pack `n` is among the static assets. */
export function packPath(n: number): string {
  return `/_packs/${n}.bin`;
}

/**
 * dist/packs.json (src/build/packs.ts makes it; src/build/worker-data.ts cuts it into the
 * directory and chunks the worker reads). Every built file
 * (models, records, EPUBs, images, and whatever later steps add under dist/assets) is a slice
 * of a pack file, /_packs/<n>.bin. The logical files are listed column by column, in pack
 * order, each pack's files back to back from offset 0, so an offset is the sum of the sizes
 * before it in the same pack (worked out once per isolate, not stored).
 */
export interface PackTable {
  /** The most bytes a pack holds, unless one file alone is bigger (it then has a pack of its own). */
  bound: number;
  /** The byte size of each pack. */
  packs: number[];
  /** The media types, indexed by `type`. */
  types: string[];
  path: string[];
  pack: number[];
  size: number[];
  type: number[];
  /** The strong ETag of a file served as itself, "" for internal files (models, records, the search index). */
  etag: string[];
  /** When its bytes last changed, seconds since 1970 (0: not recorded). */
  modified: number[];
  /** The record of outputs that are not files: site-wide outputs, pages of the articles bundled in full. */
  site: AssetManifest;
}

export interface Located extends Recorded {
  pack: number;
  offset: number;
}

export interface PackIndex {
  /** Where a logical file is, with its record; undefined if it is not packed. */
  locate(path: string): Located | undefined;
}

export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** The columns a row of the pack table (or of one of its chunks) has. */
export type PackColumns = Pick<PackTable, "pack" | "size" | "type" | "etag" | "modified">;

/** Row `i` of the columns, with its offset in its pack, as a record. */
export function locatedAt(types: readonly string[], columns: PackColumns, i: number, offset: number): Located {
  return {
    type: types[columns.type[i]!]!,
    size: columns.size[i]!,
    etag: columns.etag[i]!,
    ...(columns.modified[i] ? { modified: isoSeconds(columns.modified[i]!) } : {}),
    pack: columns.pack[i]!,
    offset,
  };
}

/**
 * The whole table's lookup, for tools and tests in Node (the worker reads the table in chunks
 * instead: src/model/pack-directory.ts): one pass over its columns, a Map from path to row.
 */
export function indexPacks(table: Omit<PackTable, "site">): PackIndex {
  const rows = new Map<string, number>();
  const offsets = new Float64Array(table.path.length);
  let offset = 0;
  for (let i = 0; i < table.path.length; i++) {
    if (i > 0 && table.pack[i] !== table.pack[i - 1]) offset = 0;
    offsets[i] = offset;
    offset += table.size[i]!;
    rows.set(table.path[i]!, i);
  }
  return {
    locate(path) {
      const i = rows.get(path);
      return i === undefined ? undefined : locatedAt(table.types, table, i, offsets[i]!);
    },
  };
}
