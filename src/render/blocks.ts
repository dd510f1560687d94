/** Blocks → markup, the same structure in every output; `run` renders a run of text its own way. */
import type { Block, CellAlign, Figure, TextRun } from "../model/document.ts";
import { escape } from "./escape.ts";

export interface BlockOptions {
  /** Markup after each block (outside it), e.g. the page's note popovers. */
  after?: (b: Block) => string;
  /**
   * How an ordered list that does not start at 1 keeps its numbers: the `start` attribute
   * (HTML, feeds), or the numbers written out (the EPUB: epub-gen-memory's clean-up drops
   * `start` and `value`, and not every reading system would honour them).
   */
  listStart?: "attribute" | "text";
  /**
   * The page: each table inside a box that scrolls sideways on a narrow screen, reachable by
   * keyboard (`tabindex="0"`) and named for assistive technology (`role="region"`, a label).
   */
  tableBox?: boolean;
  /**
   * Whether header cells carry `scope="col"` (true by default). The EPUB leaves it out here,
   * since epub-gen-memory's clean-up drops the attribute, and adds it back after (book.ts).
   */
  headerScope?: boolean;
  /** A figure variant's URL from its path on the site (the feeds make it absolute); the path itself by default. */
  imageUrl?: (path: string) => string;
  /**
   * How a figure's image is given: every web size with `srcset`, `sizes`, its size, lazy loading
   * (the page, the feeds), or the widest alone (the EPUB, which embeds that one file).
   */
  figureImage?: "responsive" | "widest";
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
    case "table": {
      // Alignment is a class, not a style attribute: the page's CSP allows only its hashed stylesheet.
      const cell = (tag: "th" | "td", r: TextRun, k: number) => {
        const align = alignClass(b.align[k] ?? null);
        const scope = tag === "th" && options.headerScope !== false ? ` scope="col"` : "";
        return `<${tag}${scope}${align ? ` class="${align}"` : ""}>${run(r)}</${tag}>`;
      };
      const head = `<thead><tr>${b.head.map((r, k) => cell("th", r, k)).join("")}</tr></thead>`;
      const body = b.rows.length ? `<tbody>${b.rows.map((row) => `<tr>${row.map((r, k) => cell("td", r, k)).join("")}</tr>`).join("")}</tbody>` : "";
      const table = `<table>${head}${body}</table>`;
      if (!options.tableBox) return table;
      return `<div class="table-box" role="region" tabindex="0" aria-label="${escape(tableLabel(b.head))}">${table}</div>`;
    }
    case "figure":
      return renderFigure(b, options);
  }
}

/** The page's text column: 42rem wide less 2.5rem of padding, or the screen less that padding. */
const figureSizes = "(min-width: 42rem) 39.5rem, calc(100vw - 2.5rem)";

function renderFigure(f: Figure, options: BlockOptions): string {
  const url = options.imageUrl ?? ((p: string) => p);
  const alt = ` alt="${escape(f.alt)}"`;
  let img = "";
  if (f.variants.length > 0 && options.figureImage === "widest") img = `<img src="${escape(url(f.variants[f.variants.length - 1]!.path))}"${alt}/>`;
  else if (f.variants.length > 0) {
    // src: the variant nearest 960 wide, for browsers without srcset.
    const src = f.variants.find((v) => v.width >= 960) ?? f.variants[f.variants.length - 1]!;
    const srcset = f.variants.map((v) => `${url(v.path)} ${v.width}w`).join(", ");
    img = `<img src="${escape(url(src.path))}" srcset="${escape(srcset)}" sizes="${figureSizes}" width="${src.width}" height="${src.height}"${alt} loading="lazy" decoding="async"/>`;
  }
  const words = [f.caption ? escape(f.caption) : "", f.credit ? `<span class="credit">${escape(f.credit)}</span>` : ""].filter(Boolean).join(" ");
  return `<figure>${img}${words ? `<figcaption>${words}</figcaption>` : ""}</figure>`;
}

function alignClass(align: CellAlign): string {
  return align ? `align-${align}` : "";
}

/** The scrolling box's name: "Table: " and the column headings, cut short if long. */
export function tableLabel(head: TextRun[]): string {
  const columns = head.map((r) => r.text.replace(/\s+/g, " ").trim()).filter(Boolean).join(", ");
  if (!columns) return "Table";
  return `Table: ${columns.length > 80 ? `${[...columns].slice(0, 80).join("").replace(/\s+\S*$/, "")}…` : columns}`;
}
