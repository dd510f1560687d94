/**
 * The article JSON (/articles/<slug>.json) described in zod, turned into the JSON Schema
 * served at /schema/article.json. The worker's JSON renderer follows src/model/document.ts;
 * the tests check what it serves against this schema. The front matter's fields are its one
 * description's (src/model/front-matter.ts), in their output form.
 */
import * as z from "zod";
import { annotationSchema } from "../model/annotation-fields.ts";
import { frontMatterSchema, slugPattern } from "../model/front-matter.ts";

/** A description of the fields an editor writes: the model's (frontMatterSchema), or a test's with one more. */
export type MetaSchema = z.ZodObject;

const url = z.url().describe("absolute URL");
const instant = z.iso.datetime().describe("ISO 8601 instant");

const mark = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["em", "strong", "code"]), start: z.int().min(0), end: z.int().min(0) }),
  z.object({ type: z.literal("link"), start: z.int().min(0), end: z.int().min(0), href: z.string() }),
]);

const textRun = z
  .object({
    text: z.string(),
    offset: z.int().min(0).describe("offset of the run in the article's plain text (runs joined by two newlines)"),
    marks: z.array(mark).describe("inline formatting; start/end are offsets within the run"),
    notes: z.array(z.object({ id: z.string(), number: z.int().min(1), start: z.int().min(0), end: z.int().min(0) })).describe("annotations anchored in this run"),
  })
  .strict();

const block = z.discriminatedUnion("type", [
  z.object({ type: z.literal("paragraph"), content: textRun }),
  z.object({ type: z.literal("heading"), level: z.union([z.literal(2), z.literal(3), z.literal(4)]), content: textRun }),
  z.object({ type: z.literal("quote"), paragraphs: z.array(textRun) }),
  z.object({ type: z.literal("list"), ordered: z.boolean(), start: z.int().min(0).optional().describe("the first item's number, when an ordered list does not start at 1"), items: z.array(textRun) }),
  z
    .object({
      type: z.literal("table"),
      align: z.array(z.enum(["left", "center", "right"]).nullable()).describe("each column's alignment, or null when the Markdown gives none"),
      head: z.array(textRun).describe("the header row: one cell per column"),
      rows: z.array(z.array(textRun)).describe("the body rows, each as wide as the header row"),
    })
    .describe("a table; its cells are text runs in reading order (header cells, then each row's)"),
  z
    .object({
      type: z.literal("figure"),
      file: z.string().describe("the image's file name in the article's folder"),
      alt: z.string().min(1).describe("the text alternative: what the image shows"),
      caption: z.string().optional(),
      credit: z.string().optional(),
      width: z.int().min(1).describe("the source image's width in pixels, as displayed"),
      height: z.int().min(1),
      mediaType: z.enum(["image/jpeg", "image/png", "image/webp"]).describe("the media type of every variant"),
      variants: z
        .array(z.object({ width: z.int().min(1), height: z.int().min(1), url }))
        .min(1)
        .describe("web-sized copies, never wider than the source, narrowest first; each URL's bytes never change"),
    })
    .describe("an image with its text alternative, caption and credit; not part of the plain text notes anchor into"),
]);

/** The article JSON, with the front matter's fields from `meta` (the model's, unless a test adds one). */
export const articleJsonOf = <M extends MetaSchema>(meta: M) =>
  z
    .object({
      $schema: url,
      url: url.describe("canonical URL of the article page"),
      slug: z.string().regex(slugPattern),
      ...meta.shape,
      tagLinks: z.array(z.object({ name: z.string(), url: url.describe("the tag's page, /tags/<slug>") }).strict()).describe("each tag with the URL of its page, in the order of tags"),
      wordCount: z.int().min(0),
      links: z.object({ html: url, json: url, epub: url, annotations: url }).describe("every format of this article"),
      blocks: z.array(block),
      annotations: z.array(
        // The fields an editor writes, as their one description outputs them (src/model/annotation-fields.ts),
        // the body parsed into runs beside its Markdown source, and what the build works out.
        annotationSchema.omit({ body: true }).extend({
          number: z.int().min(1),
          position: z.object({ start: z.int().min(0), end: z.int().min(0) }).describe("UTF-16 offsets of the anchored phrase in the article's plain text (runs joined by two newlines; each run's offset says where it starts). Not offsets in the HTML page: /articles/<slug>/annotations.jsonld has those"),
          markdown: z.string().describe("the note's Markdown source, as the editor wrote it"),
          body: z.array(textRun),
        }),
      ),
    })
    .describe("A Folio article: metadata, links to every format, body blocks and annotations");

export const articleJson = articleJsonOf(frontMatterSchema);

export function articleJsonSchema(meta: MetaSchema = frontMatterSchema): Record<string, unknown> {
  return z.toJSONSchema(articleJsonOf(meta), { target: "draft-2020-12", reused: "ref", io: "output" });
}

/** Text with its matched words as [start, end) UTF-16 offsets (what String.prototype.slice takes). */
const markedText = z
  .object({ text: z.string(), marks: z.array(z.tuple([z.int().min(0), z.int().min(0)])).describe("matched words: [start, end) offsets into text, in order, not overlapping") })
  .strict();

/** A page of search results (/search.json?q=…&page=N), as src/render/json/search.ts writes it. */
export const searchJson = z
  .object({
    $schema: url,
    query: z.string().describe("the query as searched: control and bidi characters removed, spaces collapsed, at most 200 characters"),
    url: url.describe("this page of results"),
    page: z.int().min(1),
    pageSize: z.int().min(1),
    total: z.int().min(0).describe("matching articles in all"),
    pages: z.int().min(0).describe("pages of results in all (0 when nothing matched)"),
    prev: url.optional().describe("the previous page, after the first"),
    next: url.optional().describe("the next page, before the last"),
    results: z.array(
      z
        .object({
          slug: z.string().regex(slugPattern),
          url: url.describe("the article page"),
          json: url.describe("the article as JSON"),
          language: z.string(),
          published: instant,
          score: z.number().min(0).describe("relevance: higher is better; comparable within one query"),
          title: markedText,
          dek: markedText,
          snippet: markedText.describe("a passage of the article or its notes around the matched words ('…' where cut)"),
        })
        .strict(),
    ),
  })
  .strict()
  .describe("A page of Folio search results, best first");

export function searchJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(searchJson, { target: "draft-2020-12", reused: "ref" });
}
