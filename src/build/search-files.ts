/**
 * The build's search step: the index of src/search/index-build.ts as files under /_search/
 * among the static assets (manifest, term buckets, text shards). Like the article models under
 * /_model/, the worker reads them (through data.ts's loadFile) and serves them at no URL.
 *
 * Each article's record (its words counted per field, and its row of the text shards:
 * `articleTerms`) is kept between builds in the cache folder (cache-dir.ts), keyed by the
 * sha256 of the code that makes it (src/search and src/model) and the article's model JSON's
 * digest (article-json.ts). The records are kept `recordsPerFile` articles to a file, in the
 * order of the list (newest first), the files counted from the oldest articles:
 *   .cache/folio/search/<n>.bin   the articles n × recordsPerFile … (n + 1) × recordsPerFile - 1 from the oldest
 * so a rebuild reads a few files rather than one per article, counts the words of changed
 * articles only, and rewrites only the files whose articles changed (a new article changes the
 * newest file only); it merges every record into the index (the scores depend on every
 * article: how many hold each word, the fields' lengths). Each file's rows stand in the order
 * of the text shards: a shard within one file is a view of its bytes, not a copy.
 *
 * A file: "FSR1", a 32-bit 1 (in the machine's byte order: a file from another order is not
 * read), the byte length of a JSON header, the header ({ keys, terms, sizes, rows }: the
 * records' keys, the words they use, each record's count of 32-bit numbers and its row's length
 * in bytes), zero bytes up to a multiple of 4, the numbers (each record's field lengths, then
 * its `CompactTerms.data`), then the records' rows (UTF-8), one a line (JSON holds no raw
 * newline). A file whose parts do not add up (cut short, another format) is not read: its
 * records are counted again. Its bytes are not checksummed (hashing them all would cost about
 * what reading them does).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Article } from "../model/document.ts";
import { articleTerms, compactTerms, mergeCompactTerms, type CompactTerms } from "../search/index-build.ts";
import { fields } from "../search/scoring.ts";
import { searchFiles } from "../search/urls.ts";
import { articleDigest } from "./article-json.ts";
import { ownCodeDigest } from "./cache-dir.ts";
import { noteCacheUse } from "./cache-prune.ts";
import { writeCacheFile } from "./cache-write.ts";
import { keepsBetweenBuilds } from "./warm.ts";

export interface SearchFile {
  /** URL path among the static assets (`/_search/…`). */
  path: string;
  data: Buffer;
}

/** The hash of the code that makes an article's record: src/search, src/model and this file. */
function searchCodeHash(): string {
  return ownCodeDigest(["search", "model", "build/search-files.ts"]);
}

const magic = "FSR1";
const newline = Buffer.from("\n");

/** One file of records, by key. */
type RecordFile = Map<string, CompactTerms>;

/** The records in `file`; undefined when it is missing, damaged or from another machine's byte order. */
export function readRecordFile(file: string): RecordFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return parseRecordFile(bytes);
}

