/**
 * The images a book embeds: the widest variant of each figure (src/build/figures.ts made
 * them), as `images/<variant's file name>` in the book, listed in the package document.
 */
import type { Article } from "../model/document.ts";
import { mayHoldFigures } from "../model/figure-free.ts";

export interface BookImage {
  /** The variant's URL path on the site: what the article's `<img src>` says before book.ts rewrites it. */
  path: string;
  /** Where it is in the book, relative to the content documents. */
  href: string;
  id: string;
  mediaType: string;
}

/** The bytes of every figure variant of the last build, by URL path: the figures step (src/build/figures.ts) keeps them here for the books. */
let bytesByPath = new Map<string, Uint8Array>();

/** A variant's bytes, by the URL path the model gives it; undefined if the build made none there. */
export function figureBytes(path: string): Uint8Array | undefined {
  return bytesByPath.get(path);
}

/** The figures step's bytes, replacing the last build's. */
export function keepFigureBytes(bytes: Map<string, Uint8Array>): void {
  bytesByPath = bytes;
}

export function bookImages(article: Pick<Article, "blocks">): BookImage[] {
  const images: BookImage[] = [];
  if (!mayHoldFigures(article)) return images; // without reading the body of an article known to have none
  for (const b of article.blocks) {
    if (b.type !== "figure" || b.variants.length === 0) continue;
    const path = b.variants[b.variants.length - 1]!.path;
    images.push({ path, href: `images/${path.slice(path.lastIndexOf("/") + 1)}`, id: `figure-${images.length + 1}`, mediaType: b.mediaType });
  }
  return images;
}

/** One image per href: a collection may hold the same image under several articles' paths (its name carries its bytes' hash). */
export function uniqueHrefs(images: readonly BookImage[]): BookImage[] {
  const seen = new Set<string>();
  return images.filter((i) => !seen.has(i.href) && seen.add(i.href));
}
