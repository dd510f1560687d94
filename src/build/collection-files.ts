/**
 * The build's collection files: each volume of the plan (src/collections/plan.ts) as an EPUB, keyed by its
 * URL path decoded and without the leading slash (as the static asset is named), e.g.
 *   collections/tags/china.epub, collections/tags/china.2.epub, collections/months/2026-11.epub
 * Node only, like the article files: the covers are drawn by the card threads (with their
 * cache), and epub-gen-memory needs `new Function`.
 */
import { availableParallelism } from "node:os";
import type { Corpus } from "../model/document.ts";
import { contentTypes } from "../render/urls.ts";
import { cacheDirFromEnv } from "./cache-dir.ts";
import { openCardPool, type CardPool } from "../cards/pool.ts";
import type { CardText } from "../cards/draw.ts";
import { makeCollectionEpub, type AssembledArticles } from "../epub/collection-book.ts";
import { collectionFiles, type Collection } from "../collections/plan.ts";

export type CollectionFiles = Map<string, { type: string; data: Uint8Array }>;

/** What the cover says: the title without the volume, and the count and volume where the card puts the original's publisher. */
export function collectionCardText(site: Corpus["site"], collection: Collection): CardText {
  const title = collection.volumes > 1 ? collection.title.slice(0, collection.title.lastIndexOf(", volume ")) : collection.title;
  const count = collection.count === 1 ? "One article" : `${collection.count} articles`;
  return { title, source: collection.volumes > 1 ? `${count}, volume ${collection.volume} of ${collection.volumes}` : count, site: site.title };
}

export interface CollectionFilesOptions {
  /** Folder of the card cache, or false for none; by default as for the article files. */
  cacheDir?: string | false;
  /** Threads that draw the covers; os.availableParallelism() by default. */
  threads?: number;
  /** The card threads to draw the covers in (the build's, shared with the article files), left open; by default a pool of its own. */
  pool?: CardPool;
  /** Takes each volume's EPUB as soon as it is made (the file cache stores it): the result then holds none of them. */
  each?: (collection: Collection, epub: Uint8Array) => void;
}

export async function makeCollectionFiles(corpus: Corpus, plan: readonly Collection[], progress: (line: string) => void, options: CollectionFilesOptions = {}): Promise<CollectionFiles> {
  const files: CollectionFiles = new Map();
  if (plan.length === 0) return files;
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? cacheDirFromEnv("cards"));
  // Each article's documents are assembled once and kept until the last book that holds them is made.
  const reuse: AssembledArticles = new Map();
  const uses = new Map<string, number>();
  for (const c of plan) for (const a of c.articles) uses.set(a.slug, (uses.get(a.slug) ?? 0) + 1);
  const pool = options.pool ?? openCardPool({ threads: Math.min(options.threads ?? availableParallelism(), plan.length), cacheDir });
  try {
    // Covers are drawn a few books ahead of the one being assembled, which bounds the PNGs held.
    const covers: Promise<Uint8Array>[] = [];
    const ahead = 2 * pool.threads;
    for (const [i, collection] of plan.entries()) {
      while (covers.length < Math.min(i + 1 + ahead, plan.length)) {
        const next = plan[covers.length]!;
        // First: the shared threads may have many articles' cards waiting, drawn ahead of their use.
        const cover = pool.render(next.path, "cover", collectionCardText(corpus.site, next), { first: true });
        cover.catch(() => {}); // reported where awaited, or nowhere if an earlier book failed
        covers.push(cover);
      }
      const epub = await makeCollectionEpub(corpus.site, collection, await covers[i]!, reuse);
      for (const a of collection.articles) {
        const left = uses.get(a.slug)! - 1;
        uses.set(a.slug, left);
        if (left === 0) for (const file of Object.values(collectionFiles(a))) reuse.delete(`OEBPS/${file}`);
      }
      if (options.each) options.each(collection, epub);
      else files.set(decodeURI(collection.path).slice(1), { type: contentTypes.epub, data: epub });
      progress(`epub collection ${i + 1}/${plan.length} ${collection.path}`);
    }
  } finally {
    if (!options.pool) await pool.close();
  }
  return files;
}
