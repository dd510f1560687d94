/**
 * How big each article makes a collection's EPUB, for the plan's volumes (src/collections/plan.ts
 * cuts each collection into volumes that stay under the 25 MiB asset limit): an upper bound
 * worked out from the book's own rendering of the article. Pure, but it renders as the EPUB
 * does, so it sits with the EPUB code; it does not load the EPUB writer (src/epub/collection-book.ts).
 */
import { collectionFiles, planCollections, volumeBudget, type Collection } from "../collections/plan.ts";
import type { Article, Corpus, Site } from "../model/document.ts";
import { articleBody } from "./article-text.ts";
import { endnotesBody } from "./endnotes.ts";
import { bookImages } from "./figures.ts";

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s).byteLength;

/** ZIP headers, frames and the article's lines in the package and navigation documents: 4 KiB, and its file names and title a dozen times. */
function perArticle(article: Article): number {
  return 4096 + 16 * utf8(article.slug) + 6 * utf8(article.title);
}

/** The size of an embedded image's bytes, by its URL path (the figures step's: src/epub/figures.ts `figureBytes`). */
export type ImageBytes = (path: string) => number;

/**
 * An upper bound on the bytes an article adds to a collection's file: the UTF-8 size of its two
 * content documents as rendered here, plus a tenth for epub-gen-memory's re-serialization, plus
 * the bytes of the figure images it embeds (stored as they are, each with its ZIP entry and
 * manifest line), plus what it adds to the ZIP headers, the package and the navigation
 * documents (`perArticle`). That is more than the bytes it adds to the compressed file: DEFLATE
 * never grows data by more than a few bytes per 16 KiB block, and compresses text to about a third.
 */
export function estimatedBytes(site: Site, article: Article, imageBytes: ImageBytes): number {
  const files = collectionFiles(article);
  const content = utf8(articleBody(site, article, files.notes)) + (article.annotations.length > 0 ? utf8(endnotesBody(article, files.text)) : 0);
  const images = bookImages(article).reduce((sum, i) => sum + imageBytes(i.path) + 512 + 3 * utf8(i.href), 0);
  return Math.ceil(content * 1.1) + perArticle(article) + images;
}

export interface PlanOptions {
  /** A volume's budget in estimated bytes; `volumeBudget` unless a test wants volumes of the fixtures. */
  budget?: number;
  /**
   * The size of each figure image the books embed. The build passes the bytes it made; without
   * them images count as empty, so only the build's plan holds the 25 MiB bound for articles
   * with figures.
   */
  imageBytes?: ImageBytes;
}

/** The plan of the collections (src/collections/plan.ts), each article sized by `estimatedBytes`. */
export function collectionsOf(corpus: Corpus, options: PlanOptions = {}): Collection[] {
  const imageBytes = options.imageBytes ?? (() => 0);
  return planCollections(corpus, (a) => estimatedBytes(corpus.site, a, imageBytes), options.budget ?? volumeBudget);
}
