/**
 * Watches folders for saved files and reports them in batches: editors save with several
 * writes (or write a temporary file and rename it over the old one), so changes are gathered
 * for `settleMs`.
 *
 * Each directory gets its own non-recursive watcher. Node's `recursive: true` on Linux watches
 * each file's inode, and so misses every write after a save that replaced the file by renaming
 * (`sed -i`, many editors' atomic save); a directory's watcher sees every change to its entries.
 */
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { join, relative } from "node:path";

export function watchFolders(root: string, folders: readonly string[], onBatch: (paths: string[]) => void, settleMs = 60): () => void {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers = new Map<string, FSWatcher>();

  const changed = (path: string) => {
    pending.add(relative(root, path));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending];
      pending.clear();
      onBatch(batch);
    }, settleMs);
  };

  const add = (dir: string) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => {
        const path = name ? join(dir, String(name)) : dir;
        if (name && isDirectory(path)) add(path); // a new folder (a new article): watch it too, and report what it holds
        changed(path);
      });
    } catch {
      return; // gone already
    }
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(dir);
    });
    watchers.set(dir, watcher);
    for (const entry of safeList(dir)) {
      const path = join(dir, entry);
      if (isDirectory(path)) add(path);
    }
  };

  for (const folder of new Set(folders)) {
    const dir = join(root, folder);
    if (existsSync(dir)) add(dir);
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((e) => !e.startsWith("."));
  } catch {
    return [];
  }
}
