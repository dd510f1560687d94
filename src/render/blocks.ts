/** Blocks → markup, the same structure in every output; `run` renders a run of text its own way. */
import type { Block, TextRun } from "../model/document.ts";

/** `after`, if given, adds markup after each block (outside it), e.g. the page's note popovers. */
export function renderBlocks(blocks: Block[], run: (r: TextRun) => string, after?: (b: Block) => string): string {
  return blocks.map((b) => renderBlock(b, run) + (after?.(b) ?? "")).join("\n");
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
      // An ordered list keeps the number it starts at in the Markdown ("3." → start="3").
      const start = b.ordered && b.start !== undefined && b.start !== 1 ? ` start="${b.start}"` : "";
      return `<${tag}${start}>${b.items.map((i) => `<li>${run(i)}</li>`).join("")}</${tag}>`;
    }
  }
}
