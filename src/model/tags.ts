/**
 * Tags: stable URL slugs, the articles under each tag, one tag for spellings that differ only in
 * case or diacritics (shown one way: `tagNames`), and the build error for two tags that would
 * share one URL. The slug depends only on the tag's own text, so it never changes when other
 * tags or articles are added.
 */
import type { ContentProblem } from "./problem.ts";
import type { ArticleMeta } from "./document.ts";

/**
 * What makes two spellings one tag: compatibility-decomposed, lowercased, Latin/Greek/Cyrillic
 * diacritics dropped, recomposed ("Diplomacy", "diplomacy" and "DIPLOMACY" are one; "Kraków"
 * and "Krakow" are one). Punctuation and spaces count: "C++" and "C" are not one tag, though
 * their slugs are the same.
 */
export function tagKey(tag: string): string {
  return tag.normalize("NFKD").toLowerCase().replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

/**
 * "Côte d’Ivoire" → "cote-d-ivoire", "Kraków" → "krakow", "Россия" → "россия", "中国" → "中国".
 * Compatibility-decomposed (NFKD: "ﬁ" → "fi", full-width → ASCII), lowercased, Latin/Greek/
 * Cyrillic diacritics dropped, recomposed (NFC), and every run of anything but letters, marks
 * and digits made one hyphen, none at the ends. Letters of any script stay: the URL carries them
 * percent-encoded (`tagPath`). Empty when the tag has no letter or digit at all.
 */
export function tagSlug(tag: string): string {
  return tagKey(tag)
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** `/tags/<slug>`, the slug percent-encoded (ASCII slugs are unchanged). */
export function tagPath(tag: string): string {
  return `/tags/${encodeURIComponent(tagSlug(tag))}`;
}

/** Where a tag is written, for error messages. */
export interface TagOccurrence {
  tag: string;
  file: string;
  line?: number;
  /** e.g. "tags[1]" */
  field: string;
  /** The publication date of the article it tags (ISO): the newest article's spelling wins a tie. */
  published?: string;
}

/**
 * Problems with tags, in the house format: a tag with no letter or digit (it has no slug), and
 * two spellings that make the same slug but differ in more than case and diacritics ("C++" and
 * "C": each later spelling is reported naming the first, where it was written). Spellings that
 * differ only in case or diacritics are one tag (`tagNames`); so is the same spelling used by
 * many articles.
 */
export function tagProblems(occurrences: readonly TagOccurrence[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const firstBySlug = new Map<string, TagOccurrence>();
  const reported = new Set<string>();
  for (const o of occurrences) {
    const at = { file: o.file, ...(o.line !== undefined ? { line: o.line } : {}), field: o.field };
    const slug = tagSlug(o.tag);
    if (!slug) {
      problems.push({ ...at, message: `the tag ${JSON.stringify(o.tag)} has no letter or digit, so it has no URL: use a word` });
      continue;
    }
    const first = firstBySlug.get(slug);
    if (!first) firstBySlug.set(slug, o);
    else if (tagKey(first.tag) !== tagKey(o.tag) && !reported.has(`${slug}\u0000${tagKey(o.tag)}`)) {
      reported.add(`${slug}\u0000${tagKey(o.tag)}`);
      const where = first.line ? `${first.file}:${first.line}` : first.file;
      problems.push({
        ...at,
        message: `the tag ${JSON.stringify(o.tag)} and the tag ${JSON.stringify(first.tag)} (${where} ${first.field}) both make the URL /tags/${slug}: spell them the same way, or make them differ in letters or digits`,
      });
    }
  }
  return problems;
}

export interface TagNames {
  /** The spelling each tag is shown with, by slug (only tags written more than one way, or named by the site). */
  bySlug: Map<string, string>;
  /** A notice per tag written more than one way, and a problem per display spelling that does not fit its tag. */
  problems: ContentProblem[];
}

/**
 * How each tag is shown when its articles spell it more than one way (in case or diacritics):
 * as `named` says (content/site.yaml's `tags:` map, from any spelling of a tag to the one to
 * show), else as most articles spell it, a tie going to the newest article's spelling. Each
 * such tag gets a notice listing its spellings and where each is used; a display spelling that
 * is not a spelling of its tag (another slug, or other letters) is a problem of `namedAt`.
 */
export function tagNames(occurrences: readonly TagOccurrence[], named: Readonly<Record<string, string>> = {}, namedAt: { file: string; line?: (key: string) => number | undefined } = { file: "site.yaml" }): TagNames {
  const problems: ContentProblem[] = [];
  const bySlug = new Map<string, string>();
  const chosen = new Map<string, string>();
  for (const [key, name] of Object.entries(named)) {
    const line = namedAt.line?.(key);
    const at = { file: namedAt.file, ...(line !== undefined ? { line } : {}), field: `tags.${key}` };
    if (tagKey(key) !== tagKey(name)) problems.push({ ...at, message: `shows the tag ${JSON.stringify(key)} as ${JSON.stringify(name)}, which is not a spelling of it: the two may differ only in case and diacritics` });
    else chosen.set(tagSlug(key), name);
  }
  // Spellings of each tag: the articles (files) using each, and the newest of them.
  const spellings = new Map<string, Map<string, { where: TagOccurrence[]; files: Set<string>; newest: string }>>();
  for (const o of occurrences) {
    const slug = tagSlug(o.tag);
    if (!slug) continue;
    let forms = spellings.get(slug);
    if (!forms) spellings.set(slug, (forms = new Map()));
    let form = forms.get(o.tag);
    if (!form) forms.set(o.tag, (form = { where: [], files: new Set(), newest: "" }));
    form.where.push(o);
    form.files.add(o.file);
    if ((o.published ?? "") > form.newest) form.newest = o.published ?? "";
  }
  for (const [slug, forms] of spellings) {
    const own = chosen.get(slug);
    if (own !== undefined) bySlug.set(slug, own);
    if (forms.size < 2) continue;
    // Only spellings of one tag (tagProblems reports other letters making the same slug).
    if (new Set([...forms.keys()].map(tagKey)).size > 1) continue;
    const ranked = [...forms].sort(([, x], [, y]) => y.files.size - x.files.size || (y.newest > x.newest ? 1 : y.newest < x.newest ? -1 : 0));
    const shown = own ?? ranked[0]![0];
    bySlug.set(slug, shown);
    const list = ranked.map(([form, { where, files }]) => `${JSON.stringify(form)} (${files.size} article${files.size === 1 ? "" : "s"}: ${where.map((o) => `${o.line ? `${o.file}:${o.line}` : o.file} ${o.field}`).join(", ")})`).join("; ");
    const tie = ranked[0]![1].files.size === ranked[1]![1].files.size;
    const why = own !== undefined ? "as site.yaml's tags: map names it" : `${tie ? "the newest article's spelling, as many articles use each" : "the spelling most articles use"}; site.yaml's tags: map can name another`;
    const first = ranked[0]![1].where[0]!;
    problems.push({ file: first.file, ...(first.line !== undefined ? { line: first.line } : {}), field: first.field, severity: "notice", message: `the tag /tags/${slug} is written ${forms.size} ways, one tag shown as ${JSON.stringify(shown)} (${why}): ${list}` });
  }
  return { bySlug, problems };
}

/** `tags` as shown: each in its tag's display spelling (`tagNames`), each tag once, in the order written. */
export function showTags(tags: readonly string[], bySlug: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tags) {
    const slug = tagSlug(t);
    const key = slug ? tagKey(bySlug.get(slug) ?? t) : t;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(slug ? (bySlug.get(slug) ?? t) : t);
  }
  return out;
}

/** Each article's tags as occurrences; `fileOf` names an article's file (e.g. its article.md). */
export function tagOccurrences(articles: readonly Pick<ArticleMeta, "slug" | "tags">[], fileOf: (slug: string) => string): TagOccurrence[] {
  return articles.flatMap((a) => a.tags.map((tag, i) => ({ tag, file: fileOf(a.slug), field: `tags[${i}]` })));
}

export interface Tag<A> {
  slug: string;
  /** The tag as shown (the build gives every article one spelling of it: `tagNames`, `showTags`). */
  name: string;
  /** Its articles, in the order given (newest first when given newest first). */
  articles: A[];
}

/**
 * Every tag with its articles, keeping the order of `articles` within each tag; tags sorted by
 * slug (code point order, so the order is the same on every machine). Tags without a slug are
 * left out (`tagProblems` reports them).
 */
export function tagsOf<A extends Pick<ArticleMeta, "tags">>(articles: readonly A[]): Tag<A>[] {
  const bySlug = new Map<string, Tag<A>>();
  // Each spelling is slugged once: 10,000 articles repeat a few hundred tags.
  const slugs = new Map<string, string>();
  for (const a of articles) {
    for (const name of new Set(a.tags)) {
      let slug = slugs.get(name);
      if (slug === undefined) slugs.set(name, (slug = tagSlug(name)));
      if (!slug) continue;
      let tag = bySlug.get(slug);
      if (!tag) bySlug.set(slug, (tag = { slug, name, articles: [] }));
      if (tag.articles.at(-1) !== a) tag.articles.push(a);
    }
  }
  return [...bySlug.values()].sort((x, y) => (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
}
