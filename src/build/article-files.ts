/**
 * The build's per-article binary files (build.ts `articleFiles`), keyed by URL path without
 * the leading slash:
 *   articles/<slug>.epub        the EPUB
 *   articles/<slug>/cover.png   its cover, 1600×2400
 *   articles/<slug>/og.png      the page's Open Graph image, 1200×630
 * Node only: resvg is a native module, and epub-gen-memory's templates need `new Function`.
 *
 * The cards are made by a pool of threads (src/cards/pool.ts), one per core (the build's pool,
 * shared with the collection covers, build.ts), up to CARDS_AHEAD articles ahead of the main
 * thread, which assembles each EPUB as soon as its cover arrives.
 * They start before the EPUBs do (`startArticleFiles`): the build runs its other steps on the
 * main thread (the collections, the search index) while the card threads draw, and only then
 * makes the EPUBs (`finish`): the main thread has work while the cards are drawn. The
 * look-ahead bounds the memory held by cards not yet used. Rendered cards are kept in a cache
 * (src/cards/cache.ts) unless FOLIO_NO_CACHE=1.
 *
 * The build's step is `startArticleFilesStep` … `finish`: it takes each article's files from the
 * file cache (file-cache.ts) when the code, the site and the article's model are the ones they
 * were made from, and makes only the others (`startArticleFiles`), storing each article's there as
 * soon as its EPUB is made, so that the step holds their records and not their bytes.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { strongEtag } from "../model/etag.ts";
import type { Article, Corpus } from "../model/document.ts";
import { contentTypes, paths } from "../render/urls.ts";
import { makeEpub } from "../epub/book.ts";
import { openCardPool, type CardPool, type HeldCard } from "../cards/pool.ts";
import { cacheDirFromEnv } from "./cache-dir.ts";
import { articleKey, fileCacheDirFromEnv, openFileCache, ownCodeHash, siteJson, type CachedFile, type FileToCache } from "./file-cache.ts";

export type ArticleFiles = Map<string, { type: string; data: Uint8Array }>;

export interface ArticleFilesOptions {
  /** Folder of the card cache, or false for none; by default .cache/folio/cards (cache-dir.ts), none if FOLIO_NO_CACHE=1. */
  cacheDir?: string | false;
  /** Threads that make the cards; os.availableParallelism() by default. */
  threads?: number;
  /** The card threads to use (the build's, shared with the collection covers), left open; by default a pool of its own, closed by `finish`. */
  pool?: CardPool;
  /**
   * Takes each article's files as soon as its EPUB is made (the file cache stores them), so that
   * they are not all held until the last one: `finish` then returns none of them.
   */
  each?: (article: Article, files: FileToCache[]) => void;
}

/** A promise whose rejection is reported where it is awaited, and nowhere if it never is (a build that failed first). */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** Article files being made: the cards render in the background; `finish` makes the EPUBs as covers arrive. */
export interface ArticleFilesInProgress<T> {
  finish(): Promise<T>;
  /** Stops the card threads (a build that failed before `finish`); `finish` closes them itself. */
  close(): Promise<void>;
}

/**
 * Articles whose cards may be queued or made ahead of the EPUB being assembled: enough for the
 * card threads to keep working while the build runs other steps before `finish` (the
 * collections, the search index), few enough to bound the PNGs held (about 110 KB an article;
 * with a card cache, the cards drawn ahead are held in its files, not in memory: pool.ts `renderHeld`).
 */
const CARDS_AHEAD = 4096;

/** Starts the cards of every article in the card threads; `finish` makes each EPUB as its cover arrives. */
export function startArticleFiles(corpus: Corpus, progress: (line: string) => void, options: ArticleFilesOptions = {}): ArticleFilesInProgress<ArticleFiles> {
  const files: ArticleFiles = new Map();
  const { articles } = corpus;
  if (articles.length === 0) return { finish: async () => files, close: async () => {} };
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? cacheDirFromEnv("cards"));
  const own = options.pool === undefined;
  const pool = options.pool ?? openCardPool({ threads: Math.min(options.threads ?? availableParallelism(), 2 * articles.length), cacheDir });
  const closeOwn = async () => {
    if (own) await pool.close();
  };
  // An article's cards, until its EPUB is made (then its PNGs are handed on and the entry is let go).
  const cards: ({ cover: Promise<HeldCard>; og: Promise<HeldCard> } | undefined)[] = [];
  const queueUpTo = (n: number) => {
    while (cards.length < Math.min(n, articles.length)) {
      const next = articles[cards.length]!;
      const text = { title: next.title, source: next.source.publisher, site: corpus.site.title };
      cards.push({ cover: awaitedLater(pool.renderHeld(next.slug, "cover", text)), og: awaitedLater(pool.renderHeld(next.slug, "og", text)) });
    }
  };
  queueUpTo(CARDS_AHEAD);
  return {
    async finish() {
      try {
        for (const [i, article] of articles.entries()) {
          queueUpTo(i + 1 + CARDS_AHEAD);
          const held = cards[i]!;
          cards[i] = undefined;
          const cover = (await held.cover).read();
          const epub = await makeEpub(corpus.site, article, cover);
          const og = (await held.og).read();
          const [epubPath, coverPath, ogPath] = ownPaths(article.slug) as [string, string, string];
          const made = [
            { path: epubPath, type: contentTypes.epub, data: epub },
            { path: coverPath, type: contentTypes.png, data: cover },
            { path: ogPath, type: contentTypes.png, data: og },
          ];
          if (options.each) options.each(article, made.map((f) => ({ ...f, etag: etagOf(f.data) })));
          else for (const { path, type, data } of made) files.set(path, { type, data });
          progress(`epub ${i + 1}/${articles.length} ${article.slug}`);
        }
      } finally {
        await closeOwn();
      }
      return files;
    },
    close: closeOwn,
  };
}

