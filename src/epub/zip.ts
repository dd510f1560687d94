/**
 * Writes the book's files into a ZIP that is the same byte for byte on every build and in
 * every time zone, in the way standardebooks/tools `se/epub.py` does:
 * - `mimetype` first and stored, without compression or extra fields (EPUB OCF 3.2 §4.3);
 * - every other file after it in sorted order (no directory entries), deflated. The cover
 *   too: png.ts favours speed over size, and deflating it again takes about 1.7 ms a book and
 *   saves about a quarter of its bytes (48 KB → 36 KB on the synthetic corpus), which keeps
 *   the book no larger than pandoc's.
 * - one timestamp on every entry, taken from the content, written as a DOS date and time from
 *   its UTC fields, so the builder's time zone never shows.
 * The archive is written here and deflated by Node's zlib (level 9): JSZip's deflate (pako, in
 * JavaScript) was the largest cost of a cold build, about 15 ms of a 10,000-article build's
 * main thread per book.
 */
import type JSZip from "jszip";
import { crc32, deflateRawSync } from "node:zlib";

/** The DOS time and date of `date`'s UTC fields (two-second resolution, years from 1980). */
function dosDateTime(date: Date): { time: number; day: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = (Math.max(0, date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/**
 * Each file's deflated bytes, by the very byte array it was given as: a document or image that
 * goes into several books (an article's chapter in its month's and its tags' collections, a
 * figure in its article's book and those) is deflated once. Held only as long as the array is.
 */
const deflatedOnce = new WeakMap<Uint8Array, Buffer>();

/** Tells the writer that `data` deflates (at level 9, by this zlib) to `deflated`: the caller kept both (src/build/chapter-cache.ts). */
export function knownDeflated(data: Uint8Array, deflated: Uint8Array): void {
  deflatedOnce.set(data, Buffer.from(deflated.buffer, deflated.byteOffset, deflated.byteLength));
}

/** `data` deflated as the writer deflates it (once per byte array). */
export function deflatedBytes(data: Uint8Array): Uint8Array {
  return deflated(data);
}

function deflated(data: Uint8Array | string): Buffer {
  if (typeof data === "string") return deflateRawSync(Buffer.from(data, "utf8"), { level: 9 });
  let out = deflatedOnce.get(data);
  if (!out) deflatedOnce.set(data, (out = deflateRawSync(toBuffer(data), { level: 9 })));
  return out;
}

export async function reproducibleZip(files: Map<string, Uint8Array | string>, date: Date): Promise<Uint8Array> {
  const { time, day } = dosDateTime(date);
  const names = ["mimetype", ...[...files.keys()].filter((n) => n !== "mimetype").sort()];
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const raw = name === "mimetype" ? Buffer.from("application/epub+zip", "latin1") : toBuffer(files.get(name)!);
    const stored = name === "mimetype";
    const data = stored ? raw : deflated(files.get(name)!);
    const nameBytes = Buffer.from(name, "utf8");
    const utf8 = /[^\x20-\x7e]/.test(name) ? 0x0800 : 0;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(utf8, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.byteLength, 18);
    local.writeUInt32LE(raw.byteLength, 22);
    local.writeUInt16LE(nameBytes.byteLength, 26);
    local.writeUInt16LE(0, 28); // no extra field
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(utf8, 8);
    entry.writeUInt16LE(stored ? 0 : 8, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(day, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.byteLength, 20);
    entry.writeUInt32LE(raw.byteLength, 24);
    entry.writeUInt16LE(nameBytes.byteLength, 28);
    entry.writeUInt32LE(offset, 42); // extra, comment, disk, attributes: 0
    parts.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += local.byteLength + nameBytes.byteLength + data.byteLength;
  }
  const size = central.reduce((n, b) => n + b.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...parts, ...central, end]);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function toBuffer(data: Uint8Array | string): Buffer {
  return typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The files of a JSZip archive (directories left out), by path. */
export async function zipEntries(zip: JSZip): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async("uint8array"));
  return out;
}
