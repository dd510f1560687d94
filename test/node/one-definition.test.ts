/**
 * One definition per front-matter field (src/model/front-matter.ts): the loader validates with
 * it, the model's ArticleMeta is its output type, and the article and list JSON Schemas take
 * their fields from it, so that a field added there reaches all of them.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import * as z from "zod";
import { loadCorpus } from "../../src/build/content-files.ts";
import { articleJsonSchema } from "../../src/build/json-schema.ts";
import { listJsonSchema } from "../../src/build/list-json-schema.ts";
import { annotationSchema, type AnnotationFields } from "../../src/model/annotation-fields.ts";
import type { Annotation, ArticleMeta, Site } from "../../src/model/document.ts";
import { frontMatterSchema, type FrontMatter } from "../../src/model/front-matter.ts";
import type { SiteSettings } from "../../src/model/site-fields.ts";

type JsonSchema = { properties: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; $ref?: string; $defs?: Record<string, JsonSchema>; [k: string]: unknown };

const frontMatterFields = Object.keys(frontMatterSchema.shape).sort();
/** The front matter's own JSON Schema, in its output form: what every output schema must say of each field. */
const own = z.toJSONSchema(frontMatterSchema, { io: "output", target: "draft-2020-12", reused: "inline" }) as JsonSchema;

/** A JSON Schema with every $ref (to its $defs) replaced by what it names, as if written out in place. */
function inlined(schema: JsonSchema): JsonSchema {
  const defs = schema.$defs ?? {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== "object") return node;
    const { $ref, ...rest } = node as Record<string, unknown>;
    const own = Object.fromEntries(Object.entries(rest).filter(([k]) => k !== "$defs").map(([k, v]) => [k, walk(v)]));
    return typeof $ref === "string" ? { ...(walk(defs[$ref.replace("#/$defs/", "")]) as object), ...own } : own;
  };
  return walk(schema) as JsonSchema;
}

const article = inlined(articleJsonSchema() as JsonSchema);
const list = inlined(listJsonSchema() as JsonSchema);
const listed = list.properties.articles!.items!;

describe("the front matter's one description", () => {
  it("gives the article JSON Schema its fields, each as the description says, beside the fields the build adds", () => {
    expect(Object.keys(article.properties).sort()).toEqual([...frontMatterFields, "$schema", "annotations", "blocks", "links", "slug", "tagLinks", "url", "wordCount"].sort());
    for (const field of frontMatterFields) expect(article.properties[field], field).toEqual(own.properties[field]);
    // Required in the output exactly when the description requires it (author is optional; tags has a default, so always there).
    expect(frontMatterFields.filter((f) => article.required!.includes(f))).toEqual(frontMatterFields.filter((f) => own.required!.includes(f)));
    expect(own.required).not.toContain("author");
    expect(own.required).toContain("tags");
  });

  it("gives each article of the list JSON Schema its fields, beside the list's own", () => {
    expect(Object.keys(listed.properties).sort()).toEqual([...frontMatterFields, "annotations", "links", "slug", "url"].sort());
    for (const field of frontMatterFields) expect(listed.properties[field], field).toEqual(own.properties[field]);
  });

  it("describes dates as the instants the loader makes of them, not as written", () => {
    expect(own.properties.published).toMatchObject({ type: "string", format: "date-time" });
    expect(frontMatterSchema.shape.published.parse("2026-11-28")).toBe("2026-11-28T00:00:00.000Z");
  });

  it("reaches both JSON Schemas when a field is added to it, and nothing else needs to change", () => {
    const withSubtitle = frontMatterSchema.extend({ subtitle: z.string().trim().min(1).optional().describe("a second headline") });
    const a = inlined(articleJsonSchema(withSubtitle) as JsonSchema);
    const l = inlined(listJsonSchema(withSubtitle) as JsonSchema);
    expect(a.properties.subtitle).toEqual({ type: "string", minLength: 1, description: "a second headline" });
    expect(l.properties.articles!.items!.properties.subtitle).toEqual({ type: "string", minLength: 1, description: "a second headline" });
    expect(article.properties.subtitle).toBeUndefined();
  });

  it("is the model's ArticleMeta: the front matter's output, and what the build works out", () => {
    expectTypeOf<Omit<ArticleMeta, "slug" | "wordCount" | "noteCount">>().toEqualTypeOf<FrontMatter>();
    expectTypeOf<ArticleMeta["published"]>().toEqualTypeOf<string>();
  });
});

