/**
 * The seed and the fixture corpus built together, as `npm run build:test` does: many
 * articles, newest first, each with its notes anchored, and the stress text kept as written.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article, Corpus, TextRun } from "../../src/model/document.ts";

const repo = resolve(import.meta.dirname, "../..");
const node = Number(process.versions.node.split(".")[0]) >= 22 ? process.execPath : join(repo, "node_modules/.bin/node");

let tmp: string;
let run: { status: number | null; stdout: string; stderr: string };
let model: Corpus;
const bySlug = (slug: string): Article => model.articles.find((a) => a.slug === slug)!;
const runsOf = (a: Article): TextRun[] =>
  a.blocks.flatMap((b) => (b.type === "paragraph" || b.type === "heading" ? [b.content] : b.type === "quote" ? b.paragraphs : b.type === "list" ? b.items : b.type === "table" ? [...b.head, ...b.rows.flat()] : []));
const plain = (a: Article) =>
  runsOf(a)
    .map((r) => r.text)
    .join("\n\n");

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "folio-corpus-"));
  const args = ["scripts/build.ts", "--articles", "content/articles", "--articles", "test/fixtures/articles", "--out", join(tmp, "dist")];
  const r = spawnSync(node, args, { cwd: repo, encoding: "utf8" });
  run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
  if (run.status === 0) model = JSON.parse(readFileSync(join(tmp, "dist/model.json"), "utf8")) as Corpus;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the seed and the fixtures, built together", () => {
  it("build without a problem", () => {
    expect(run.stderr).not.toMatch(/Build failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Built 8 articles, \d+ annotations anchored/);
  });

  it("are listed newest first", () => {
    expect(model.articles.map((a) => [a.slug, a.published])).toEqual([
      ["in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart", "2026-11-28T00:00:00.000Z"],
      ["fixture-harbour-lights-return", "2026-11-20T00:00:00.000Z"],
      ["fixture-tea-house-glossary", "2026-10-05T00:00:00.000Z"],
      ["fixture-escaping-stress-test", "2026-09-12T00:00:00.000Z"],
      ["fixture-figure-and-table", "2026-08-20T00:00:00.000Z"],
      ["fixture-zh-harbour-nets", "2026-07-10T00:00:00.000Z"],
      ["fixture-ru-lighthouse-keeper", "2026-07-05T00:00:00.000Z"],
      ["fixture-ar-harbour-lighthouse", "2026-07-01T00:00:00.000Z"],
    ]);
  });

  it("mark every fixture as a test fixture, on example.org", () => {
    for (const a of model.articles.filter((a) => a.slug.startsWith("fixture-"))) {
      expect(a.source.publisher).toBe("Folio test fixtures");
      expect(a.source.url).toMatch(/^https:\/\/example\.org\//);
      // In the article's language: "测试样例：", "Тестовый пример:", "مثال للاختبار:" (a test example).
      const marker = { zh: "测试样例", ru: "Тестовый пример", ar: "مثال للاختبار" }[a.language] ?? "Test fixture";
      expect(a.title.split(/[:：]/)[0]).toBe(marker);
    }
  });

  it("keep metadata as given: an author only where there is one, a source date of only a year", () => {
    expect(model.articles.filter((a) => a.author).map((a) => [a.slug, a.author])).toEqual([["fixture-harbour-lights-return", "Ada Fixture"]]);
    expect(bySlug("fixture-tea-house-glossary").source.date).toBe("2019");
    expect(bySlug("fixture-harbour-lights-return").updated).toBe("2026-11-21T08:30:00.000Z");
  });

  it("anchor every note where it says, in every article", () => {
    for (const a of model.articles) {
      const text = plain(a);
      expect(a.annotations.length, a.slug).toBeGreaterThanOrEqual(2);
      for (const n of a.annotations) {
        expect(text.slice(n.position.start, n.position.end), `${a.slug} ${n.id}`).toBe(n.anchor.exact);
        expect(n.sources.length).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("use prefix and suffix to pick one of a repeated phrase", () => {
    const a = bySlug("fixture-tea-house-glossary");
    const text = plain(a);
    const diary = a.annotations.find((n) => n.id === "wall-is-a-diary")!;
    expect(text.indexOf("the wall is a")).toBeLessThan(diary.position.start);
    expect(text.slice(diary.position.start, diary.position.end + 6)).toBe("the wall is a diary");
    const after = a.annotations.find((n) => n.id === "read-the-wall-after")!;
    expect(text.slice(after.position.start, after.position.end + 15)).toBe("read the wall after they pay");
  });

  it("cover the note kinds and originals in several scripts", () => {
    const notes = model.articles.flatMap((a) => a.annotations);
    expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(["context", "fact-check", "translation", "term", "update"]));
    const langs = new Set(notes.flatMap((n) => (n.original ? [n.original.lang] : [])));
    for (const lang of ["zh", "ar", "he", "ru"]) expect(langs).toContain(lang);
    expect(notes.filter((n) => n.body.some((r) => r.marks.some((m) => m.type === "link"))).length).toBeGreaterThanOrEqual(2);
  });

  it("carry every Markdown feature into the model", () => {
    const a = bySlug("fixture-harbour-lights-return");
    expect(a.blocks.map((b) => (b.type === "list" ? `list:${b.ordered ? "ordered" : "bullets"}` : b.type))).toEqual([
      "paragraph",
      "heading",
      "paragraph",
      "list:bullets",
      "quote",
      "paragraph",
      "heading",
      "list:ordered",
    ]);
    const marks = new Set(runsOf(a).flatMap((r) => r.marks.map((m) => m.type)));
    expect(marks).toEqual(new Set(["em", "strong", "code", "link"]));
  });

  it("keep the escaping stress text exactly as written, in text and notes", () => {
    const a = bySlug("fixture-escaping-stress-test");
    expect(a.title).toBe("Test fixture: <script>alert(1)</script> & “Quotes” ‘Everywhere’ 🦊");
    expect(a.dek).toBe("A fictional text for Folio's tests: Tom & Jerry, ]]> and &amp; must come out as written.");
    expect(a.source.url).toBe("https://example.org/fixtures/escaping-stress-test?a=1&b=2");
    const text = plain(a);
    for (const s of ["<script>alert(1)</script>", "]]>", "&amp;", "'single'", '"double"', "‘curly single’", "“curly double”", "🦊", "Tom & Jerry", "<b>not</b>"]) {
      expect(text).toContain(s);
    }
    const script = a.annotations.find((n) => n.id === "script-literal")!;
    expect(script.body[0]!.text).toContain("<script>alert(1)</script>, ]]>, &amp; and Tom & Jerry");
    expect(script.sources[0]!.title).toBe("Fixture: <script> & “quotes” ‘too’ 🦊");
    expect(a.annotations.find((n) => n.id === "tom-and-jerry")!.original).toEqual({ lang: "he", text: "טום & ג׳רי" });
  });
});
