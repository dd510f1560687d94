/**
 * The content schemas: what `content/site.yaml`, an article's front matter and its
 * `annotations.yaml` must hold. Imported by the build, the tests and the types; the
 * worker never imports it (it serves data this module already validated).
 */
import * as z from "zod";
import { annotationSchema, type AnnotationFields } from "../model/annotation-fields.ts";
import { siteSchema, type SiteSettings } from "../model/site-fields.ts";

// The front matter, site.yaml and each note are described in the model (one definition for the
// loader, the model's types and the JSON Schemas).
export { frontMatterSchema, slugPattern, type FrontMatter } from "../model/front-matter.ts";

export { annotationKinds } from "../model/document.ts";
export { annotationSchema, siteSchema };

export const annotationsFileSchema = z.array(annotationSchema, { error: "must be a YAML list of annotations" });

export type SiteInput = SiteSettings;
export type AnnotationInput = AnnotationFields;
