/**
 * Knowing that an article holds no figure without reading its body. The build's model cache
 * gives an unchanged article whose body is parsed only when read (src/build/article-json.ts),
 * and marks it when it holds no figure; a step that looks only for figures (the figures' sizes,
 * a book's images) then reads nothing.
 */
import type { Article } from "./document.ts";

/** Set (not enumerable: JSON.stringify and spreads do not see it) on an article known to hold no figure. */
export const figureFree: unique symbol = Symbol("figure-free article");

/** Whether the article may hold a figure: false for one marked figure-free, without reading its body. */
export function mayHoldFigures(article: Pick<Article, "blocks">): boolean {
  return !(article as { [figureFree]?: true })[figureFree] && article.blocks.some((b) => b.type === "figure");
}
