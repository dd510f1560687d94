/**
 * The packs of earlier builds (packs.ts `PackStore`), kept by what they hold, so that a build
 * links an unchanged pack into its output instead of reading its files, assembling and writing
 * it again: after one article changes, only the packs holding its files (and the lists' files)
 * are made. A pack's digest is the sha256 of each member's path, size and bytes' digest.
 *
 *   .cache/folio/packs/<digest 0..2>/<digest>.bin
 * (under the build's one cache folder, cache-dir.ts). A pack is written to a temporary name and
 * renamed into place, so a reader never sees half of one; the output hard-links it (output.ts),
 * and nothing writes into a kept pack. A store that cannot be written never fails the build:
 * the pack is then written into the output as before.
 */
import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { noteCacheUse } from "./cache-prune.ts";
import type { PackStore } from "./packs.ts";

export function openPackStore(dir: string): PackStore {
  const fileOf = (digest: string) => join(dir, digest.slice(0, 2), `${digest}.bin`);
  const get = (digest: string) => {
    try {
      const file = fileOf(digest);
      const size = statSync(file).size;
      noteCacheUse(file); // kept by the cache's pruning (cache-prune.ts)
      return { file, size };
    } catch {
      return undefined;
    }
  };
  return {
    get,
    put(digest, bytes) {
      const file = fileOf(digest);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(join(dir, digest.slice(0, 2)), { recursive: true });
        writeFileSync(temporary, bytes);
        renameSync(temporary, file);
        noteCacheUse(file);
        return { file, size: bytes.byteLength };
      } catch {
        return undefined; // e.g. a read-only folder: the pack is written into the output
      }
    },
  };
}
