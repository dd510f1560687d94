/**
 * The build's per-article binary files (build.ts `articleFiles`), keyed by URL path without
 * the leading slash:
 *   articles/<slug>.epub        the EPUB
 *   articles/<slug>/cover.png   its cover, 1600×2400
 *   articles/<slug>/og.png      the page's Open Graph image, 1200×630
 * Node only: resvg is a native module, and epub-gen-memory's templates need `new Function`.
 *
 * The cards are made by a pool of threads (src/cards/pool.ts), one per core, a few articles
 * ahead of the main thread, which assembles each EPUB as soon as its cover arrives. The
 * look-ahead bounds the queue, and with it the memory held by cards not yet used. Rendered
 * cards are kept in a cache (src/cards/cache.ts) unless FOLIO_NO_CACHE=1.
 */
import { availableParallelism } from "node:os";
import type { Corpus } from "../model/document.ts";
import { contentTypes, paths } from "../render/urls.ts";
import { makeEpub } from "../epub/book.ts";
import { cacheDirFromEnv } from "../cards/cache.ts";
import { openCardPool } from "../cards/pool.ts";

export type ArticleFiles = Map<string, { type: string; data: Uint8Array }>;

export interface ArticleFilesOptions {
  /** Folder of the card cache, or false for none; by default node_modules/.cache/folio/cards, none if FOLIO_NO_CACHE=1. */
  cacheDir?: string | false;
  /** Threads that make the cards; os.availableParallelism() by default. */
  threads?: number;
}

/** A promise whose rejection is reported where it is awaited, and nowhere if it never is (a build that failed first). */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

export async function makeArticleFiles(corpus: Corpus, progress: (line: string) => void, options: ArticleFilesOptions = {}): Promise<ArticleFiles> {
  const files: ArticleFiles = new Map();
  const key = (path: string) => path.replace(/^\//, "");
  const { articles } = corpus;
  if (articles.length === 0) return files;
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? cacheDirFromEnv());
  const pool = openCardPool({ threads: Math.min(options.threads ?? availableParallelism(), 2 * articles.length), cacheDir });
  try {
    const cards: { cover: Promise<Uint8Array>; og: Promise<Uint8Array> }[] = [];
    const ahead = 2 * pool.threads; // articles whose cards are queued or being made beyond the current one
    for (const [i, article] of articles.entries()) {
      while (cards.length < Math.min(i + 1 + ahead, articles.length)) {
        const next = articles[cards.length]!;
        const text = { title: next.title, source: next.source.publisher, site: corpus.site.title };
        cards.push({ cover: awaitedLater(pool.render(next.slug, "cover", text)), og: awaitedLater(pool.render(next.slug, "og", text)) });
      }
      const cover = await cards[i]!.cover;
      const epub = await makeEpub(corpus.site, article, cover);
      files.set(key(paths.epub(article.slug)), { type: contentTypes.epub, data: epub });
      files.set(key(paths.cover(article.slug)), { type: contentTypes.png, data: cover });
      files.set(key(paths.ogImage(article.slug)), { type: contentTypes.png, data: await cards[i]!.og });
      progress(`epub ${i + 1}/${articles.length} ${article.slug}`);
    }
  } finally {
    await pool.close();
  }
  return files;
}
