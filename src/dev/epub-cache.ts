/**
 * The build's per-article files (EPUB, cover, OG image), re-made only for articles whose
 * model changed: each article's files are kept in memory under a hash of the site and the
 * article's model, so an edit to one article re-makes that article's files and reuses the
 * rest. The cache lives as long as the build thread (build-thread.ts), which is replaced
 * whenever the build's own code changes: a renderer edit therefore re-makes every file.
 */
import { createHash } from "node:crypto";
import type { Corpus, Article } from "../model/document.ts";
import type { ArticleFiles } from "../epub/article-files.ts";

export type MakeArticleFiles = (corpus: Corpus, progress: (line: string) => void) => Promise<ArticleFiles>;

export interface CachedArticleFiles {
  (corpus: Corpus, progress: (line: string) => void): Promise<ArticleFiles>;
  /** Slugs whose files the last call re-made (the others came from the cache). */
  readonly lastMade: readonly string[];
}

export function cachedArticleFiles(make: MakeArticleFiles): CachedArticleFiles {
  let cache = new Map<string, ArticleFiles>(); // key of the article → its files
  let lastMade: string[] = [];
  const fn = async (corpus: Corpus, progress: (line: string) => void): Promise<ArticleFiles> => {
    const site = JSON.stringify(corpus.site);
    const keyOf = (article: Article) => createHash("sha256").update(site).update("\0").update(JSON.stringify(article)).digest("hex");
    const keys = new Map(corpus.articles.map((a) => [a.slug, keyOf(a)]));
    const stale = corpus.articles.filter((a) => !cache.has(keys.get(a.slug)!));
    const made = stale.length ? await make({ site: corpus.site, articles: stale }, progress) : new Map();
    const next = new Map<string, ArticleFiles>();
    const files: ArticleFiles = new Map();
    for (const article of corpus.articles) {
      const key = keys.get(article.slug)!;
      let own = cache.get(key);
      if (!own) {
        own = new Map([...made].filter(([path]) => belongsTo(path, article.slug)));
      }
      next.set(key, own);
      for (const [path, file] of own) files.set(path, file);
    }
    cache = next; // articles removed or changed drop out
    lastMade = stale.map((a) => a.slug);
    return files;
  };
  Object.defineProperty(fn, "lastMade", { get: () => lastMade });
  return fn as CachedArticleFiles;
}

/** articles/<slug>.epub, articles/<slug>/cover.png … belong to <slug>; articles/<slug>-2.epub does not. */
function belongsTo(path: string, slug: string): boolean {
  return path.startsWith(`articles/${slug}/`) || path.startsWith(`articles/${slug}.`);
}
