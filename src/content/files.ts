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

/**
 * What a file's metadata says of it without reading it: `id` changes whenever its bytes can
 * have (size, modification and change times, inode); `changedMs` is the later of its
 * modification and change times, `seenMs` when it was looked at (both ms since 1970). A file
 * that is missing has a stamp too (its id says so).
 */
export interface FileStamp {
  id: string;
  changedMs: number;
  seenMs: number;
}

export interface ContentFiles {
  list(dir: string): FolderRead;
  read(path: string): FileRead;
  /** The file's stamp, or undefined when it is not a plain file that could be read (then it is read, and its problem reported). */
  stamp?(path: string): FileStamp | undefined;
  /** A path as messages show it: relative to the project. */
  show(path: string): string;
}

export function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, "")}/${name}`;
}

/** A text file's contents, or why it has none: no such file, or a problem at a line of it (1 for the file as a whole). */
export type TextRead = { text: string } | { missing: true } | { line: number; problem: string };

/** Reads a text file (see `decodeText`). */
export function readText(files: ContentFiles, path: string): TextRead {
  const read = files.read(path);
  if ("bytes" in read) return decodeText(read.bytes);
  if ("missing" in read) return read;
  return { line: 1, problem: read.problem };
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * A text file's contents: UTF-8, without its byte order mark, every line ending as "\n". Bytes
 * that are not UTF-8 are a problem at their line, never read as U+FFFD: the text would no
 * longer be the original's words.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { line: number; problem: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { line: 1, problem: "is saved as UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8" };
  }
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
    return { line, problem: `is not valid UTF-8 (byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, "0")} at byte ${at + 1} of the file): save it as UTF-8` };
  }
  return { text: text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n") };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (the Unicode standard's table 3-7). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [count, low, high] =
      b < 0x80 ? [0, 0, 0] : b >= 0xc2 && b <= 0xdf ? [1, 0x80, 0xbf] : b === 0xe0 ? [2, 0xa0, 0xbf] : b === 0xed ? [2, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [2, 0x80, 0xbf] : b === 0xf0 ? [3, 0x90, 0xbf] : b === 0xf4 ? [3, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [3, 0x80, 0xbf] : [-1, 0, 0];
    if (count < 0) return i;
    for (let k = 1; k <= count; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += count + 1;
  }
  return bytes.length;
}
