/**
 * Writes the build output all at once: every file goes to a fresh sibling folder first, and
 * only a complete folder replaces the old one. A build that fails or is killed midway
 * leaves the previous output as it was.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type OutputFiles = Map<string, string | Uint8Array>;

export function writeOutput(outDir: string, files: OutputFiles, options: { dirs?: string[]; beforeSwap?: () => void } = {}): void {
  const next = `${outDir}.next`;
  const prev = `${outDir}.prev`;
  rmSync(next, { recursive: true, force: true });
  try {
    for (const [path, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const target = join(next, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    for (const dir of ["", ...(options.dirs ?? [])]) mkdirSync(join(next, dir), { recursive: true });
    options.beforeSwap?.();
  } catch (error) {
    // A failed build leaves no half-written sibling behind, and the old output untouched.
    rmSync(next, { recursive: true, force: true });
    throw error;
  }
  rmSync(prev, { recursive: true, force: true });
  if (existsSync(outDir)) renameSync(outDir, prev);
  try {
    renameSync(next, outDir);
  } catch (error) {
    if (existsSync(prev)) renameSync(prev, outDir); // put the previous output back
    rmSync(next, { recursive: true, force: true });
    throw error;
  }
  rmSync(prev, { recursive: true, force: true });
}
