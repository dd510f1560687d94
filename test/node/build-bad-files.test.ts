/**
 * Every file the load step cannot read or parse is named, whatever the reason: the real CLI
 * (scripts/build.ts) is run on one small project whose files are broken one way at a time, and
 * must exit with status 1, print exactly the failure's header and one `file:line: message` per
 * bad file on stderr (no stack trace, nothing on stdout), and leave the previous dist/ as it was.
 * Reasons: YAML the yaml library refuses to expand (an alias bomb) in each of the three YAML
 * places, bytes that are not UTF-8, a UTF-16 file, a front matter that is not a group of fields,
 * a folder or a pipe where a file should be, and links that lead nowhere or back to themselves.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeText } from "../../src/content/files.ts";

const repo = resolve(import.meta.dirname, "../..");
// The CLI needs Node 22 (type stripping); npm and npx put node_modules/.bin first on PATH.
const node = Number(process.versions.node.split(".")[0]) >= 22 ? process.execPath : join(repo, "node_modules/.bin/node");

const SITE = `title: Test site
description: A site for the bad files' tests.
url: https://example.org
language: en
publisher:
  name: Folio test fixtures
rights: Test text, free to use.
`;

const ARTICLE = `---
title: A good article
dek: Its standfirst.
language: en
source:
  publisher: Folio test fixtures
  url: https://example.org/good-one
  date: "2025-02"
published: "2026-01-02"
updated: "2026-01-02"
---

The first paragraph names a harbour and a harbour master.
`;

const ANNOTATIONS = `- id: first-note
  kind: context
  anchor:
    exact: "a harbour master"
  body: A short note.
  sources:
    - title: Example source
      url: https://example.org/source
`;

/** Nine lists of nine, each an alias of the one before: nine lines that would expand to 9⁹ values. */
const BOMB = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]', ..."bcdefghi".split("").map((c, i) => `${c}: &${c} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)].join("\n") + "\n";

const SITE_FILE = "content/site.yaml";
const ART = "content/articles/good-one/article.md";
const ANN = "content/articles/good-one/annotations.yaml";

let dir: string;
let before: Map<string, Buffer>;

const path = (p: string) => join(dir, p);
const write = (p: string, data: string | Uint8Array) => {
  mkdirSync(join(path(p), ".."), { recursive: true });
  writeFileSync(path(p), data);
};

