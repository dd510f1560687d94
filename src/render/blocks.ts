/** Blocks → markup, the same structure in every output; `run` renders a run of text its own way. */
import type { Block, TextRun } from "../model/document.ts";

export interface BlockOptions {
  /** Markup after each block (outside it), e.g. the page's note popovers. */
  after?: (b: Block) => string;
  /**
   * How an ordered list that does not start at 1 keeps its numbers: the `start` attribute
   * (HTML, feeds), or the numbers written out (the EPUB: epub-gen-memory's clean-up drops
   * `start` and `value`, and not every reading system would honour them).
   */
  listStart?: "attribute" | "text";
}

export function renderBlocks(blocks: Block[], run: (r: TextRun) => string, options: BlockOptions = {}): string {
  return blocks.map((b) => renderBlock(b, run, options) + (options.after?.(b) ?? "")).join("\n");
}

function renderBlock(b: Block, run: (r: TextRun) => string, options: BlockOptions): string {
  switch (b.type) {
    case "paragraph":
      return `<p>${run(b.content)}</p>`;
    case "heading":
      return `<h${b.level}>${run(b.content)}</h${b.level}>`;
    case "quote":
      return `<blockquote>${b.paragraphs.map((p) => `<p>${run(p)}</p>`).join("")}</blockquote>`;
    case "list": {
      if (!b.ordered) return `<ul>${b.items.map((i) => `<li>${run(i)}</li>`).join("")}</ul>`;
      // An ordered list keeps the number it starts at in the Markdown ("3." → 3).
      const start = b.start ?? 1;
      if (start === 1) return `<ol>${b.items.map((i) => `<li>${run(i)}</li>`).join("")}</ol>`;
      if (options.listStart === "text") return `<ol class="numbered">${b.items.map((i, k) => `<li><span class="number">${start + k}.</span> ${run(i)}</li>`).join("")}</ol>`;
      return `<ol start="${start}">${b.items.map((i) => `<li>${run(i)}</li>`).join("")}</ol>`;
    }
  }
}
