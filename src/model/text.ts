/** Walking the model's text: the runs in reading order, and the plain text positions point into. */
import type { Article, Block, TextRun } from "./document.ts";

export function runsOf(blocks: Block[]): TextRun[] {
  return blocks.flatMap((b) => (b.type === "paragraph" || b.type === "heading" ? [b.content] : b.type === "quote" ? b.paragraphs : b.items));
}

/** Every run's text joined by "\n\n": the string the model's positions index (the page's text is another: src/render/page-anchors.ts). */
export function plainText(article: Pick<Article, "blocks">): string {
  return runsOf(article.blocks)
    .map((r) => r.text)
    .join("\n\n");
}
