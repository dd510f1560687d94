/** /articles/<slug>.json: the article's metadata, links to every format, blocks and annotations. */
import type { Article, Site } from "../../model/document.ts";
import { tagPath, tagSlug } from "../../model/tags.ts";
import { absolute, paths } from "../urls.ts";

export function articleLinks(site: Site, slug: string) {
  return {
    html: absolute(site.url, paths.article(slug)),
    json: absolute(site.url, paths.articleJson(slug)),
    epub: absolute(site.url, paths.epub(slug)),
    annotations: absolute(site.url, paths.annotations(slug)),
  };
}

/** Each tag with the URL of its page (a tag with no letter or digit has none, and the build refuses it). */
export function tagLinks(site: Site, tags: readonly string[]) {
  return tags.filter((t) => tagSlug(t) !== "").map((name) => ({ name, url: absolute(site.url, tagPath(name)) }));
}

export function renderArticleJson(site: Site, article: Article): string {
  const { slug, title, dek, language, author, source, published, updated, tags, wordCount, blocks, annotations } = article;
  return JSON.stringify({
    $schema: absolute(site.url, paths.schema),
    url: absolute(site.url, paths.article(slug)),
    slug,
    title,
    dek,
    language,
    ...(author ? { author } : {}),
    source,
    published,
    updated,
    tags,
    tagLinks: tagLinks(site, tags),
    wordCount,
    links: articleLinks(site, slug),
    // A figure's variants by absolute URL (the model keeps paths on the site).
    blocks: blocks.map((b) => (b.type === "figure" ? { ...b, variants: b.variants.map(({ path, ...size }) => ({ ...size, url: absolute(site.url, path) })) } : b)),
    annotations,
  });
}
