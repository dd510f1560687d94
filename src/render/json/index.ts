/** /articles.json: every article's metadata and links, newest first. */
import type { Listing } from "../../model/document.ts";
import { absolute, paths } from "../urls.ts";
import { articleLinks } from "./article.ts";

export function renderIndexJson(corpus: Listing): string {
  const { site } = corpus;
  return JSON.stringify({
    title: site.title,
    description: site.description,
    url: absolute(site.url, paths.home),
    language: site.language,
    articles: corpus.articles.map((a) => ({
      slug: a.slug,
      url: absolute(site.url, paths.article(a.slug)),
      title: a.title,
      dek: a.dek,
      language: a.language,
      ...(a.author ? { author: a.author } : {}),
      source: a.source,
      published: a.published,
      updated: a.updated,
      tags: a.tags,
      annotations: a.noteCount,
      links: articleLinks(site, a.slug),
    })),
  });
}