/** The records a file's bytes hold (views of them); undefined when they are not a record file. */
function parseRecordFile(bytes: Buffer): RecordFile | undefined {
  try {
    if (bytes.length < 12 || bytes.toString("latin1", 0, 4) !== magic) return undefined;
    const [one, headerBytes] = new Uint32Array(new Uint8Array(bytes.subarray(4, 12)).buffer) as unknown as [number, number];
    if (one !== 1 || 12 + headerBytes > bytes.length) return undefined;
    const header = JSON.parse(bytes.toString("utf8", 12, 12 + headerBytes)) as { keys: string[]; terms: string[]; sizes: number[]; rows: number[] };
    const { keys, terms, sizes, rows: rowBytes } = header;
    if (!Array.isArray(keys) || !Array.isArray(terms) || !Array.isArray(sizes) || !Array.isArray(rowBytes) || keys.length !== sizes.length || keys.length !== rowBytes.length || !terms.every((t) => typeof t === "string")) return undefined;
    const numbersAt = Math.ceil((12 + headerBytes) / 4) * 4;
    const count = sizes.reduce((s, x) => s + x, 0);
    // The file is exactly as long as its header says (a file cut short, or grown, is not read).
    const length = numbersAt + count * 4 + rowBytes.reduce((s, x) => s + x, 0) + Math.max(0, keys.length - 1);
    if (!Number.isInteger(count) || length !== bytes.length) return undefined;
    // A view of the file's bytes where they are aligned (a large file's are), else a copy.
    const numbers = (bytes.byteOffset + numbersAt) % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset + numbersAt, count) : new Int32Array(count);
    if (numbers.buffer !== bytes.buffer) new Uint8Array(numbers.buffer).set(bytes.subarray(numbersAt, numbersAt + count * 4));
    // Each row as its bytes (a view of the file's), never decoded: shards are made of the bytes.
    const rows: Buffer[] = [];
    for (let from = numbersAt + count * 4, r = 0; r < keys.length; r++) {
      const end = from + rowBytes[r]!;
      if (!Number.isInteger(rowBytes[r]) || rowBytes[r]! < 0 || (r + 1 < keys.length ? bytes[end] !== 10 : end !== bytes.length)) return undefined;
      rows.push(bytes.subarray(from, end));
      from = end + 1;
    }
    const records: RecordFile = new Map();
    let at = 0;
    for (let r = 0; r < keys.length; r++) {
      const size = sizes[r]!;
      const record = numbers.subarray(at, at + size);
      at += size;
      if (!wellFormed(record, terms.length)) return undefined;
      records.set(keys[r]!, { lengths: record.subarray(0, fields.length), data: record.subarray(fields.length), terms, row: rows[r]! });
    }
    return records;
  } catch {
    return undefined;
  }
}

/** Whether a record's numbers are field lengths (not negative) then, per field, a count and that many (word, count) pairs of words in `terms`. */
function wellFormed(record: Int32Array, terms: number): boolean {
  let j = fields.length;
  for (let f = 0; f < fields.length; f++) {
    if (j >= record.length || !(record[f]! >= 0)) return false;
    const m = record[j++]!;
    if (m < 0 || j + m * 2 > record.length) return false;
    for (let end = j + m * 2; j < end; j += 2) if (record[j]! < 0 || record[j]! >= terms || record[j + 1]! < 1) return false;
  }
  return j === record.length;
}

/** The bytes of a file holding `records` in their order (their words gathered into one list), and the records as read back from them. */
function recordFileOf(records: RecordFile): { bytes: Buffer; records: RecordFile } {
  const terms: string[] = [];
  const ids = new Map<string, number>();
  const keys = [...records.keys()];
  const sizes: number[] = [];
  const parts: Int32Array[] = [];
  const kept: RecordFile = new Map();
  for (const key of keys) {
    const r = records.get(key)!;
    // The record's words as positions in this file's list.
    const data = new Int32Array(r.data.length);
    let j = 0;
    for (let f = 0; f < fields.length; f++) {
      const m = (data[j] = r.data[j]!);
      j++;
      for (let end = j + m * 2; j < end; j += 2) {
        const t = r.terms[r.data[j]!]!;
        let id = ids.get(t);
        if (id === undefined) {
          ids.set(t, (id = terms.length));
          terms.push(t);
        }
        data[j] = id;
        data[j + 1] = r.data[j + 1]!;
      }
    }
    const lengths = Int32Array.from({ length: fields.length }, (_, f) => r.lengths[f]!);
    parts.push(lengths, data);
    sizes.push(lengths.length + data.length);
    kept.set(key, { lengths, data, terms, row: typeof r.row === "string" ? Buffer.from(r.row, "utf8") : r.row });
  }
  const header = Buffer.from(JSON.stringify({ keys, terms, sizes, rows: [...kept.values()].map((r) => r.row.length) }), "utf8");
  const lead = Buffer.alloc(Math.ceil((12 + header.length) / 4) * 4);
  lead.write(magic, 0, "latin1");
  new Uint8Array(lead.buffer, lead.byteOffset + 4, 8).set(new Uint8Array(new Uint32Array([1, header.length]).buffer));
  header.copy(lead, 12);
  const numbers = parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  const rows = [...kept.values()].flatMap((r, i) => (i ? [newline, r.row as Buffer] : [r.row as Buffer]));
  const bytes = Buffer.concat([lead, ...numbers, ...rows]);
  // Read back from its bytes: the rows, views of them one after another, make shards without a copy.
  return { bytes, records: parseRecordFile(bytes)! };
}

