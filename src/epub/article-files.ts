/**
 * The build's per-article binary files (build.ts `articleFiles`), keyed by URL path without
 * the leading slash:
 *   articles/<slug>.epub        the EPUB
 *   articles/<slug>/cover.png   its cover, 1600×2400
 *   articles/<slug>/og.png      the page's Open Graph image, 1200×630
 * Node only: resvg is a native module, and epub-gen-memory's templates need `new Function`.
 */
import type { Corpus } from "../model/document.ts";
import { contentTypes, paths } from "../render/urls.ts";
import { makeEpub } from "./book.ts";
import { coverPng, ogImagePng } from "./cover.ts";

export type ArticleFiles = Map<string, { type: string; data: Uint8Array }>;

export async function makeArticleFiles(corpus: Corpus, progress: (line: string) => void): Promise<ArticleFiles> {
  const files: ArticleFiles = new Map();
  const key = (path: string) => path.replace(/^\//, "");
  const total = corpus.articles.length;
  for (const [i, article] of corpus.articles.entries()) {
    const text = { title: article.title, source: article.source.publisher, site: corpus.site.title };
    const cover = coverPng(text);
    files.set(key(paths.epub(article.slug)), { type: contentTypes.epub, data: await makeEpub(corpus.site, article, cover) });
    files.set(key(paths.cover(article.slug)), { type: contentTypes.png, data: cover });
    files.set(key(paths.ogImage(article.slug)), { type: contentTypes.png, data: ogImagePng(text) });
    progress(`epub ${i + 1}/${total} ${article.slug}`);
  }
  return files;
}
