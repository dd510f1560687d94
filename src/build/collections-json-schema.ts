/**
 * The collections JSON (/collections.json and its later pages) described in zod, turned into the
 * JSON Schema served at /schema/collections.json, beside the list JSON's (list-json-schema.ts).
 * The worker's renderer is src/render/json/collections.ts.
 */
import * as z from "zod";
import { pageFields } from "./list-json-schema.ts";

const url = z.url().describe("absolute URL");
const count = z.int().min(1);

/** What every book has, whichever kind. */
const book = {
  title: z.string().describe("the book's title, with its volume when the collection is cut in several"),
  name: z.string().describe("the tag as written, or the month in words"),
  volume: count.describe("this volume's number, from 1"),
  volumes: count.describe("how many volumes the collection has"),
  articles: count.describe("how many articles this volume holds"),
  updated: z.iso.datetime().describe("ISO 8601 instant: the newest change among its articles"),
  bytes: z.int().min(1).describe("the EPUB's size in bytes"),
  epub: url.describe("the EPUB itself (application/epub+zip)"),
};

export const collectionsJson = z
  .object({
    $schema: url,
    title: z.string(),
    description: z.string(),
    url: url.describe("the HTML page this list is the twin of (this page of it)"),
    language: z.string(),
    ...pageFields("books"),
    collections: z.array(
      z.discriminatedUnion("kind", [
        z
          .object({ kind: z.literal("month"), key: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe("the month, YYYY-MM"), ...book })
          .strict()
          .describe("the articles first published in one month"),
        z
          .object({ kind: z.literal("tag"), key: z.string().min(1).describe("the tag's slug"), ...book, html: url.describe("the tag's page") })
          .strict()
          .describe("the articles under one tag"),
      ]),
    ),
  })
  .strict()
  .describe("A page of a Folio site's collection EPUBs (every tag and month as one book): months newest first, then tags");

export function collectionsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(collectionsJson, { target: "draft-2020-12", reused: "ref" });
}