describe("the one description of a note and of site.yaml", () => {
  const noteFields = Object.keys(annotationSchema.shape).filter((f) => f !== "body").sort();
  const ownNote = z.toJSONSchema(annotationSchema, { io: "output", target: "draft-2020-12", reused: "inline" }) as JsonSchema;
  const note = article.properties.annotations!.items!;

  it("gives the article JSON Schema's notes their fields, each as the description says, beside the parsed body and what the build works out", () => {
    expect(Object.keys(note.properties).sort()).toEqual([...noteFields, "body", "markdown", "number", "position"].sort());
    for (const field of noteFields) expect(note.properties[field], field).toEqual(ownNote.properties[field]);
    expect(note.properties.body).toMatchObject({ type: "array" });
    expect(noteFields.filter((f) => note.required!.includes(f))).toEqual(noteFields.filter((f) => ownNote.required!.includes(f)));
  });

  it("is the model's Annotation and Site: the descriptions' output, and what the build works out", () => {
    expectTypeOf<Omit<Annotation, "number" | "position" | "markdown" | "body">>().toEqualTypeOf<Omit<AnnotationFields, "body">>();
    expectTypeOf<Annotation["markdown"]>().toEqualTypeOf<AnnotationFields["body"]>();
    expectTypeOf<Omit<Site, "pageSize">>().toEqualTypeOf<Omit<SiteSettings, "tags" | "pageSize">>();
    expectTypeOf<NonNullable<Site["pageSize"]>>().toEqualTypeOf<SiteSettings["pageSize"]>();
  });
});

describe("the loader", () => {
  const dir = mkdtempSync(join(tmpdir(), "folio-one-definition-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("copies every front-matter field into the model as the description outputs it, and no more", () => {
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write("site.yaml", "title: T\ndescription: D\nurl: https://example.org/\nlanguage: en\npublisher:\n  name: P\nrights: R\n");
    const frontMatter = {
      title: "  A title ",
      dek: "A dek",
      language: "en",
      source: { publisher: "A publisher", url: "https://example.org/a", date: "2025-02" },
      author: "Jane Doe",
      published: "2026-01-02",
      updated: "2026-01-03T10:00:00+02:00",
      tags: ["One", "Two"],
    };
    write("articles/with-author/article.md", `---\n${JSON.stringify(frontMatter)}\n---\n\nSome text.\n`);
    const { author: _author, ...anonymous } = frontMatter;
    write("articles/no-author/article.md", `---\n${JSON.stringify(anonymous)}\n---\n\nOther text.\n`);
    const corpus = loadCorpus({ contentDir: dir, root: dir });
    const bySlug = new Map(corpus.articles.map((a) => [a.slug, a]));
    const expected = frontMatterSchema.parse(frontMatter);
    const withAuthor = bySlug.get("with-author")!;
    expect(Object.fromEntries(frontMatterFields.map((f) => [f, withAuthor[f as keyof ArticleMeta]]))).toEqual(expected);
    expect(withAuthor.title).toBe("A title");
    expect(withAuthor.updated).toBe("2026-01-03T08:00:00.000Z");
    expect(Object.keys(withAuthor).sort()).toEqual([...frontMatterFields, "annotations", "blocks", "noteCount", "slug", "wordCount"].sort());
    expect("author" in bySlug.get("no-author")!).toBe(false);
  });
});
