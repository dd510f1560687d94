/**
 * The build on bad content: each case runs the real CLI on a small temporary project, and
 * asserts exit status 1, every problem printed at once as `file:line field: message`, and
 * the previous output left byte for byte as it was.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../src/build/build.ts";
import type { Corpus } from "../../src/model/document.ts";

const repo = resolve(import.meta.dirname, "../..");
// The CLI needs Node 22 (type stripping); npm and npx put node_modules/.bin first on PATH.
const node = Number(process.versions.node.split(".")[0]) >= 22 ? process.execPath : join(repo, "node_modules/.bin/node");

const SITE = `title: Test site
description: A site for the build's error tests.
url: https://example.org
language: en
publisher:
  name: Folio test fixtures
rights: Test text, free to use.
`;

/** Line numbers matter: the assertions below name them. */
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

The second paragraph is short.
`;

const ANNOTATIONS = `- id: first-note
  kind: context
  anchor:
    exact: "a harbour master"
  body: A short note with a [link](https://example.org/note).
  sources:
    - title: Example source
      url: https://example.org/source
`;

const ART = "content/articles/good-one/article.md";
const ANN = "content/articles/good-one/annotations.yaml";

interface Project {
  dir: string;
  write(path: string, text: string): void;
  edit(path: string, change: (text: string) => string): void;
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary project: content/site.yaml and one valid article with one note. */
function project(): Project {
  const dir = mkdtempSync(join(tmpdir(), "folio-build-"));
  made.push(dir);
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write("content/site.yaml", SITE);
  write(ART, ARTICLE);
  write(ANN, ANNOTATIONS);
  return { dir, write, edit: (path, change) => write(path, change(readFileSync(join(dir, path), "utf8"))) };
}

/** Runs `node scripts/build.ts` in the project, so messages show paths like content/articles/…. */
function cli(dir: string) {
  const run = spawnSync(node, [join(repo, "scripts/build.ts"), "--content", "content", "--out", "dist"], { cwd: dir, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every file under a folder, path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), readFileSync(path));
    }
  }
  return files;
}

/** Builds the good project once, so there is an earlier output to protect. */
function builtProject(): Project & { before: Map<string, Buffer> } {
  const p = project();
  const ok = cli(p.dir);
  expect(ok.status, ok.stderr).toBe(0); // stderr may hold progress lines
  return { ...p, before: snapshot(join(p.dir, "dist")) };
}

/** Beside dist (a link), only the one output it points to: no half-written folder, no lock. */
function expectOnlyOutput(dir: string): void {
  const entries = readdirSync(dir).filter((f) => f.startsWith("dist"));
  expect(entries.sort()).toEqual(["dist", readlinkSync(join(dir, "dist"))].sort());
  expect(lstatSync(join(dir, "dist")).isSymbolicLink()).toBe(true);
}

/**
 * Rebuilds the broken project: fails with exactly these problems (a problem may go on over
 * indented lines), and dist/ is untouched.
 */
function expectProblems(p: ReturnType<typeof builtProject>, problems: string[]): void {
  const run = cli(p.dir);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  const printed = run.stderr.trimEnd().split("\n");
  const [header, ...lines] = printed.slice(printed.findIndex((l) => l.startsWith("Build failed:")));
  expect(header).toBe(`Build failed: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the content. Nothing was written; dist/ is unchanged.`);
  expect(lines.join("\n")).toEqual(problems.join("\n"));
  expect(snapshot(join(p.dir, "dist"))).toEqual(p.before);
  expectOnlyOutput(p.dir);
}

describe("scripts/build.ts on bad content", () => {
  it("builds the valid project (the baseline every case breaks)", () => {
    const p = project();
    const run = cli(p.dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Built 1 article, 1 annotations anchored, \d+ files \(\d+ KiB\) written to dist\/ in \d+\.\d\d s\n$/);
    const model = JSON.parse(readFileSync(join(p.dir, "dist/model.json"), "utf8")) as Corpus;
    expect(model.articles.map((a) => a.slug)).toEqual(["good-one"]);
  });

  it("reports malformed YAML in the front matter, at its line", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("title: A good article", 'title: "A good article'));
    expectProblems(p, [`${ART}:2: malformed YAML: Missing closing "quote (check indentation, colons and quotes)`]);
  });

  it("reports malformed YAML in annotations.yaml, at its line", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace("  body: A short note", "  body: A short: note"));
    expectProblems(p, [`${ANN}:5: malformed YAML: Nested mappings are not allowed in compact mappings (check indentation, colons and quotes)`]);
  });

  it("reports a missing field, and a missing group of fields", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("title: A good article\n", "").replace(/source:\n(  .*\n)+/, ""));
    expectProblems(p, [
      `${ART}:2 title: is required: must be text (the headline)`,
      `${ART}:2 source: is required: add it, with its fields indented below it (publisher, url, date)`,
    ]);
  });

  it("reports wrongly typed fields, saying what was found", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("title: A good article", "title: 42").replace("language: en", "language: [en]\ntags: China"));
    p.edit(ANN, (t) => t.replace("  kind: context", "  kind: note"));
    expectProblems(p, [
      `${ART}:2 title: must be text (the headline), not a number (42)`,
      `${ART}:4 language: must be text, not a list`,
      `${ART}:5 tags: must be a list (one '- ' item per line, or [a, b]), not the text "China"`,
      `${ANN}:2 [0].kind: must be one of: context, fact-check, translation, term, update, not the text "note"`,
    ]);
  });

  it("reports invalid URLs, in the front matter and in a source", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("url: https://example.org/good-one", "url: example.org/good-one"));
    p.edit(ANN, (t) => t.replace("url: https://example.org/source", "url: ftp://example.org/source"));
    expectProblems(p, [
      `${ART}:7 source.url: must be an absolute http(s) URL, e.g. https://example.com/page`,
      `${ANN}:8 [0].sources[0].url: must be an absolute http(s) URL, e.g. https://example.com/page`,
    ]);
  });

  it("reports invalid dates: a day that does not exist, a word, a month 13", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace('published: "2026-01-02"', 'published: "2025-02-30"').replace('updated: "2026-01-02"', "updated: yesterday").replace('date: "2025-02"', 'date: "2025-13"'));
    expectProblems(p, [
      `${ART}:8 source.date: "2025-13" is not a real calendar date: check the month and the day`,
      `${ART}:9 published: "2025-02-30" is not a real calendar date: check the month and the day`,
      `${ART}:10 updated: "yesterday" is not a date: write it as YYYY-MM-DD, or an ISO 8601 date-time with a zone, e.g. 2026-11-28T09:30:00Z`,
    ]);
  });

  it("reports a date-time that does not exist (instead of crashing)", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace('updated: "2026-01-02"', 'updated: "2026-01-02T25:00Z"'));
    expectProblems(p, [`${ART}:10 updated: "2026-01-02T25:00Z" is not a real date and time: check the date, the hours and the minutes`]);
  });

  it("reports unsafe slugs: a folder with a space and punctuation, and one with capitals", () => {
    const p = builtProject();
    p.write("content/articles/Bad Slug!/article.md", ARTICLE);
    p.write("content/articles/UpperCase/article.md", ARTICLE);
    expectProblems(p, [
      `content/articles/Bad Slug! slug: "Bad Slug!" is not URL-safe: rename the folder using lowercase letters, digits and single hyphens (e.g. bad-slug)`,
      `content/articles/UpperCase slug: "UpperCase" is not URL-safe: rename the folder using lowercase letters, digits and single hyphens (e.g. uppercase)`,
    ]);
  });

  it("reports an anchor that matches nowhere", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "a harbor master"'));
    expectProblems(p, [
      `${ANN}:4 [0].anchor.exact: "a harbor master" (annotation first-note) matches nowhere in the article. The closest passage is "a harbour master": the text has "u" where the anchor has nothing. Copy the phrase exactly from the article`,
    ]);
  });

  it("reports an anchor whose prefix rules out every match", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "a harbour master"\n    prefix: "and not "'));
    expectProblems(p, [`${ANN}:4 [0].anchor.exact: "a harbour master" (annotation first-note) occurs once in the article, but never after prefix "and not ": the text just before it is "our and ". Fix the prefix, or remove it`]);
  });

  it("reports an anchor that matches more than once without prefix or suffix", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "harbour"'));
    expectProblems(p, [
      `${ANN}:4 [0].anchor.exact: "harbour" (annotation first-note) matches 2 places: to pick one, add its line under anchor:\n` +
        `    suffix: " and"    # place 1: "…agraph names a harbour and a harbour …"\n` +
        `    prefix: "and a "  # place 2: "… harbour and a harbour master."`,
    ]);
  });

  it("accepts the same repeated phrase once a suffix tells the places apart", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "harbour"\n    suffix: " master"'));
    expect(cli(p.dir).status).toBe(0);
    const model = JSON.parse(readFileSync(join(p.dir, "dist/model.json"), "utf8")) as Corpus;
    const text = "The first paragraph names a harbour and a harbour master.";
    expect(model.articles[0]!.annotations[0]!.position).toEqual({ start: text.lastIndexOf("harbour"), end: text.lastIndexOf("harbour") + 7 });
  });

  it("reports duplicate annotation ids, naming the first one's line", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t + "\n" + t.replace('exact: "a harbour master"', 'exact: "second paragraph"'));
    expectProblems(p, [`${ANN}:10 [1].id: "first-note" is used twice (also at line 1): give each annotation its own id`]);
  });

  it("reports annotations without a source: an empty list and a missing key", () => {
    const p = builtProject();
    const second = ANNOTATIONS.replace("first-note", "second-note").replace('exact: "a harbour master"', 'exact: "second paragraph"');
    p.write(ANN, ANNOTATIONS.replace(/  sources:\n[\s\S]*$/, "  sources: []\n") + second.replace(/  sources:\n[\s\S]*$/, ""));
    expectProblems(p, [
      `${ANN}:6 [0].sources: every annotation needs at least one source (title and url)`,
      `${ANN}:7 [1].sources: is required: must be a list of sources (title and url)`,
    ]);
  });

  it("reports an empty article body once, without follow-on anchor errors", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.slice(0, t.indexOf("---\n", 4) + 4) + "\n   \n");
    expectProblems(p, [`${ART}:12 body: is empty: write the article's text below the front matter`]);
  });

  it("reports an empty note body and an empty title", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace(/  body: .*/, '  body: ""'));
    p.edit(ART, (t) => t.replace("title: A good article", 'title: "  "'));
    expectProblems(p, [
      `${ART}:2 title: must not be empty (the headline)`,
      `${ANN}:5 [0].body: must not be empty (the note itself, in Markdown)`,
    ]);
  });

  it("reports unknown fields (typos) with the field they were probably meant to be", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("dek:", "deck:").replace("  publisher:", "  publsher:"));
    p.edit(ANN, (t) => t.replace("  body:", "  colour: red\n  body:"));
    p.edit("content/site.yaml", (t) => t + "feeditems: 10\n");
    expectProblems(p, [
      `content/site.yaml:8 feeditems: is not a known field: did you mean "feedItems"? Check its spelling`,
      `${ART}:2 dek: is required: must be text (the standfirst under the headline)`,
      `${ART}:3 deck: is not a known field: did you mean "dek"? Check its spelling`,
      `${ART}:6 source.publisher: is required: must be text (who published the original)`,
      `${ART}:6 source.publsher: is not a known field: did you mean "publisher"? Check its spelling`,
      `${ANN}:5 [0].colour: is not a known field: check its spelling or remove it (known fields here: id, kind, anchor, body, original, sources)`,
    ]);
  });

  it("prints every problem at once: three problems in two files give three lines", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("title: A good article", "title: 42").replace('published: "2026-01-02"', 'published: "2026-02-30"'));
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "a lighthouse"'));
    expectProblems(p, [
      `${ART}:2 title: must be text (the headline), not a number (42)`,
      `${ART}:9 published: "2026-02-30" is not a real calendar date: check the month and the day`,
      `${ANN}:4 [0].anchor.exact: "a lighthouse" (annotation first-note) matches nowhere in the article, and no passage is close to it (the closest, "names a harbour", is 8 edits away): copy the phrase exactly from the article`,
    ]);
  });

  it("reports Markdown it cannot carry, at the line in article.md", () => {
    const p = builtProject();
    p.edit(ART, (t) => t + "\n![a picture](https://example.org/a.png)\n\n```\ncode\n```\n\nSee [this](/relative/path).\n");
    expectProblems(p, [
      `${ART}:17 body: image "https://example.org/a.png" must be a file in the article's folder, named with letters, digits, hyphens, underscores and dots, ending in .jpg, .jpeg, .png or .webp`,
      `${ART}:19 body: a code block is not supported in articles: use paragraphs, headings, quotes and lists`,
      `${ART}:23 body: link "/relative/path" must be an absolute http(s) or mailto: URL`,
    ]);
  });

  it("does not create an output folder when the first build fails", () => {
    const p = project();
    p.edit(ART, (t) => t.replace("title: A good article\n", ""));
    const run = cli(p.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${ART}:2 title: is required: must be text (the headline)`);
    expect(readdirSync(p.dir).filter((f) => f.startsWith("dist"))).toEqual([]);
  });
});

describe("every problem at once (schema and anchors together)", () => {
  const SECOND = `- id: second-note
  kind: term
  anchor:
    exact: "the second paragraph"
  body: Another note.
  sources:
    - title: Example source
      url: https://example.org/source
`;

  it("reports one note's schema problems and another note's anchor problem in the same build", () => {
    const p = builtProject();
    p.write(ANN, ANNOTATIONS.replace(/  sources:\n[\s\S]*$/, "") + SECOND);
    expectProblems(p, [
      `${ANN}:1 [0].sources: is required: must be a list of sources (title and url)`,
      `${ANN}:9 [1].anchor.exact: "the second paragraph" (annotation second-note) matches nowhere in the article. The closest passage is "The second paragraph": the text has "T" where the anchor has "t" (letter case). Copy the phrase exactly from the article`,
    ]);
  });

  it("anchors a note whose other fields are wrong, and reports both", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace("  kind: context", "  kind: aside").replace('exact: "a harbour master"', 'exact: "a harbour-master"'));
    expectProblems(p, [
      `${ANN}:2 [0].kind: must be one of: context, fact-check, translation, term, update, not the text "aside"`,
      `${ANN}:4 [0].anchor.exact: "a harbour-master" (annotation first-note) matches nowhere in the article. The closest passage is "a harbour master": the text has U+0020 SPACE where the anchor has - U+002D HYPHEN-MINUS. Copy the phrase exactly from the article`,
    ]);
  });

  it("checks the notes of an article whose front matter is missing", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.slice(t.indexOf("---\n", 4) + 4));
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "a harbour mistress"'));
    expectProblems(p, [
      `${ART}:1: must start with YAML front matter between two '---' lines`,
      `${ANN}:4 [0].anchor.exact: "a harbour mistress" (annotation first-note) matches nowhere in the article. The closest passage is "a harbour master": the text has "a" where the anchor has "i"; the anchor has "r" where the text has nothing; the anchor has "s" where the text has nothing; and 1 more difference. Copy the phrase exactly from the article`,
    ]);
  });
});

describe("anchoring that helps", () => {
  it("names a curly apostrophe, a dash and a no-break space the anchor typed differently", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("The second paragraph is short.", "The harbour\u2019s second paragraph \u2013 short\u00a0and plain."));
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', `exact: "harbour's second paragraph - short and"`));
    expectProblems(p, [
      `${ANN}:4 [0].anchor.exact: "harbour's second paragraph - short and" (annotation first-note) matches nowhere in the article. The closest passage is "harbour\u2019s second paragraph \u2013 short\u00a0and": ` +
        `the text has \u2019 U+2019 RIGHT SINGLE QUOTATION MARK where the anchor has ' U+0027 APOSTROPHE; the text has \u2013 U+2013 EN DASH where the anchor has - U+002D HYPHEN-MINUS; ` +
        `the text has U+00A0 NO-BREAK SPACE where the anchor has U+0020 SPACE. Copy the phrase exactly from the article`,
    ]);
  });

  it("names a wrong suffix's difference", () => {
    const p = builtProject();
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "harbour"\n    suffix: " mister"'));
    expectProblems(p, [
      `${ANN}:4 [0].anchor.exact: "harbour" (annotation first-note) occurs 2 times in the article, but never before suffix " mister": the text just after it is " and a ", " master". Fix the suffix, or remove it`,
    ]);
  });

  it("re-anchors a note whose phrase was corrected slightly since the last build, with a warning", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("a harbour master", "a harbor master"));
    const run = cli(p.dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Built 1 article, 1 annotations anchored/);
    expect(run.stderr.trimEnd().split("\n").filter((l) => !l.startsWith("epub ") && !/^\[\d+\/\d+\] /.test(l))).toEqual([
      "1 warning:",
      `${ANN}:4 [0].anchor.exact: warning: "a harbour master" (annotation first-note) no longer matches the article exactly; it is re-anchored near its previous place to "a harbor master" (1 edit, at most 2 allowed): the anchor has "u" where the text has nothing. Update anchor.exact to the new phrase`,
    ]);
    const note = (JSON.parse(readFileSync(join(p.dir, "dist/model.json"), "utf8")) as Corpus).articles[0]!.annotations[0]!;
    const text = "The first paragraph names a harbour and a harbor master.";
    expect(note.anchor).toEqual({ exact: "a harbor master" });
    expect(note.position).toEqual({ start: text.indexOf("a harbor master"), end: text.indexOf("a harbor master") + 15 });

    // The warning stays until the anchor is updated; updated, the build is quiet again.
    expect(cli(p.dir).stderr).toContain("warning: \"a harbour master\" (annotation first-note) no longer matches");
    p.edit(ANN, (t) => t.replace('exact: "a harbour master"', 'exact: "a harbor master"'));
    const fixed = cli(p.dir);
    expect(fixed.status).toBe(0);
    expect(fixed.stderr).not.toContain("warning");
  });

  it("does not guess without a previous build: the same near miss in a fresh project is an error", () => {
    const p = project();
    p.edit(ART, (t) => t.replace("a harbour master", "a harbor master"));
    const run = cli(p.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `${ANN}:4 [0].anchor.exact: "a harbour master" (annotation first-note) matches nowhere in the article. The closest passage is "a harbor master": the anchor has "u" where the text has nothing. Copy the phrase exactly from the article`,
    );
  });

  it("refuses a re-anchoring beyond one edit in ten characters: an error, not a warning", () => {
    const p = builtProject();
    p.edit(ART, (t) => t.replace("a harbour master", "a harbourmistress"));
    expectProblems(p, [
      `${ANN}:4 [0].anchor.exact: "a harbour master" (annotation first-note) matches nowhere in the article. The closest passage is "a harbourmistr": the anchor has U+0020 SPACE where the text has nothing; the text has "i" where the anchor has "a"; the anchor has "e" where the text has nothing. Copy the phrase exactly from the article`,
    ]);
  });
});

