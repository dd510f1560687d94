/** Blocks → markup, the same structure in every output; `run` renders a run of text its own way. */
import type { Block, TextRun } from "../model/document.ts";

export function renderBlocks(blocks: Block[], run: (r: TextRun) => string): string {
  return blocks.map((b) => renderBlock(b, run)).join("\n");
}

function renderBlock(b: Block, run: (r: TextRun) => string): string {
  switch (b.type) {
    case "paragraph":
      return `<p>${run(b.content)}</p>`;
    case "heading":
      return `<h${b.level}>${run(b.content)}</h${b.level}>`;
    case "quote":
      return `<blockquote>${b.paragraphs.map((p) => `<p>${run(p)}</p>`).join("")}</blockquote>`;
    case "list": {
      const tag = b.ordered ? "ol" : "ul";
      return `<${tag}>${b.items.map((i) => `<li>${run(i)}</li>`).join("")}</${tag}>`;
    }
  }
}
