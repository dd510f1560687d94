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
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { crc32 } from "node:zlib";
import type { Layout } from "./draw.ts";
import { rendererKey } from "./renderer.ts";


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
  };
}