describe("raw HTML in Markdown", () => {
  it("stays literal text in the model, in the body and in a note, never an element", () => {
    const p = project();
    p.edit(ART, (t) => t.replace("The second paragraph is short.", "The second paragraph holds <script>alert(1)</script> and <b>bold</b>.\n\n<div onclick=\"x()\">a block</div>"));
    p.edit(ANN, (t) => t.replace(/  body: .*/, "  body: A note with <script>alert(1)</script> in it."));
    const run = cli(p.dir);
    expect(run.status).toBe(0);
    const model = JSON.parse(readFileSync(join(p.dir, "dist/model.json"), "utf8")) as Corpus;
    const article = model.articles[0]!;
    expect(article.blocks.map((b) => b.type)).toEqual(["paragraph", "paragraph", "paragraph"]);
    const texts = article.blocks.map((b) => (b.type === "paragraph" ? b.content.text : ""));
    expect(texts[1]).toBe("The second paragraph holds <script>alert(1)</script> and <b>bold</b>.");
    expect(texts[2]).toBe('<div onclick="x()">a block</div>');
    expect(article.blocks.flatMap((b) => (b.type === "paragraph" ? b.content.marks : []))).toEqual([]);
    const note = article.annotations[0]!;
    expect(note.body).toHaveLength(1);
    expect(note.body[0]!.text).toBe("A note with <script>alert(1)</script> in it.");
    expect(note.body[0]!.marks).toEqual([]);
  });
});

describe("build() failing midway", () => {
  it("leaves the previous output intact and no half-written folder behind", async () => {
    const p = project();
    const out = join(p.dir, "dist");
    const options = { contentDir: join(p.dir, "content"), outDir: out, root: p.dir, articleFiles: false };
    await build(options);
    const before = snapshot(out);
    p.edit(ART, (t) => t.replace("The second paragraph is short.", "The second paragraph has changed."));
    let written: Map<string, Buffer> | undefined;
    await expect(
      build({
        ...options,
        articleFiles: false,
        beforeSwap: (dir: string) => {
          written = snapshot(dir); // the new files are all written by now
          throw new Error("killed before the swap");
        },
      }),
    ).rejects.toThrow("killed before the swap");
    expect(written?.get("model.json")?.toString()).toContain("The second paragraph has changed.");
    expect(snapshot(out)).toEqual(before);
    expectOnlyOutput(p.dir);

    await build(options); // and the next good build replaces it
    expect(readFileSync(join(out, "model.json"), "utf8")).toContain("The second paragraph has changed.");
    expectOnlyOutput(p.dir);
  });
});
