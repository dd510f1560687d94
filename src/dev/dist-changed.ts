/**
 * Whether a build changed anything in dist/. The dev server's builds update dist/ in place and
 * leave an unchanged file untouched (src/build/output.ts), so a file or folder modified since
 * the build started is exactly what changed; with none, the output keeps its version and the
 * worker what it prepared (src/dev/server.ts, data-server.ts). A folder's mtime moves when a file in it is added, replaced by a rename or removed.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** True if `dir` or anything under it was modified at or after `sinceMs` (wall clock, Date.now()). */
export function changedSince(dir: string, sinceMs: number): boolean {
  const since = sinceMs - 1; // file times may be rounded down
  const walk = (path: string): boolean => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return true; // gone: a change
    if (stat.mtimeMs >= since) return true;
    if (!stat.isDirectory()) return false;
    return readdirSync(path).some((name) => walk(join(path, name)));
  };
  return walk(dir);
}
