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
 * The bound. An article's estimate is the UTF-8 size of its two content documents as rendered
 * here, plus a tenth for epub-gen-memory's re-serialization, plus the bytes of the figure images
 * it embeds (stored as they are, with their ZIP headers and manifest lines), plus what it adds to the ZIP
 * headers, the package and the navigation documents (`perArticle`). That is more than the
 * bytes it adds to the compressed file: DEFLATE never grows data by more than a few bytes per
 * 16 KiB block, and compresses text to about a third. A volume's estimate stays within
 * `volumeBudget` (24 MiB), leaving 1 MiB for the cover (about 50 KB) and the book-wide files,
 * so every file stays under 25 MiB; book.ts checks the real size and stops the build if not.
 * A single article over the budget gets a volume to itself, and that check names it.
 *
 * Pure: no I/O, the same plan for the same corpus. Node and the worker may both import it.
 */
import { articleBody } from "../epub/article-text.ts";
import { endnotesBody } from "../epub/endnotes.ts";
import { bookImages } from "../epub/figures.ts";
import type { Article, ArticleMeta, Corpus, Site } from "../model/document.ts";
import { newestFirst } from "../model/order.ts";
import { tagsOf } from "../model/tags.ts";
import { humanDate } from "../render/dates.ts";

export type CollectionKind = "tag" | "month";

/** What lists of collections need (the catalog, OPDS, links): everything but the articles. */
export interface CollectionInfo {
  /** URL path, percent-encoded as in a link: "/collections/tags/china.epub", "/collections/months/2025-02.2.epub". */
  path: string;
  kind: CollectionKind;
  /** The tag's slug, or "YYYY-MM". */
  key: string;
  /** The tag as written, or the month in words ("February 2025"). */
  name: string;
  /** The book's title: "China — articles tagged China, 2025", "February 2025", with ", volume 2 of 3" when cut. */
  title: string;
  /** 1-based; `volumes` is how many the collection has. */
  volume: number;
  volumes: number;
  /** How many articles this volume holds. */
  count: number;
  /** The newest `updated` instant among them: the book's dcterms:modified and ZIP timestamp. */
  updated: string;
  /** The EPUB's size in bytes, once the build has made it (absent from a plan alone): lists show and link only the books that exist. */
  bytes?: number;
}

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

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s).byteLength;

/** ZIP headers, frames and the article's lines in the package and navigation documents: 4 KiB, and its file names and title a dozen times. */
function perArticle(article: Article): number {
  return 4096 + 16 * utf8(article.slug) + 6 * utf8(article.title);
}

/** The size of an embedded image's bytes, by its URL path (the build's: src/build/figures.ts `figureBytes`). */
export type ImageBytes = (path: string) => number;

/**
 * An upper bound on the bytes an article adds to a collection's file (see the top of this file):
 * its text, and its figures' images as embedded (stored whole, each with a ZIP entry and a manifest line).
 */
export function estimatedBytes(site: Site, article: Article, imageBytes: ImageBytes): number {
  const files = collectionFiles(article);
  const content = utf8(articleBody(site, article, files.notes)) + (article.annotations.length > 0 ? utf8(endnotesBody(article, files.text)) : 0);
  const images = bookImages(article).reduce((sum, i) => sum + imageBytes(i.path) + 512 + 3 * utf8(i.href), 0);
  return Math.ceil(content * 1.1) + perArticle(article) + images;
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

export interface PlanOptions {
  /** A volume's budget in estimated bytes; `volumeBudget` unless a test wants volumes of the fixtures. */
  budget?: number;
  /**
   * The size of each figure image the books embed. The build passes the bytes it made; without
   * them (a catalog made from a corpus alone) images count as empty, so only the build's plan
   * holds the 25 MiB bound for articles with figures.
   */
  imageBytes?: ImageBytes;
}

/**
 * Every collection of the corpus, volume by volume: tags first (by slug), then months (oldest
 * first). Each article is estimated once, however many collections hold it.
 */
export function collectionsOf(corpus: Corpus, options: PlanOptions = {}): Collection[] {
  const budget = options.budget ?? volumeBudget;
  const imageBytes = options.imageBytes ?? (() => 0);
  const sizes = new Map<string, number>();
  const size = (a: Article) => {
    let s = sizes.get(a.slug);
    if (s === undefined) sizes.set(a.slug, (s = estimatedBytes(corpus.site, a, imageBytes)));
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
    const volumes = splitVolumes(g.articles, size, budget);
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

/** The plan without the articles, for the catalog. */
export function collectionInfo({ articles: _articles, ...info }: Collection): CollectionInfo {
  return info;
}
