/**
 * What content/site.yaml holds, described once: the loader validates site.yaml with
 * `siteSchema` (src/content/load.ts), and the model's `Site` is its output type
 * (src/model/document.ts) without the build's own `tags` map. A new setting is a new entry here,
 * and a change to what reads it.
 *
 * The worker imports only this module's types (erased), never its values: zod stays out of the
 * worker's bundle (test/node/layers.test.ts checks it).
 */
import * as z from "zod";
import { languageTag, text, webUrl } from "./front-matter.ts";

export const siteSchema = z.strictObject({
  title: text("the site's name"),
  description: text("one sentence about the site"),
  /** Canonical base URL without a trailing slash, e.g. "https://folio.example.com". */
  url: webUrl.transform((u) => u.replace(/\/+$/, "")), // "https://x.dev/" → "https://x.dev"
  language: languageTag,
  publisher: z.strictObject({ name: text("who publishes this site"), url: webUrl.optional() }),
  /** How many articles the feeds list, newest first. */
  feedItems: z.int().min(1).max(1000).default(20),
  /** Articles per page of the index, a tag, /articles.json and the OPDS feeds (src/model/paging.ts). */
  pageSize: z.int({ error: "must be a whole number of articles per page, e.g. 50" }).min(1).max(500).default(50),
  /** Rights statement shown on pages and in the EPUB. */
  rights: text("a rights statement, e.g. who holds the copyright of the texts"),
  /** How to show a tag its articles spell more than one way (case, diacritics): any spelling → the one to show (src/model/tags.ts). The build's, not the model's. */
  tags: z.record(z.string(), text("the tag as it should be shown, e.g. Diplomacy")).optional(),
});

/** site.yaml as the loader outputs it: trimmed, the URL without a trailing slash, defaults filled in. */
export type SiteSettings = z.output<typeof siteSchema>;
