/**
 * How every store in the cache folder (cache-dir.ts) writes an entry: to a temporary name
 * beside it, then renamed into place, so a reader (another build, the dev server's thread)
 * sees the whole old entry or the whole new one, never half of one. A cache that cannot be
 * written never fails the build: the entry is made again next time.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Writes `data` (or its parts, one after another) as `file`; false when it could not. */
export function writeCacheFile(file: string, data: string | Uint8Array | readonly Uint8Array[]): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, typeof data === "string" || data instanceof Uint8Array ? data : Buffer.concat(data));
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // a folder that cannot hold it (a file where the folder should be): nothing was written
    }
    return false;
  }
}
