/**
 * writeOutput's in-place mode (src/build/output.ts, the dev server's): a linked dist/ becomes a
 * real folder holding the same output; then unchanged files keep their inode and mtime, changed
 * ones are replaced, files no longer produced vanish, and a later build without the mode (what
 * `npm run build` does) makes dist/ a link again.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeOutput } from "../../src/build/output.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-in-place-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Sets a file's mtime in the past, so that a rewrite would show as a new mtime. */
const age = (path: string) => utimesSync(path, new Date(2020, 0, 1), new Date(2020, 0, 1));

describe("the output written in place", () => {
  it("converts a linked dist/, updates only what changed, and converts back on a link build", async () => {
    const root = join(dir, "project");
    mkdirSync(root);
    const out = join(root, "dist");
    const cached = join(dir, "cached.epub");
    writeFileSync(cached, "the EPUB's bytes");
    const links = new Map([["assets/a.epub", { file: cached }]]);

    // A production build: dist is a link.
    await writeOutput(out, new Map<string, string>([["catalog.json", "{\"v\":1}"], ["keep.json", "same"], ["old.json", "going"], ["assets/old/x.css", "x"]]), { dirs: ["assets"], links });
    expect(lstatSync(out).isSymbolicLink()).toBe(true);

    // The dev server's first build: dist becomes a real folder, no complete outputs left beside it.
    await writeOutput(out, new Map<string, string>([["catalog.json", "{\"v\":1}"], ["keep.json", "same"], ["old.json", "going"], ["assets/old/x.css", "x"]]), { dirs: ["assets"], links, inPlace: true });
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(readdirSync(root).sort()).toEqual(["dist"]);
    expect(readFileSync(join(out, "keep.json"), "utf8")).toBe("same");
    expect(statSync(join(out, "assets/a.epub")).ino).toBe(statSync(cached).ino);

    for (const f of ["catalog.json", "keep.json"]) age(join(out, f));
    const before = (f: string) => statSync(join(out, f));
    const keep = before("keep.json");
    const catalog = before("catalog.json");
    const epub = before("assets/a.epub");
    writeFileSync(join(out, "stray.json.abc.tmp"), "a killed build's leftover");

    // An edit: catalog.json changes, keep.json and the EPUB do not, old.json and the old asset folder are no longer made.
    await writeOutput(out, new Map<string, string>([["catalog.json", "{\"v\":2}"], ["keep.json", "same"], ["assets/new.css", "y"]]), { dirs: ["assets"], links, inPlace: true });
    expect(readFileSync(join(out, "catalog.json"), "utf8")).toBe("{\"v\":2}");
    expect(before("catalog.json").ino).not.toBe(catalog.ino); // replaced by a rename, not rewritten
    expect(before("catalog.json").mtimeMs).not.toBe(catalog.mtimeMs);
    expect(before("keep.json").ino).toBe(keep.ino); // untouched
    expect(before("keep.json").mtimeMs).toBe(keep.mtimeMs);
    expect(before("assets/a.epub").ino).toBe(epub.ino);
    expect(existsSync(join(out, "old.json"))).toBe(false);
    expect(existsSync(join(out, "assets/old"))).toBe(false);
    expect(existsSync(join(out, "stray.json.abc.tmp"))).toBe(false);
    expect(readFileSync(join(out, "assets/new.css"), "utf8")).toBe("y");
    expect(readdirSync(out).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    // Same bytes again: nothing is touched at all.
    const catalog2 = before("catalog.json");
    await writeOutput(out, new Map<string, string>([["catalog.json", "{\"v\":2}"], ["keep.json", "same"], ["assets/new.css", "y"]]), { dirs: ["assets"], links, inPlace: true });
    expect(before("catalog.json").ino).toBe(catalog2.ino);
    expect(before("catalog.json").mtimeMs).toBe(catalog2.mtimeMs);

    // `npm run build` afterwards: the real folder is migrated back to the link layout.
    await writeOutput(out, new Map<string, string>([["catalog.json", "{\"v\":3}"]]), { dirs: ["assets"] });
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toMatch(/^dist\.[0-9a-z]{9}-\d+$/);
    expect(readFileSync(join(out, "catalog.json"), "utf8")).toBe("{\"v\":3}");
    expect(existsSync(join(out, "keep.json"))).toBe(false);
    expect(readdirSync(root).filter((f) => f !== "dist")).toEqual([readlinkSync(out)]);
  });

  it("recovers a dist/ left missing between removing the link and renaming its folder", async () => {
    const root = join(dir, "killed");
    mkdirSync(root);
    const out = join(root, "dist");
    await writeOutput(out, new Map([["catalog.json", "{\"v\":1}"]]));
    const target = join(root, readlinkSync(out));
    rmSync(out); // what a kill at "unlinked" leaves
    await writeOutput(out, new Map([["catalog.json", "{\"v\":1}"], ["b.json", "b"]]), { inPlace: true });
    expect(lstatSync(out).isDirectory()).toBe(true);
    expect(existsSync(target)).toBe(false); // renamed to dist, not copied
    expect(readFileSync(join(out, "b.json"), "utf8")).toBe("b");
  });
});