/** Articles to a file of records. */
export const recordsPerFile = 256;

/** Record files read or written by the previous build in this process (the dev server's: warm.ts), by folder, then file: keyed by their inputs, records never go stale. */
const kept = new Map<string, Map<string, RecordFile>>();

/** Each article's record: from `cacheDir` where kept, counted (and kept) otherwise. */
function recordsOf(articles: readonly Article[], cacheDir: string | undefined): CompactTerms[] {
  if (!cacheDir) {
    const terms: string[] = [];
    const ids = new Map<string, number>();
    return articles.map((a) => compactTerms(articleTerms(a), terms, ids));
  }
  const code = searchCodeHash();
  const earlier = kept.get(cacheDir);
  const now = new Map<string, RecordFile>();
  const n = articles.length;
  const keys = articles.map((article) => createHash("sha256").update(code).update("\0").update(articleDigest(article)).digest("hex"));
  const found: CompactTerms[] = [];
  // File c holds the articles c × recordsPerFile … from the oldest, newest first: each file's
  // records in the order of the list (so that its rows, one after another, make whole shards).
  const files = Math.ceil(n / recordsPerFile);
  const read = new Map<number, RecordFile | undefined>();
  const fileOf = (c: number) => {
    if (!read.has(c)) read.set(c, earlier?.get(`${c}.bin`) ?? readRecordFile(join(cacheDir, `${c}.bin`)));
    return read.get(c);
  };
  let anywhere: Map<string, CompactTerms> | undefined;
  for (let c = files - 1; c >= 0; c--) {
    const from = Math.max(0, n - (c + 1) * recordsPerFile);
    const to = n - c * recordsPerFile;
    const name = `${c}.bin`;
    const file = join(cacheDir, name);
    let held = fileOf(c);
    if (!held || held.size !== to - from || ![...held.keys()].every((key, i) => key === keys[from + i])) {
      // Not these articles in this order: the file is made anew, of records kept in any file
      // (read them all, once) or counted.
      if (!anywhere) {
        anywhere = new Map();
        for (let other = 0; other < files; other++) for (const [key, record] of fileOf(other) ?? []) anywhere.set(key, record);
      }
      const records: RecordFile = new Map();
      for (let d = from; d < to; d++) {
        const key = keys[d]!;
        if (!records.has(key)) records.set(key, anywhere.get(key) ?? compactTerms(articleTerms(articles[d]!), [], new Map()));
      }
      const written = recordFileOf(records);
      held = written.records;
      writeCacheFile(file, written.bytes); // if it cannot be written: counted again next time
    }
    now.set(name, held);
    for (let d = from; d < to; d++) found[d] = held.get(keys[d]!)!;
    noteCacheUse(file);
  }
  if (keepsBetweenBuilds()) kept.set(cacheDir, now);
  return found;
}

/** The index files for `articles` (newest first, as the corpus has them); `cacheDir` keeps each article's record between builds. */
export function searchIndexFiles(articles: readonly Article[], options: { cacheDir?: string } = {}): SearchFile[] {
  const built = mergeCompactTerms(recordsOf(articles, options.cacheDir));
  const files: [string, string | Uint8Array][] = [
    [searchFiles.manifest, built.manifest],
    ...built.buckets.map((b, n): [string, string] => [searchFiles.bucket(n), b]),
    ...built.shards.map((s, n): [string, string | Uint8Array] => [searchFiles.shard(n), s]),
  ];
  return files.map(([path, data]) => ({ path, data: typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength) }));
}
