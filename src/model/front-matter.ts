/**
 * The article's metadata as an editor writes it (the front matter of article.md), described once:
 *   - the loader validates every front matter with `frontMatterSchema` (src/content/load.ts), and
 *     its messages are the ones an editor reads;
 *   - the model's `ArticleMeta` is its output type, plus what the build works out (src/model/document.ts);
 *   - the article and list JSON Schemas take its fields as they are (src/build/json-schema.ts,
 *     src/build/list-json-schema.ts), in their output form: a date is described as the instant
 *     the loader makes of it.
 * A new front-matter field is a new entry here, and a change to each renderer that shows it.
 *
 * The worker imports only this module's types (erased), never its values: zod stays out of the
 * worker's bundle (test/node/layers.test.ts checks it).
 */
import * as z from "zod";

/** Slugs become URL path segments: lowercase letters, digits and single hyphens. */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A URL readers can open: absolute http(s) only. */
export const webUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "must be an absolute http(s) URL, e.g. https://example.com/page" });

/** "2026-11-28" or "2026-11-28T09:30:00Z" → ISO instant "2026-11-28T00:00:00.000Z" (dates are UTC midnight). */
export const editionDate = z
  .string({ error: "must be a date, quoted, as YYYY-MM-DD or an ISO 8601 date-time" })
  // abort: a value that is not even shaped like a date gets this one message, not a second
  // "not a real calendar date" as well.
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    error: (iss) => `"${String(iss.input)}" is not a date: write it as YYYY-MM-DD, or an ISO 8601 date-time with a zone, e.g. 2026-11-28T09:30:00Z`,
    abort: true,
  })
  .refine((s) => isRealDate(s), { error: (iss) => notARealDate(iss.input) })
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).toISOString())
  // What the model holds, and what the JSON Schemas describe.
  .pipe(z.iso.datetime().describe("ISO 8601 instant"));

/** The original's date as precisely as known: "2025", "2025-02" or "2025-02-24" (kept as written). */
export const partialDate = z
  .string({ error: 'must be a quoted date: "YYYY", "YYYY-MM" or "YYYY-MM-DD"' })
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, {
    error: (iss) => `"${String(iss.input)}" is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (as precisely as known, no more)`,
    abort: true,
  })
  .refine((s) => isRealDate(s), { error: (iss) => notARealDate(iss.input) });

/** BCP 47 language tag, e.g. "en", "zh", "zh-Hans", "ru". */
export const languageTag = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en" or "zh-Hans"');

/** Text that must not be empty; `what` says what it is in the messages. */
export const text = (what: string) => z.string({ error: `must be text (${what})` }).trim().min(1, `must not be empty (${what})`);

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

export const frontMatterSchema = z.strictObject({
  title: text("the headline"),
  dek: text("the standfirst under the headline"),
  language: languageTag.describe("BCP 47 language tag of the article's text"),
  source: z
    .strictObject({
      publisher: text("who published the original"),
      url: webUrl,
      date: partialDate.describe("the original's date, as precisely as known"),
    })
    .describe("the original publication this edition is based on"),
  author: text("the byline; leave the field out when it is not known").optional().describe("present only when the byline is known"),
  published: editionDate.describe("this edition's first publication, an ISO 8601 instant"),
  updated: editionDate.describe("this edition's last change, an ISO 8601 instant"),
  tags: z.array(text("a tag")).default([]),
});

/** The front matter as the model holds it: trimmed, dates as ISO instants, tags always a list. */
export type FrontMatter = z.output<typeof frontMatterSchema>;
