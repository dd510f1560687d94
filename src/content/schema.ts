/**
 * The content schemas: what `content/site.yaml`, an article's front matter and its
 * `annotations.yaml` must hold. Imported by the build, the tests and the types; the
 * worker never imports it (it serves data this module already validated).
 */
import * as z from "zod";

/** A URL readers can open: absolute http(s) only. */
const webUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "must be an absolute http(s) URL, e.g. https://example.com/page" });

/** "2026-11-28" or "2026-11-28T09:30:00Z" → ISO instant "2026-11-28T00:00:00.000Z" (dates are UTC midnight). */
const editionDate = z
  .string({ error: "must be a date, quoted, as YYYY-MM-DD or an ISO 8601 date-time" })
  // abort: a value that is not even shaped like a date gets this one message, not a second
  // "not a real calendar date" as well.
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    error: (iss) => `"${String(iss.input)}" is not a date: write it as YYYY-MM-DD, or an ISO 8601 date-time with a zone, e.g. 2026-11-28T09:30:00Z`,
    abort: true,
  })
  .refine((s) => isRealDate(s), { error: (iss) => notARealDate(iss.input) })
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).toISOString());

/** The original's date as precisely as known: "2025", "2025-02" or "2025-02-24" (kept as written). */
const partialDate = z
  .string({ error: 'must be a quoted date: "YYYY", "YYYY-MM" or "YYYY-MM-DD"' })
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, {
    error: (iss) => `"${String(iss.input)}" is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (as precisely as known, no more)`,
    abort: true,
  })
  .refine((s) => isRealDate(s), { error: (iss) => notARealDate(iss.input) });

/** BCP 47 language tag, e.g. "en", "zh", "zh-Hans", "ru". */
const languageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "zh-Hans"');

const text = (what: string) => z.string({ error: `must be text (${what})` }).trim().min(1, `must not be empty (${what})`);

function notARealDate(input: unknown): string {
  const s = String(input);
  return s.length > 10 ? `"${s}" is not a real date and time: check the date, the hours and the minutes` : `"${s}" is not a real calendar date: check the month and the day`;
}

function isRealDate(s: string): boolean {
  if (s.length > 10 && Number.isNaN(new Date(s).getTime())) return false; // "2026-11-28T25:00Z"
  const [y, m = "01", d = "01"] = s.slice(0, 10).split("-");
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${y}-${m}-${d}`);
}

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

export const frontMatterSchema = z.strictObject({
  title: text("the headline"),
  dek: text("the standfirst under the headline"),
  language: languageTag,
  source: z.strictObject({
    publisher: text("who published the original"),
    url: webUrl,
    date: partialDate,
  }),
  author: text("the byline; leave the field out when it is not known").optional(),
  published: editionDate,
  updated: editionDate,
  tags: z.array(text("a tag")).default([]),
});

export const annotationKinds = ["context", "fact-check", "translation", "term", "update"] as const;

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

/** Slugs become URL path segments: lowercase letters, digits and single hyphens. */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type SiteInput = z.output<typeof siteSchema>;
export type FrontMatter = z.output<typeof frontMatterSchema>;
export type AnnotationInput = z.output<typeof annotationSchema>;
