/**
 * Tags: stable URL slugs, the articles under each tag, and the build error for two tags that
 * would share one URL. The slug depends only on the tag's own text, so it never changes when
 * other tags or articles are added.
 */
import type { ContentProblem } from "./problem.ts";
import type { ArticleMeta } from "./document.ts";

/**
 * "Côte d’Ivoire" → "cote-d-ivoire", "Kraków" → "krakow", "Россия" → "россия", "中国" → "中国".
 * Compatibility-decomposed (NFKD: "ﬁ" → "fi", full-width → ASCII), lowercased, Latin/Greek/
 * Cyrillic diacritics dropped, recomposed (NFC), and every run of anything but letters, marks
 * and digits made one hyphen, none at the ends. Letters of any script stay: the URL carries them
 * percent-encoded (`tagPath`). Empty when the tag has no letter or digit at all.
 */
export function tagSlug(tag: string): string {
  return tag
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
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
}

/**
 * Problems with tags, in the house format: a tag with no letter or digit (it has no slug), and
 * two spellings that make the same slug (each later spelling is reported naming the first,
 * where it was written). The same spelling used by many articles is no problem.
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
    else if (first.tag !== o.tag && !reported.has(`${slug}\u0000${o.tag}`)) {
      reported.add(`${slug}\u0000${o.tag}`);
      const where = first.line ? `${first.file}:${first.line}` : first.file;
      problems.push({
        ...at,
        message: `the tag ${JSON.stringify(o.tag)} and the tag ${JSON.stringify(first.tag)} (${where} ${first.field}) both make the URL /tags/${slug}: spell them the same way, or make them differ in letters or digits`,
      });
    }
  }
  return problems;
}

/** Each article's tags as occurrences; `fileOf` names an article's file (e.g. its article.md). */
export function tagOccurrences(articles: readonly Pick<ArticleMeta, "slug" | "tags">[], fileOf: (slug: string) => string): TagOccurrence[] {
  return articles.flatMap((a) => a.tags.map((tag, i) => ({ tag, file: fileOf(a.slug), field: `tags[${i}]` })));
}

export interface Tag<A> {
  slug: string;
  /** The tag as written (every article spells it the same way, or the build stopped). */
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
