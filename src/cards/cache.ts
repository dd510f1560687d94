/**
 * A content-addressed cache of rendered cards, so that a rebuild renders only new or changed
 * covers and OG images. Each entry is a plain PNG file named by the sha256 of everything its
 * bytes depend on: the SVG text, the layout, and the renderer (renderer.ts: resvg's version
 * and options, the fonts' content, the PNG encoder and zlib). A change to any of them misses.
 *
 *   <cache>/cards/<sha256>.png      (the folder is the build's: src/build/cache-dir.ts; FOLIO_NO_CACHE=1 turns it off)
 *
 * An entry is used only if it is a whole, well-formed PNG of the layout's size (every chunk's
 * CRC checked, IEND last); anything else (truncated, corrupt, unreadable) is ignored, and the
 * card rendered and written again. Entries are written to a temporary name and renamed, so a
 * reader in another thread or process never sees half a file. A cache that cannot be written
 * never fails the build: the card is rendered each time instead. A card used has its file's time
 * renewed: the build's pruning keeps what was used lately (src/build/cache-prune.ts).
 *
 * Beside it, an index of the same entries by what the card says rather than by its SVG:
 *
 *   <cache>/cards/by-text/<sha256>.png   a hard link to the entry (a copy where links fail)
 *
 * named by the sha256 of the renderer, the code that draws the SVG (`drawCodeDigest`: this
 * folder and the escaping it uses), the layout's name and the card's text. Drawing the SVG
 * needs resvg (to measure the text), which only the card threads load (pool.ts); the index lets
 * the build's main thread find a card it has made before without them, so that a build whose
 * cards are all made starts no thread (pool.ts starts them on the first card it lacks). A card
 * found in the index has its time renewed too (a hard link's time is its entry's).
 */
import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";
import { crc32 } from "node:zlib";
import type { CardText, Layout } from "./draw.ts";
import { rendererKey } from "./renderer.ts";

let drawCode: string | undefined;
/** The digest of the code that turns a card's text into its SVG: every file of src/cards, and src/render/escape.ts. */
export function drawCodeDigest(): string {
  if (drawCode) return drawCode;
  const hash = createHash("sha256");
  const here = fileURLToPath(new URL("./", import.meta.url));
  for (const name of readdirSync(here).sort()) hash.update(name).update("\0").update(readFileSync(join(here, name))).update("\0");
  hash.update(readFileSync(fileURLToPath(new URL("../render/escape.ts", import.meta.url))));
  return (drawCode = hash.digest("hex"));
}

/** The name of a card in the index by text (see the top of this file). */
function textKey(renderer: string, layout: string, text: CardText): string {
  return createHash("sha256").update(renderer).update("\0").update(drawCodeDigest()).update("\0").update(layout).update("\0").update(JSON.stringify(text)).digest("hex");
}

/** The width and height a PNG's header gives (0 × 0 when it has none). */
function pngSize(data: Uint8Array): { width: number; height: number } {
  if (data.byteLength < 24) return { width: 0, height: 0 };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface CardTextIndex {
  /** The PNG made before for this layout (by name) and text, or undefined if there is none that can be used. */
  get(layout: string, text: CardText): Uint8Array | undefined;
  /** The file of that PNG (checked whole now), or undefined. */
  file(layout: string, text: CardText): string | undefined;
}

/** The index by text of the card cache in `dir`, for the main thread (pool.ts). */
export function openCardTextIndex(dir: string, renderer: string = rendererKey()): CardTextIndex {
  const index: CardTextIndex = {
    file(layout, text) {
      return index.get(layout, text) ? join(dir, "by-text", `${textKey(renderer, layout, text)}.png`) : undefined;
    },
    get(layout, text) {
      const file = join(dir, "by-text", `${textKey(renderer, layout, text)}.png`);
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        return undefined;
      }
      const { width, height } = pngSize(data);
      if (width === 0 || !isWholePng(data, width, height)) return undefined;
      try {
        const now = new Date();
        utimesSync(file, now, now); // used now: kept by the pruning (src/build/cache-prune.ts)
      } catch {}
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    },
  };
  return index;
}


function cardKey(renderer: string, layout: Layout, svg: string): string {
  return createHash("sha256").update(renderer).update("\0").update(JSON.stringify(layout)).update("\0").update(svg).digest("hex");
}

/** A whole PNG of the given size: signature, IHDR first, every chunk's CRC right, IEND last. */
export function isWholePng(data: Uint8Array, width: number, height: number): boolean {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.byteLength < 8 + 25 + 12 || bytes.readUInt32BE(0) !== 0x89504e47 || bytes.readUInt32BE(4) !== 0x0d0a1a0a) return false;
  if (bytes.toString("latin1", 12, 16) !== "IHDR" || bytes.readUInt32BE(16) !== width || bytes.readUInt32BE(20) !== height) return false;
  let at = 8;
  while (at + 12 <= bytes.byteLength) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.byteLength || crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) return false;
    if (bytes.toString("latin1", at + 4, at + 8) === "IEND") return end === bytes.byteLength;
    at = end;
  }
  return false;
}

export interface CardCache {
  /** The cached PNG of this SVG, or undefined if there is none that can be used. */
  get(layout: Layout, svg: string): Uint8Array | undefined;
  /** Keeps the PNG; the file holding it, or undefined if it could not be written. */
  put(layout: Layout, svg: string, png: Uint8Array): string | undefined;
  /** The file that holds (or would hold) this card. */
  fileOf(layout: Layout, svg: string): string;
  /** Enters the card of this SVG (got or put before) in the index by text, under its layout's name and text. */
  index(layout: Layout, svg: string, name: string, text: CardText): void;
}

/** `renderer`: rendererKey(), passed in so that the threads of a build hash the fonts only once. */
export function openCardCache(dir: string, renderer: string = rendererKey()): CardCache {
  const path = (layout: Layout, svg: string) => join(dir, `${cardKey(renderer, layout, svg)}.png`);
  return {
    fileOf: path,
    get(layout, svg) {
      const file = path(layout, svg);
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        return undefined; // missing or unreadable: render it
      }
      if (!isWholePng(data, layout.width, layout.height)) return undefined;
      // Used now: its time renewed, as a card thread journals nothing, so that pruning keeps it (src/build/cache-prune.ts).
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {}
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    },
    put(layout, svg, png) {
      const file = path(layout, svg);
      const temporary = `${file}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, png);
        try {
          renameSync(temporary, file); // replaces a corrupt or unreadable entry
        } catch {
          rmSync(file, { recursive: true, force: true }); // something rename cannot replace, e.g. a folder
          renameSync(temporary, file);
        }
        return file;
      } catch {
        // e.g. a read-only node_modules: this card is rendered again next time
        try {
          rmSync(temporary, { force: true });
        } catch {}
        return undefined;
      }
    },
    index(layout, svg, name, text) {
      const file = join(dir, "by-text", `${textKey(renderer, name, text)}.png`);
      const temporary = `${file}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(join(dir, "by-text"), { recursive: true });
        try {
          linkSync(path(layout, svg), temporary);
        } catch {
          copyFileSync(path(layout, svg), temporary); // e.g. a file system without hard links
        }
        renameSync(temporary, file);
      } catch {
        // the entry is missing (a cache that cannot be written): the threads draw this card next time
        try {
          rmSync(temporary, { force: true });
        } catch {}
      }
    },
  };
}
