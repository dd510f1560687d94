/** Walking the model's text: the runs in reading order, and the plain text positions point into. */
import type { Article, Block, TextRun } from "./document.ts";

/** Every run of text in reading order (a table: its header cells, then each row's cells). */
export function runsOf(blocks: Block[]): TextRun[] {
  return blocks.flatMap((b): TextRun[] => {
    switch (b.type) {
      case "paragraph":
      case "heading":
        return [b.content];
      case "quote":
        return b.paragraphs;
      case "list":
        return b.items;
      case "table":
        return [...b.head, ...b.rows.flat()];
      case "figure":
        return []; // alt, caption and credit are not anchored into
    }
  });
}

/** Every run's text joined by "\n\n": the string the model's positions index (the page's text is another: src/render/page-anchors.ts). */
export function plainText(article: Pick<Article, "blocks">): string {
  return runsOf(article.blocks)
    .map((r) => r.text)
    .join("\n\n");
}
