/**
 * What the load step asks of the file system, as data: the load step itself is pure, and the
 * build answers these questions from the disk (src/build/content-files.ts). Paths are joined
 * with "/", which Node takes on every system.
 */

/** A file's bytes, or why there are none: no such file, or a message saying what is there instead. */
export type FileRead = { bytes: Uint8Array } | { missing: true } | { problem: string };

/** An entry of a folder; `folder` is true for a folder, or a link to one. */
export interface FolderEntry {
  name: string;
  folder: boolean;
}

export type FolderRead = { entries: FolderEntry[] } | { missing: true } | { problem: string };

export interface ContentFiles {
  list(dir: string): FolderRead;
  read(path: string): FileRead;
  /** A path as messages show it: relative to the project. */
  show(path: string): string;
}

export function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, "")}/${name}`;
}

const decoder = new TextDecoder("utf-8");

/** A text file's contents: UTF-8, without a byte order mark, every line ending as "\n". */
export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes).replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}
