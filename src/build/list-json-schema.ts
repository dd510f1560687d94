/**
 * The list JSON (/articles.json, /tags/<slug>.json and their later pages) described in zod,
 * turned into the JSON Schema served at /schema/articles.json, beside the article's
 * (json-schema.ts). The worker's renderer is src/render/json/index.ts. Each article's front
 * matter fields are its one description's (src/model/front-matter.ts), in their output form.
 */
import * as z from "zod";
import { frontMatterSchema, slugPattern } from "../model/front-matter.ts";
import type { MetaSchema } from "./json-schema.ts";

const url = z.url().describe("absolute URL");

/** Where a page of a paged list is and what is around it (src/render/json/index.ts `pageFields`): the fields every list JSON has. */
export function pageFields(items: string, before = "", after = "") {
  return {
    self: url.describe("this page of the list"),
    page: z.int().min(1).describe("this page's number, from 1"),
    pages: z.int().min(1).describe("how many pages the list has"),
    total: z.int().min(0).describe(`how many ${items} the list has over all its pages`),
    prev: url.optional().describe(`the page before${before}; absent on the first page`),
    next: url.optional().describe(`the page after${after}; absent on the last page. Following next from the first page reaches every one of its ${items}`),
  };
}

/** The list JSON, with each article's front matter fields from `meta` (the model's, unless a test adds one). */
export const listJsonOf = <M extends MetaSchema>(meta: M) =>
  z
    .object({
      $schema: url,
      title: z.string(),
      description: z.string(),
      url: url.describe("the HTML page this list is the twin of (this page of it)"),
      language: z.string(),
      tag: z.string().optional().describe("on a tag's list: the tag as written"),
      ...pageFields("articles", " (newer articles)", " (older articles)"),
      articles: z.array(
        z
          .object({
            slug: z.string().regex(slugPattern),
            url: url.describe("canonical URL of the article page"),
            ...meta.shape,
            annotations: z.int().min(0).describe("how many notes the article has"),
            links: z.object({ html: url, json: url, epub: url, annotations: url }).describe("every format of the article"),
          })
          .strict(),
      ),
    })
    .strict()
    .describe("A page of a Folio list of articles (the index or a tag), newest first");

export const listJson = listJsonOf(frontMatterSchema);

export function listJsonSchema(meta: MetaSchema = frontMatterSchema): Record<string, unknown> {
  return z.toJSONSchema(listJsonOf(meta), { target: "draft-2020-12", reused: "ref", io: "output" });
}
