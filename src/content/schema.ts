/**
 * The content schemas: what `content/site.yaml`, an article's front matter and its
 * `annotations.yaml` must hold. Imported by the build, the tests and the types; the
 * worker never imports it (it serves data this module already validated).
 */
import * as z from "zod";
import { annotationKinds } from "../model/document.ts";
import { languageTag, text, webUrl } from "../model/front-matter.ts";

// The front matter is described in the model (one definition for the loader, the model's types
// and the JSON Schemas); its field types serve site.yaml and annotations.yaml too.
export { frontMatterSchema, slugPattern, type FrontMatter } from "../model/front-matter.ts";

export const siteSchema = z.strictObject({
  title: text("the site's name"),
  description: text("one sentence about the site"),
  url: webUrl.transform((u) => u.replace(/\/+$/, "")), // "https://x.dev/" → "https://x.dev"
  language: languageTag,
  publisher: z.strictObject({ name: text("who publishes this site"), url: webUrl.optional() }),
  feedItems: z.int().min(1).max(1000).default(20),
  // Articles per page of the index, a tag, /articles.json and the OPDS feeds (src/model/paging.ts).
  pageSize: z.int({ error: "must be a whole number of articles per page, e.g. 50" }).min(1).max(500).default(50),
  rights: text("a rights statement, e.g. who holds the copyright of the texts"),
  // How to show a tag its articles spell more than one way (case, diacritics): any spelling → the one to show (src/model/tags.ts).
  tags: z.record(z.string(), text("the tag as it should be shown, e.g. Diplomacy")).optional(),
});

export { annotationKinds } from "../model/document.ts";

export const annotationSchema = z.strictObject({
  id: z.string({ error: "must be text" }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase kebab-case, e.g. riyadh-talks"),
  kind: z.enum(annotationKinds, { error: `must be one of: ${annotationKinds.join(", ")}` }),
  anchor: z.strictObject({
    exact: text("the phrase of the article this note is about, copied exactly"),
    prefix: z.string().min(1).optional(),
    suffix: z.string().min(1).optional(),
  }),
  body: text("the note itself, in Markdown"),
  original: z.strictObject({ lang: languageTag, text: text("the quoted original wording") }).optional(),
  sources: z
    .array(z.strictObject({ title: text("the source's title"), url: webUrl }), { error: "must be a list of sources (title and url)" })
    .min(1, "every annotation needs at least one source (title and url)"),
});

export const annotationsFileSchema = z.array(annotationSchema, { error: "must be a YAML list of annotations" });

export type SiteInput = z.output<typeof siteSchema>;
export type AnnotationInput = z.output<typeof annotationSchema>;