export function makeArticleFiles(corpus: Corpus, progress: (line: string) => void, options: ArticleFilesOptions = {}): Promise<ArticleFiles> {
  return startArticleFiles(corpus, progress, options).finish();
}

/** One built file of the step: its bytes in memory, or (from the file cache) the file holding them. */
export type BuiltFile = { path: string; type: string; size: number; etag: string } & ({ data: Uint8Array; file?: undefined } | { file: string; data?: undefined });

export interface ArticleFilesStepOptions extends ArticleFilesOptions {
  /** Folder of the file cache, or false for none; by default .cache/folio/files (cache-dir.ts), none if FOLIO_NO_CACHE=1. */
  fileCacheDir?: string | false;
  /** The code hash in the key (file-cache.ts codeHash); this process's own by default. */
  code?: string;
}

export interface ArticleFilesResult {
  files: BuiltFile[];
  /** Slugs whose files were made by this step (the others came from the file cache). */
  made: string[];
}

const etagOf = (data: Uint8Array) => strongEtag(createHash("sha256").update(data).digest());

/** Every article's files: from the file cache where its key is unchanged, made (and cached) otherwise. */
export function articleFilesStep(corpus: Corpus, progress: (line: string) => void, options: ArticleFilesStepOptions = {}): Promise<ArticleFilesResult> {
  return startArticleFilesStep(corpus, progress, options).finish();
}

/** articleFilesStep in two parts: the cache is read and the cards started now, the EPUBs made by `finish`. */
export function startArticleFilesStep(corpus: Corpus, progress: (line: string) => void, options: ArticleFilesStepOptions = {}): ArticleFilesInProgress<ArticleFilesResult> {
  const dir = options.fileCacheDir === false ? undefined : (options.fileCacheDir ?? fileCacheDirFromEnv());
  const cache = dir ? openFileCache(dir) : undefined;
  const code = cache ? (options.code ?? ownCodeHash()) : "";
  const site = siteJson(corpus.site);
  const keys = new Map<string, string>();
  const cached = new Map<string, CachedFile[]>();
  const stale: Article[] = [];
  for (const [i, article] of corpus.articles.entries()) {
    const key = cache ? articleKey(code, site, article) : "";
    keys.set(article.slug, key);
    const hit = cache?.get(key);
    if (hit) cached.set(article.slug, hit);
    else stale.push(article);
    if (cache && (i + 1) % 100 === 0) progress(`cached ${i + 1}/${corpus.articles.length}`);
  }
  // Each article's files are stored in the file cache as soon as its EPUB is made, and only
  // their records kept (without a cache, their bytes).
  const stored = new Map<string, BuiltFile[]>();
  const each = (article: Article, own: FileToCache[]) => {
    const kept = cache?.put(keys.get(article.slug)!, own);
    stored.set(article.slug, kept ? kept.map(({ path, type, size, etag, file }) => ({ path, type, size, etag, file })) : own.map(({ path, type, etag, data }) => ({ path, type, size: data.byteLength, etag, data })));
  };
  const making = stale.length ? startArticleFiles({ ...corpus, articles: stale }, progress, { ...options, each }) : undefined;
  return {
    close: async () => making?.close(),
    async finish() {
      await making?.finish();
      const files: BuiltFile[] = [];
      for (const article of corpus.articles) {
        const hit = cached.get(article.slug);
        if (hit) for (const { path, type, size, etag, file } of hit) files.push({ path, type, size, etag, file });
        else files.push(...(stored.get(article.slug) ?? []));
      }
      return { files, made: stale.map((a) => a.slug) };
    },
  };
}

/** The files makeArticleFiles makes for an article, by key (URL path without the leading slash). */
function ownPaths(slug: string): string[] {
  return [paths.epub(slug), paths.cover(slug), paths.ogImage(slug)].map((path) => path.slice(1));
}
