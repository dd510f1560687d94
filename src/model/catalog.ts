/** Splitting the model for the worker: a small bundled catalog, and one asset per article. */
import type { Article, ArticleMeta, Catalog, CatalogTag, CollectionInfo, Corpus } from "./document.ts";
import { tagsOf } from "./tags.ts";

/** Where an article's full model is stored among the static assets (never routed publicly). */
export function modelPath(slug: string): string {
  return `/_model/${slug}.json`;
}

/** The article without its body; the body's fields are not read (an article may parse its body only when it is read: src/build/article-json.ts). */
export function metaOf(article: Article): ArticleMeta {
  const meta: Record<string, unknown> = {};
  for (const key of Object.keys(article)) if (key !== "blocks" && key !== "annotations") meta[key] = article[key as keyof Article];
  return meta as unknown as ArticleMeta;
}

/** `collections`: the plan the build made its collection EPUBs from (src/collections/plan.ts), with or without their articles. */
export function catalogOf(corpus: Corpus, collections: readonly CollectionInfo[]): Catalog {
  return {
    site: corpus.site,
    articles: corpus.articles.map(metaOf),
    feedArticles: corpus.articles.slice(0, corpus.site.feedItems),
    collections: collections.map(collectionInfo),
    tags: catalogTags(corpus.articles),
  };
}

/** tagsOf, with each article given by its place in `articles` (newest first, as the corpus is). */
export function catalogTags(articles: readonly Pick<ArticleMeta, "tags">[]): CatalogTag[] {
  const place = new Map(articles.map((a, i) => [a, i]));
  return tagsOf(articles).map(({ slug, name, articles: own }) => ({ slug, name, articles: own.map((a) => place.get(a)!) }));
}

/** A volume of the plan without its articles, for the catalog. */
export function collectionInfo<C extends CollectionInfo>({ articles: _articles, ...info }: C & { articles?: unknown }): CollectionInfo {
  return info;
}
