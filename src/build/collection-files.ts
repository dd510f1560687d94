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
import { articleDigest } from "./article-json.ts";
import { keepsBetweenBuilds } from "./warm.ts";
import type { ChapterCache } from "./chapter-cache.ts";
import { deflatedBytes, knownDeflated } from "../epub/zip.ts";

/**
 * The articles' assembled documents of the previous build in this process (the dev server's,
 * warm.ts), by the article's model digest, for the same site and card cache: the next build's
 * books that hold an unchanged article take them as they are, and zip.ts deflates each byte
 * array once, so a volume re-made for one changed article costs about that article's documents.
 * At most `keptBytes` are kept.
 */
let kept: { site: string; cacheDir: string; byArticle: Map<string, [string, Uint8Array][]> } | undefined;
const keptBytes = 128 * 1024 * 1024;

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
  /** Where each article's assembled documents are kept between builds (chapter-cache.ts); none by default. */
  chapters?: ChapterCache;
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
  const site = JSON.stringify(corpus.site);
  const earlier = kept?.site === site && kept.cacheDir === String(cacheDir) ? kept.byArticle : undefined;
  const keep = keepsBetweenBuilds() ? new Map<string, [string, Uint8Array][]>() : undefined;
  let keeping = 0;
  // Each article's documents from the previous build in this process, else from the chapter cache; the others are assembled (and stored) as their first book is made.
  const stored = new Set<string>();
  for (const a of new Set(plan.flatMap((c) => c.articles))) {
    const warm = earlier?.get(articleDigest(a));
    if (warm) {
      for (const [path, data] of warm) reuse.set(path, data);
      stored.add(a.slug);
      continue;
    }
    const cold = options.chapters?.get(articleDigest(a));
    if (!cold) continue;
    for (const { path, data, deflated } of cold) {
      knownDeflated(data, deflated);
      reuse.set(path, data);
    }
    stored.add(a.slug);
  }
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
        if (options.chapters && !stored.has(a.slug)) {
          stored.add(a.slug);
          const own = Object.values(collectionFiles(a)).flatMap((file) => {
            const data = reuse.get(`OEBPS/${file}`);
            return data ? [{ path: `OEBPS/${file}`, data, deflated: deflatedBytes(data) }] : [];
          });
          if (own.length > 0) options.chapters.put(articleDigest(a), own);
        }
        const left = uses.get(a.slug)! - 1;
        uses.set(a.slug, left);
        if (left > 0) continue;
        const docs = Object.values(collectionFiles(a)).flatMap((file): [string, Uint8Array][] => (reuse.has(`OEBPS/${file}`) ? [[`OEBPS/${file}`, reuse.get(`OEBPS/${file}`)!]] : []));
        for (const [path] of docs) reuse.delete(path);
        const bytes = docs.reduce((n, [, data]) => n + data.byteLength, 0);
        if (keep && keeping + bytes <= keptBytes) {
          keep.set(articleDigest(a), docs);
          keeping += bytes;
        }
      }
      if (options.each) options.each(collection, epub);
      else files.set(decodeURI(collection.path).slice(1), { type: contentTypes.epub, data: epub });
      progress(`epub collection ${i + 1}/${plan.length} ${collection.path}`);
    }
  } finally {
    if (!options.pool) await pool.close();
  }
  kept = keep ? { site, cacheDir: String(cacheDir), byArticle: keep } : undefined;
  return files;
}
