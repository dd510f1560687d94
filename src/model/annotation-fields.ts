/**
 * An annotation as an editor writes it (an entry of annotations.yaml), described once:
 *   - the loader validates every entry with `annotationSchema` (src/content/annotations-file.ts);
 *   - the model's `Annotation` is its output type, with the body parsed and what the build works
 *     out (number, position) added (src/model/document.ts);
 *   - the article JSON Schema takes its fields from it (src/build/json-schema.ts).
 * A new note field is a new entry here, and a change to each renderer that shows it.
 *
 * The worker imports only this module's types (erased), never its values: zod stays out of the
 * worker's bundle (test/node/layers.test.ts checks it).
 */
import * as z from "zod";
import { annotationKinds } from "./document.ts";
import { languageTag, text, webUrl } from "./front-matter.ts";

export const annotationSchema = z.strictObject({
  id: z.string({ error: "must be text" }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lowercase kebab-case, e.g. riyadh-talks"),
  kind: z.enum(annotationKinds, { error: `must be one of: ${annotationKinds.join(", ")}` }),
  anchor: z
    .strictObject({
      exact: text("the phrase of the article this note is about, copied exactly"),
      prefix: z.string().min(1).optional(),
      suffix: z.string().min(1).optional(),
    })
    .describe("W3C TextQuoteSelector, as written by the editor"),
  body: text("the note itself, in Markdown"),
  original: z.strictObject({ lang: languageTag, text: text("the quoted original wording") }).optional(),
  sources: z
    .array(z.strictObject({ title: text("the source's title"), url: webUrl }), { error: "must be a list of sources (title and url)" })
    .min(1, "every annotation needs at least one source (title and url)"),
});

/** An annotations.yaml entry as the loader outputs it (its body still the Markdown source). */
export type AnnotationFields = z.output<typeof annotationSchema>;
