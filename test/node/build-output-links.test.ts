/**
 * writeOutput's links (src/build/output.ts): a file whose bytes are already in a file (the
 * file cache's) is hard-linked into the output, not written; the output keeps it when the
 * cache's file is removed and when the next build removes the output it replaced.
 */
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeOutput } from "../../src/build/output.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-links-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the output's hard links", () => {
  it("links a cached file into the output, and the link outlives the cache's file and the output it came from", async () => {
    const out = join(dir, "dist");
    const cached = join(dir, "cached.epub");
    writeFileSync(cached, "the EPUB's bytes");
    const links = new Map([["assets/articles/a.epub", { file: cached }]]);
    await writeOutput(out, new Map([["model.json", "{}"]]), { links });
    const first = join(dir, readlinkSync(out));
    const linked = join(out, "assets/articles/a.epub");
    expect(statSync(linked).ino).toBe(statSync(cached).ino); // the same file, not a copy
    expect(statSync(cached).nlink).toBe(2);

    rmSync(cached);
    await writeOutput(out, new Map([["model.json", "{}"]]), { links: new Map([["assets/articles/a.epub", { file: join(first, "assets/articles/a.epub") }]]) });
    expect(join(dir, readlinkSync(out))).not.toBe(first);
    expect(() => statSync(first)).toThrow(); // the output it replaced is removed…
    expect(readFileSync(join(out, "assets/articles/a.epub"), "utf8")).toBe("the EPUB's bytes"); // …and the bytes stay
  });
});
