/**
 * The plan of the collections: one EPUB per tag and one per month of publication (the month of
 * each edition's `published` instant, in UTC), each holding its articles oldest first.
 *
 *   /collections/tags/<tag-slug>.epub       /collections/months/<YYYY-MM>.epub
 *   /collections/tags/<tag-slug>.2.epub     /collections/months/<YYYY-MM>.2.epub   (volume 2, …)
 *
 * Volumes. A static asset may be at most 25 MiB. A collection whose estimate (below) is over
 * `volumeBudget` is cut into volumes in date order: volume 1 takes the oldest articles while they
 * fit, volume 2 the next, and so on. Publishing newer articles therefore changes only the last
 * volume, and every volume keeps its URL. Volume 1 has the collection's plain URL; the others add
 * ".<n>" before ".epub" (a dot, which no tag slug and no month contains, so no two URLs meet).
 *
 * The bound. Each article's size is an upper bound on the bytes it adds to the book, worked out
 * from the book's own rendering of it (src/epub/collection-size.ts `estimatedBytes`, which
 * `collectionsOf` there passes to `planCollections`). A volume's estimate stays within
 * `volumeBudget` (24 MiB), leaving 1 MiB for the cover (about 50 KB) and the book-wide files,
 * so every file stays under 25 MiB; the book's maker checks the real size and stops the build
 * if not. A single article over the budget gets a volume to itself, and that check names it.
 *
 * Pure: no I/O, the same plan for the same corpus and sizes. Node and the worker may both import it.
 */
import type { Article, ArticleMeta, CollectionInfo, CollectionKind, Corpus } from "../model/document.ts";
import { newestFirst } from "../model/order.ts";
import { tagsOf } from "../model/tags.ts";
import { humanDate } from "../render/dates.ts";

// The list's view of a volume is the model's (src/model/document.ts, src/model/catalog.ts).
export type { CollectionInfo, CollectionKind } from "../model/document.ts";
export { collectionInfo } from "../model/catalog.ts";

export interface Collection<A = Article> extends CollectionInfo {
  /** Oldest first (the reverse of the site's newest-first order). */
  articles: A[];
}

export const assetLimit = 25 * 1024 * 1024;
/** What a volume's articles may add up to: the asset limit less 1 MiB for the cover, package, navigation and style. */
export const volumeBudget = assetLimit - 1024 * 1024;

/** The folder of each kind under /collections/. */
const folders: Record<CollectionKind, string> = { tag: "tags", month: "months" };

/** The URL path of a volume (percent-encoded: a tag slug may hold letters of any script). */
export function collectionPath(kind: CollectionKind, key: string, volume = 1): string {
  return `/collections/${folders[kind]}/${encodeURIComponent(key)}${volume > 1 ? `.${volume}` : ""}.epub`;
}

/** The month of an edition: "2026-11-28T00:00:00.000Z" → "2026-11". */
export function monthOf(article: Pick<ArticleMeta, "published">): string {
  return new Date(article.published).toISOString().slice(0, 7);
}

/** The two content documents of an article inside a collection's book (slugs are [a-z0-9-], so these are valid file names and ids). */
export function collectionFiles(article: Pick<ArticleMeta, "slug">): { text: string; notes: string } {
  return { text: `article-${article.slug}.xhtml`, notes: `notes-${article.slug}.xhtml` };
}

/** Consecutive runs of `articles` whose estimates each add up to at most `budget` (an article over it alone). */
export function splitVolumes<A>(articles: readonly A[], size: (a: A) => number, budget: number): A[][] {
  const volumes: A[][] = [];
  let current: A[] = [];
  let used = 0;
  for (const a of articles) {
    const s = size(a);
    if (current.length > 0 && used + s > budget) {
      volumes.push(current);
      current = [];
      used = 0;
    }
    current.push(a);
    used += s;
  }
  if (current.length > 0) volumes.push(current);
  return volumes;
}

/** "2025", or "2024–2026": the years of publication of some articles. */
function years(articles: readonly Pick<ArticleMeta, "published">[]): string {
  const ys = articles.map((a) => new Date(a.published).getUTCFullYear());
  const [first, last] = [Math.min(...ys), Math.max(...ys)];
  return first === last ? `${first}` : `${first}–${last}`;
}

function newest(articles: readonly Pick<ArticleMeta, "updated">[]): string {
  return articles.reduce((best, a) => (Date.parse(a.updated) > Date.parse(best) ? a.updated : best), articles[0]!.updated);
}

/**
 * Every collection of the corpus, volume by volume: tags first (by slug), then months (oldest
 * first). `size` is an article's estimated bytes in a book (asked once per article, however many
 * collections hold it); `budget` what a volume's sizes may add up to.
 */
export function planCollections(corpus: Corpus, size: (article: Article) => number, budget = volumeBudget): Collection[] {
  const sizes = new Map<string, number>();
  const sizeOf = (a: Article) => {
    let s = sizes.get(a.slug);
    if (s === undefined) sizes.set(a.slug, (s = size(a)));
    return s;
  };
  const oldestFirst = [...corpus.articles].sort((a, b) => newestFirst(b, a));
  const byMonth = new Map<string, Article[]>();
  for (const a of oldestFirst) {
    const month = monthOf(a);
    const list = byMonth.get(month);
    if (list) list.push(a);
    else byMonth.set(month, [a]);
  }
  const groups = [
    ...tagsOf(oldestFirst).map((t) => ({ kind: "tag" as const, key: t.slug, name: t.name, articles: t.articles })),
    ...[...byMonth].map(([month, articles]) => ({ kind: "month" as const, key: month, name: humanDate(month), articles })),
  ];
  return groups.flatMap((g) => {
    const volumes = splitVolumes(g.articles, sizeOf, budget);
    return volumes.map((articles, i): Collection => {
      const base = g.kind === "tag" ? `${g.name} — articles tagged ${g.name}, ${years(articles)}` : g.name;
      return {
        path: collectionPath(g.kind, g.key, i + 1),
        kind: g.kind,
        key: g.key,
        name: g.name,
        title: volumes.length > 1 ? `${base}, volume ${i + 1} of ${volumes.length}` : base,
        volume: i + 1,
        volumes: volumes.length,
        count: articles.length,
        updated: newest(articles),
        articles,
      };
    });
  });
}
