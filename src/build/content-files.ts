/**
 * The content folder on disk, as the load step asks for it (src/content/files.ts), and the load
 * steps run over it for Node callers: `loadContent` and `loadCorpus` read `content/` the way the
 * build does.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Corpus } from "../model/document.ts";
import type { ContentFiles } from "../content/files.ts";
import { anchorStep, finish, loadStep, validateStep, type Loaded, type LoadOptions } from "../content/load.ts";

/** Why a file or folder could not be read, in words; the system's code in brackets. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "cannot be read: permission denied (check who owns it and its permissions)";
    case "ELOOP":
      return "is a link that leads back to itself: replace it with the file";
    default:
      return `cannot be read: ${(error as Error).message.replace(/^[A-Z]+: /, "")}`;
  }
}

/** Where a link that leads nowhere points; undefined when `path` is not a link. */
function danglingLink(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a broken link: it is read (and reported) as a file
  }
}

/** Node's file system, with paths shown relative to `root`. */
export function nodeContentFiles(root = process.cwd()): ContentFiles {
  return {
    list(dir) {
      try {
        const entries = readdirSync(dir, { withFileTypes: true });
        return { entries: entries.map((e) => ({ name: e.name, folder: e.isDirectory() || (e.isSymbolicLink() && isFolder(join(dir, e.name))) })) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return { missing: true };
        if (code === "ENOTDIR") return { problem: "is a file, not a folder: it should hold one folder per article" };
        return { problem: reason(error) };
      }
    },
    read(path) {
      try {
        // Looked at before it is read: a pipe or a device would never end.
        const stat = statSync(path);
        if (stat.isDirectory()) return { problem: "is a folder, not a file: put the file here instead" };
        if (!stat.isFile()) return { problem: "is not a plain file (a pipe, socket or device): put the file here instead" };
        return { bytes: readFileSync(path) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
          const link = danglingLink(path);
          return link === undefined ? { missing: true } : { problem: `is a link to "${link}", which does not exist: replace it with the file, or correct the link` };
        }
        return { problem: reason(error) };
      }
    },
    stamp(path) {
      const seenMs = Date.now(); // before the stat: a change after it is later than this
      try {
        const stat = statSync(path, { bigint: true });
        if (!stat.isFile()) return undefined;
        const changedMs = Number((stat.mtimeNs > stat.ctimeNs ? stat.mtimeNs : stat.ctimeNs) / 1_000_000n);
        return { id: `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}:${stat.dev}`, changedMs, seenMs };
      } catch (error) {
        // No such file (and no link to one): a stamp of its own, never too recent.
        return (error as NodeJS.ErrnoException).code === "ENOENT" && danglingLink(path) === undefined ? { id: "missing", changedMs: 0, seenMs } : undefined;
      }
    },
    show: (path) => relative(root, path) || path,
  };
}

export type NodeLoadOptions = Omit<LoadOptions, "files">;

/** The content steps over the disk; throws ContentError listing every problem found (and the warnings). */
export function loadContent(options: NodeLoadOptions): Loaded {
  const state = loadStep({ ...options, files: nodeContentFiles(options.root) });
  validateStep(state);
  anchorStep(state);
  return finish(state);
}

/** loadContent without the warnings. */
export function loadCorpus(options: NodeLoadOptions): Corpus {
  return loadContent(options).corpus;
}
