/**
 * Writes the book's files into a ZIP that is the same byte for byte on every build and in
 * every time zone, in the way standardebooks/tools `se/epub.py` does:
 * - `mimetype` first and stored, without compression or extra fields (EPUB OCF 3.2 §4.3);
 * - every other file after it in sorted order (no directory entries), deflated. The cover
 *   too: png.ts favours speed over size, and deflating it again takes about 1.7 ms a book and
 *   saves about a quarter of its bytes (48 KB → 36 KB on the synthetic corpus), which keeps
 *   the book no larger than pandoc's.
 * - one timestamp on every entry, taken from the content. JSZip writes the DOS date and time
 *   from the UTC fields of the Date, so the builder's time zone never shows.
 */
import JSZip from "jszip";

const deflate = { compression: "DEFLATE", compressionOptions: { level: 9 } } as const;
const store = { compression: "STORE" } as const;

export async function reproducibleZip(files: Map<string, Uint8Array | string>, date: Date): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("mimetype", "application/epub+zip", { ...store, date, createFolders: false });
  const names = [...files.keys()].filter((n) => n !== "mimetype").sort();
  for (const name of names) zip.file(name, files.get(name)!, { ...deflate, date, createFolders: false });
  return zip.generateAsync({ type: "uint8array", platform: "DOS", ...deflate });
}

/** The files of a JSZip archive (directories left out), by path. */
export async function zipEntries(zip: JSZip): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) out.set(name, await entry.async("uint8array"));
  return out;
}