/** Every file under a folder, path → bytes. */
function snapshot(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(folder, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

function cli() {
  const run = spawnSync(node, [join(repo, "scripts/build.ts"), "--content", "content", "--out", "dist", "--quiet"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The project as it was built: site.yaml, and one article with one note. */
function restore(): void {
  for (const p of [SITE_FILE, ART, ANN]) rmSync(path(p), { recursive: true, force: true });
  write(SITE_FILE, SITE);
  write(ART, ARTICLE);
  write(ANN, ANNOTATIONS);
}

/** The build fails with exactly these lines on stderr and nothing else, and dist/ is as it was. */
function expectRefused(problems: string[]): void {
  const run = cli();
  expect(run.stdout).toBe("");
  expect(run.stderr.split("\n")).toEqual([`Build failed: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the content. Nothing was written; dist/ is unchanged.`, ...problems, ""]);
  expect(run.status).toBe(1);
  expect(snapshot(path("dist"))).toEqual(before);
}

/** The build succeeds, quietly; its output is the one the next cases must leave as it is. */
function expectBuilt(annotations: number): void {
  const run = cli();
  expect(run.stderr).toBe("");
  expect(run.stdout).toMatch(new RegExp(`^Built 1 article, ${annotations} annotations anchored`));
  expect(run.status).toBe(0);
  before = snapshot(path("dist"));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "folio-bad-files-"));
  restore();
  const ok = cli();
  expect(ok.status, ok.stderr).toBe(0);
  before = snapshot(path("dist"));
  expect(before.has("model.json")).toBe(true);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bomb = (line: number) => `${line}: its aliases (*a here, and those it repeats) expand to more than 100 values' worth, refused as a YAML alias bomb: write the values out instead of repeating anchors`;

describe("scripts/build.ts names every file it cannot read", () => {
  it("an alias bomb in annotations.yaml, at its first alias", () => {
    restore();
    write(ANN, BOMB);
    expectRefused([`${ANN}:${bomb(2)}`]);
  });

  it("an alias bomb in the front matter, at its line in article.md", () => {
    restore();
    write(ART, `---\n${BOMB}---\n\nThe first paragraph names a harbour and a harbour master.\n`);
    expectRefused([`${ART}:${bomb(3)}`]);
  });

  it("an alias bomb in site.yaml", () => {
    restore();
    write(SITE_FILE, SITE + BOMB);
    expectRefused([`${SITE_FILE}:${bomb(9)}`]);
  });

  it("a few aliases that expand to little are still fine", () => {
    restore();
    write(ANN, ANNOTATIONS.replace("  sources:\n    - title: Example source\n      url: https://example.org/source\n", "  sources: &both\n    - title: Example source\n      url: https://example.org/source\n") + ANNOTATIONS.replace("first-note", "second-note").replace('"a harbour master"', '"names a harbour"').replace(/ {2}sources:\n[\s\S]*$/, "  sources: *both\n"));
    expectBuilt(2);
  });

  it("bytes that are not UTF-8, at their line, instead of replacement characters in the text", () => {
    restore();
    write(ART, Buffer.concat([Buffer.from(ARTICLE), Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" au lait, in Latin-1.\n")]));
    expectRefused([`${ART}:14: is not valid UTF-8 (byte 0xE9 at byte ${Buffer.byteLength(ARTICLE) + 4} of the file): save it as UTF-8`]);
    restore();
    const start = '- id: first-note\n  kind: context\n  body: "';
    write(ANN, Buffer.concat([Buffer.from(start), Buffer.from([0xc0, 0xaf]), Buffer.from('"\n')])); // an overlong "/", which UTF-8 forbids
    expectRefused([`${ANN}:3: is not valid UTF-8 (byte 0xC0 at byte ${start.length + 1} of the file): save it as UTF-8`]);
  });

  it("a file saved as UTF-16, whichever its byte order; a UTF-8 byte order mark is fine", () => {
    restore();
    write(ART, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, "utf16le")]));
    write(SITE_FILE, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SITE, "utf16le").swap16()]));
    write(ANN, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ANNOTATIONS, "utf16le")]));
    const utf16 = "1: is saved as UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8";
    expectRefused([`${SITE_FILE}:${utf16}`, `${ART}:${utf16}`, `${ANN}:${utf16}`]);
    restore();
    for (const [p, text] of [[SITE_FILE, SITE], [ART, ARTICLE], [ANN, ANNOTATIONS]] as const) write(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expectBuilt(1);
  });

  it("a front matter or an annotations file that is not what it should be: a list, a text, nothing", () => {
    restore();
    write(ART, ARTICLE.replace(/^---\n[\s\S]*?\n---\n/, "---\n- title\n- dek\n---\n"));
    write(ANN, "just some words\n");
    expectRefused([`${ART}:2: must be a group of fields, indented below it, not a list`, `${ANN}:1: must be a YAML list of annotations, not the text "just some words"`]);
    restore();
    write(SITE_FILE, "");
    expect(cli().stderr.split("\n").slice(1, 3)).toEqual([`${SITE_FILE}:1 title: is required: must be text (the site's name)`, `${SITE_FILE}:1 description: is required: must be text (one sentence about the site)`]);
  });

  it("a folder where each of the three files should be", () => {
    restore();
    for (const p of [SITE_FILE, ART, ANN]) {
      rmSync(path(p));
      mkdirSync(path(p));
    }
    expectRefused([SITE_FILE, ART, ANN].map((p) => `${p}:1: is a folder, not a file: put the file here instead`));
  });

  it("a link that leads nowhere, or back to itself, where a file should be", () => {
    restore();
    rmSync(path(ANN));
    symlinkSync("notes.yaml", path(ANN));
    rmSync(path(ART));
    symlinkSync("article.md", path(ART));
    expectRefused([`${ART}:1: is a link that leads back to itself: replace it with the file`, `${ANN}:1: is a link to "notes.yaml", which does not exist: replace it with the file, or correct the link`]);
  });

  it("a pipe where a file should be, without waiting on it", () => {
    restore();
    rmSync(path(ANN));
    const fifo = spawnSync("mkfifo", [path(ANN)]);
    expect(fifo.status, String(fifo.error ?? fifo.stderr)).toBe(0);
    expectRefused([`${ANN}:1: is not a plain file (a pipe, socket or device): put the file here instead`]);
  });

  it("every bad file at once, each on its own line, in the order an editor reads them", () => {
    restore();
    write(SITE_FILE, SITE + BOMB);
    write(ART, Buffer.concat([Buffer.from(ARTICLE), Buffer.from([0xff])]));
    write("content/articles/second/article.md", ARTICLE.replace("title: A good article", "title: &t A second article\ndek2: *t"));
    write("content/articles/second/annotations.yaml", BOMB);
    write("content/articles/third/article.md", ARTICLE);
    mkdirSync(path("content/articles/third/annotations.yaml"));
    try {
      expectRefused([
        `${SITE_FILE}:${bomb(9)}`,
        `${ART}:14: is not valid UTF-8 (byte 0xFF at byte ${Buffer.byteLength(ARTICLE) + 1} of the file): save it as UTF-8`,
        `content/articles/second/article.md:3 dek2: is not a known field: did you mean "dek"? Check its spelling`,
        `content/articles/second/annotations.yaml:${bomb(2)}`,
        `content/articles/third/annotations.yaml:1: is a folder, not a file: put the file here instead`,
      ]);
    } finally {
      rmSync(path("content/articles/second"), { recursive: true });
      rmSync(path("content/articles/third"), { recursive: true });
    }
  });
});

describe("decodeText", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const valid = (bytes: Uint8Array) => {
    try {
      fatal.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it("refuses exactly what a strict UTF-8 decoder refuses, at the end of the longest valid start", () => {
    // Bytes drawn mostly from the ones that start or continue sequences, so that near misses are common.
    const byte = fc.oneof(fc.integer({ min: 0x00, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }), fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4, 0x0a));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), (list) => {
        const bytes = Uint8Array.from(list);
        if (bytes[0] === 0xff && bytes[1] === 0xfe) return; // a UTF-16 byte order mark: its own message
        if (bytes[0] === 0xfe && bytes[1] === 0xff) return;
        const result = decodeText(bytes);
        expect("text" in result).toBe(valid(bytes));
        if ("problem" in result) {
          const at = Number(/at byte (\d+) of the file/.exec(result.problem)![1]) - 1;
          expect(valid(bytes.subarray(0, at))).toBe(true);
          expect(valid(bytes.subarray(0, at + 4 > bytes.length ? bytes.length : at + 4))).toBe(false);
          expect(result.line).toBe(bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1);
        }
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it("drops a UTF-8 byte order mark and makes every line end a newline", () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63]))).toEqual({ text: "a\nb\nc" });
  });
});
