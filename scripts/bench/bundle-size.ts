/**
 * The size of what `wrangler deploy` uploads as the script: every module file, raw and
 * gzip-compressed (the Workers size limits count the compressed size).
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface Size {
  raw: number;
  gzip: number;
}

/** The gzip level the sizes are measured at. */
export const gzipLevel = 9;

export function bundleSize(files: string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    raw += bytes.byteLength;
    gzip += gzipSync(bytes, { level: gzipLevel }).byteLength;
  }
  return { raw, gzip };
}
