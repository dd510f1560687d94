/**
 * The one order of articles: newest first. Later `published` first; articles published at the
 * same instant by slug, in code-unit order (never `localeCompare`, whose order depends on the
 * runtime's locale data). The index page, the feeds, OPDS, the sitemap and the corpus all use it,
 * so ties come out the same way everywhere.
 */
import type { ArticleMeta } from "./document.ts";

type Dated = Pick<ArticleMeta, "slug" | "published">;

/** Comparator for `Array.prototype.sort`: negative when `a` comes before `b`. */
export function newestFirst(a: Dated, b: Dated): number {
  return Date.parse(b.published) - Date.parse(a.published) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

/** A sorted copy, newest first; the input is left as it is. */
export function sortNewestFirst<T extends Dated>(articles: readonly T[]): T[] {
  // The order of `newestFirst`, with each date parsed once rather than twice per comparison
  // (10,000 articles: 10,000 parses instead of about 260,000).
  const keyed = articles.map((a) => ({ a, t: Date.parse(a.published) }));
  keyed.sort((x, y) => y.t - x.t || (x.a.slug < y.a.slug ? -1 : x.a.slug > y.a.slug ? 1 : 0));
  return keyed.map((k) => k.a);
}

/**
 * When a list of articles last changed: the latest `published` or `updated` instant, as written;
 * undefined for an empty list. Derived from content, never from the clock.
 */
export function lastChanged(articles: readonly Pick<ArticleMeta, "published" | "updated">[]): string | undefined {
  let best: string | undefined;
  let bestTime = -Infinity;
  for (const a of articles)
    for (const iso of [a.published, a.updated]) {
      const t = Date.parse(iso);
      if (t > bestTime) [best, bestTime] = [iso, t];
    }
  return best;
}
