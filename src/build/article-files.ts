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
 *
 * The build's step is `articleFilesStep`: it takes each article's files from the file cache
 * (file-cache.ts) when the code, the site and the article's model are the ones they were made
 * from, and makes only the others (`makeArticleFiles`), storing them there.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { strongEtag } from "../model/etag.ts";
import type { Corpus } from "../model/document.ts";
import { contentTypes, paths } from "../render/urls.ts";
import { makeEpub } from "../epub/book.ts";
import { cacheDirFromEnv } from "../cards/cache.ts";
import { openCardPool } from "../cards/pool.ts";
import { articleKey, fileCacheDirFromEnv, openFileCache, ownCodeHash, siteJson, type CachedFile } from "./file-cache.ts";

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
      const [epubPath, coverPath, ogPath] = ownPaths(article.slug) as [string, string, string];
      files.set(epubPath, { type: contentTypes.epub, data: epub });
      files.set(coverPath, { type: contentTypes.png, data: cover });
      files.set(ogPath, { type: contentTypes.png, data: await cards[i]!.og });
      progress(`epub ${i + 1}/${articles.length} ${article.slug}`);
    }
  } finally {
    await pool.close();
  }
  return files;
}

/** One built file of the step: its bytes in memory, or (from the file cache) the file holding them. */
export type BuiltFile = { path: string; type: string; size: number; etag: string } & ({ data: Uint8Array; file?: undefined } | { file: string; data?: undefined });

export interface ArticleFilesStepOptions extends ArticleFilesOptions {
  /** Folder of the file cache, or false for none; by default node_modules/.cache/folio/files, none if FOLIO_NO_CACHE=1. */
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
export async function articleFilesStep(corpus: Corpus, progress: (line: string) => void, options: ArticleFilesStepOptions = {}): Promise<ArticleFilesResult> {
  const dir = options.fileCacheDir === false ? undefined : (options.fileCacheDir ?? fileCacheDirFromEnv());
  const cache = dir ? openFileCache(dir) : undefined;
  const code = cache ? (options.code ?? ownCodeHash()) : "";
  const site = siteJson(corpus.site);
  const keys = new Map<string, string>();
  const cached = new Map<string, CachedFile[]>();
  const stale = [];
  for (const [i, article] of corpus.articles.entries()) {
    const key = cache ? articleKey(code, site, article) : "";
    keys.set(article.slug, key);
    const hit = cache?.get(key);
    if (hit) cached.set(article.slug, hit);
    else stale.push(article);
    if (cache && (i + 1) % 100 === 0) progress(`cached ${i + 1}/${corpus.articles.length}`);
  }
  const made: ArticleFiles = stale.length ? await makeArticleFiles({ ...corpus, articles: stale }, progress, options) : new Map();
  const files: BuiltFile[] = [];
  for (const article of corpus.articles) {
    const hit = cached.get(article.slug);
    if (hit) {
      for (const { path, type, size, etag, file } of hit) files.push({ path, type, size, etag, file });
      continue;
    }
    const own = ownPaths(article.slug).flatMap((path) => {
      const built = made.get(path);
      return built ? [{ path, type: built.type, etag: etagOf(built.data), data: built.data }] : [];
    });
    const stored = cache?.put(keys.get(article.slug)!, own);
    if (stored) for (const { path, type, size, etag, file } of stored) files.push({ path, type, size, etag, file });
    else for (const f of own) files.push({ ...f, size: f.data.byteLength });
  }
  return { files, made: stale.map((a) => a.slug) };
}

/** The files makeArticleFiles makes for an article, by key (URL path without the leading slash). */
function ownPaths(slug: string): string[] {
  return [paths.epub(slug), paths.cover(slug), paths.ogImage(slug)].map((path) => path.slice(1));
}
