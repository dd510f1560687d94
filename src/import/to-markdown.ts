/**
 * The article Readability found, as Folio's Markdown (README.md, "Adding an article"), through
 * turndown: paragraphs, headings (## to ####), block quotes, lists (flat: a nested list's items
 * follow their parent's), *emphasis*, **strong**, `code`, links (http, https and mailto only;
 * others keep their text), hard line breaks, and GitHub tables (a header row, the delimiter row
 * with each column's alignment, the body rows; written here, after README's table syntax).
 * Images become figures, each a paragraph of its own holding a token (`figureToken(n)`) until
 * the image is saved and named (`placeFigures`). Horizontal rules are dropped.
 */
import TurndownService from "turndown";
import { textOf, type DomElement } from "./dom.ts";
import { leftOutPattern } from "./page-furniture.ts";

export interface FigureRef {
  /** The image's absolute address. */
  src: string;
  /** Empty when the page gives none: the figure is kept and the build names it. */
  alt: string;
  caption?: string;
  credit?: string;
}

export interface Converted {
  /** Blocks joined by blank lines; each figure a paragraph `figureToken(n)`. */
  markdown: string;
  figures: FigureRef[];
  /** The numbers of the left-out tokens (src/import/page-furniture.ts) found in the article. */
  leftOut: number[];
}

export const figureToken = (n: number) => `FOLIOFIGURE${n}`;
const figurePattern = /^FOLIOFIGURE(\d+)$/;

/** A class or id marking the credit inside a figure's caption. */
const creditName = /credit|copyright|byline|attribution|source|photographer/i;

/** Converts the element Readability returned (it is changed on the way). */
export function articleToMarkdown(root: DomElement): Converted {
  const figures = takeFigures(root);
  flattenLists(root);
  const service = folioTurndown();
  const blocks = service
    .turndown(root as never)
    .split(/\n{2,}/)
    .map((b) => b.replace(/\\$/, "").replace(/[ \t]+$/gm, ""))
    .filter((b) => b.trim() !== "");
  const leftOut: number[] = [];
  const kept = blocks.filter((b) => {
    const m = leftOutPattern.exec(b.trim());
    if (m) leftOut.push(Number(m[1]));
    return !m;
  });
  return { markdown: kept.join("\n\n"), figures, leftOut };
}

/** The Markdown of each figure, with the file it was saved as; a figure not saved (undefined) is dropped. */
export function placeFigures(markdown: string, files: (string | undefined)[], figures: FigureRef[]): string {
  return markdown
    .split("\n\n")
    .flatMap((b) => {
      const m = figurePattern.exec(b);
      if (!m) return [b];
      const i = Number(m[1]);
      return files[i] ? [figureMarkdown(figures[i]!, files[i]!)] : [];
    })
    .join("\n\n");
}

/** `![alt](file "caption")` and a `Credit:` line, as README.md describes a figure. */
export function figureMarkdown(figure: FigureRef, file: string): string {
  const alt = figure.alt.replace(/\s+/g, " ").replace(/([\\[\]*_`&])/g, "\\$1");
  const caption = figure.caption ? ` "${figure.caption.replace(/\s+/g, " ").replace(/(["\\&])/g, "\\$1")}"` : "";
  const credit = figure.credit ? `\nCredit: ${figure.credit.replace(/\s+/g, " ").replace(/([\\*_`[\]<&])/g, "\\$1")}` : "";
  return `![${alt}](${file}${caption})${credit}`;
}

/**
 * Each image, with its figure's caption and credit, replaced by a token paragraph after the
 * block it stood in (Folio's figures stand alone at the top level).
 */
function takeFigures(root: DomElement): FigureRef[] {
  const doc = root.ownerDocument;
  const figures: FigureRef[] = [];
  for (const img of [...root.querySelectorAll("img")]) {
    if (!root.contains(img)) continue;
    const src = img.getAttribute("src") ?? "";
    let url = src;
    try {
      url = new URL(src, doc.URL).href;
    } catch {
      // kept as written: the download names it
    }
    const found = img.closest("figure");
    const figure = found && root.contains(found) && found.querySelectorAll("img").length === 1 ? found : undefined;
    const ref: FigureRef = { src: url, alt: (img.getAttribute("alt") ?? "").replace(/\s+/g, " ").trim() };
    const caption = figure?.querySelector("figcaption");
    if (caption) {
      const credits = [...caption.querySelectorAll("*")].filter((e) => e.tagName === "CITE" || e.tagName === "SMALL" || creditName.test(`${e.getAttribute("class") ?? ""} ${e.id}`));
      const credit = credits.map((c) => textOf(c)).filter(Boolean).join(" ").replace(/^credit:\s*/i, "");
      for (const c of credits) c.remove();
      const text = textOf(caption);
      if (text) ref.caption = text;
      if (credit) ref.credit = credit;
    }
    const token = doc.createElement("p");
    token.textContent = figureToken(figures.length);
    figures.push(ref);
    // The image (or its figure) goes; its token follows the highest paragraph, list, table,
    // quote or heading it stood in, or takes its place when that holds nothing else.
    const own = figure ?? img;
    let block: DomElement = own;
    for (let up = own.parentElement; up && up !== root; up = up.parentElement) if (/^(P|UL|OL|TABLE|BLOCKQUOTE|H[1-6]|FIGURE|PICTURE|A)$/.test(up.tagName)) block = up;
    if (block === own || (textOf(block) === textOf(own) && block.querySelectorAll("img").length === 1)) block.replaceWith(token);
    else {
      block.after(token);
      own.remove();
    }
  }
  return figures;
}

/** A list inside a list item: its items follow the item, in the outer list (Folio's lists are flat). */
function flattenLists(root: DomElement): void {
  for (let nested = root.querySelector("li ul, li ol"); nested; nested = root.querySelector("li ul, li ol")) {
    const item = nested.closest("li")!;
    nested.remove();
    item.after(...[...nested.children].filter((c) => c.tagName === "LI"));
  }
}

function folioTurndown(): TurndownService {
  const service = new TurndownService({ headingStyle: "atx", bulletListMarker: "-", emDelimiter: "*", strongDelimiter: "**", br: "\\", codeBlockStyle: "fenced" });
  const escape = service.escape.bind(service);
  // Folio reads character references (&amp; …) as CommonMark does: one in the text is escaped.
  service.escape = (text: string) => escape(text).replace(/&(?=#?[a-z0-9]+;)/gi, "\\&");
  // A heading or a table cell is one line: its hard breaks become spaces.
  const oneLine = (s: string) => s.replace(/\\\n/g, " ").replace(/\s*\n+\s*/g, " ").trim();

  service.addRule("heading", {
    filter: ["h1", "h2", "h3", "h4", "h5", "h6"],
    replacement: (content, node) => {
      const level = Math.min(4, Math.max(2, Number((node as unknown as DomElement).nodeName.slice(1))));
      const text = oneLine(content);
      return text ? `\n\n${"#".repeat(level)} ${text}\n\n` : "";
    },
  });
  service.addRule("listItem", {
    filter: "li",
    replacement: (content, node) => {
      const li = node as unknown as DomElement;
      const list = li.parentElement;
      let marker = "- ";
      if (list?.tagName === "OL") {
        const start = Number(list.getAttribute("start") ?? 1) || 1;
        marker = `${start + [...list.children].filter((c) => c.tagName === "LI").indexOf(li)}. `;
      }
      const text = content.trim().replace(/\n{2,}/g, " ").replace(/\n/g, `\n${" ".repeat(marker.length)}`);
      return text ? `${marker}${text}\n` : "";
    },
  });
  service.addRule("link", {
    filter: "a",
    replacement: (content, node) => {
      const a = node as unknown as DomElement;
      let href = a.getAttribute("href") ?? "";
      if (!content.trim()) return "";
      try {
        href = new URL(href, a.ownerDocument.URL).href; // Readability resolves them too; a fragment of this page becomes its full address
      } catch {
        return content;
      }
      if (!/^(https?:|mailto:)/i.test(href)) return content;
      return `[${content}](${href.replace(/[()\s<>]/g, (c) => encodeURIComponent(c))})`;
    },
  });
  service.addRule("preformatted", {
    filter: "pre",
    replacement: (_content, node) => {
      const lines = (node.textContent ?? "").split("\n").map((l: string) => service.escape(l.trim())).filter(Boolean);
      return lines.length ? `\n\n${lines.join("\\\n")}\n\n` : "";
    },
  });
  service.addRule("rule", { filter: "hr", replacement: () => "\n\n" });
  service.addRule("caption", { filter: ["caption", "colgroup", "col"], replacement: () => "" });
  service.addRule("tableCell", {
    filter: ["th", "td"],
    replacement: (content) => `| ${oneLine(content).replace(/\|/g, "\\|")} `,
  });
  service.addRule("tableRow", { filter: "tr", replacement: (content) => `${content.trim()} |\n` });
  service.addRule("tableSection", { filter: ["thead", "tbody", "tfoot"], replacement: (content) => content });
  service.addRule("table", {
    filter: "table",
    replacement: (content, node) => {
      const table = node as unknown as DomElement;
      const rows = content.split("\n").filter((r) => r.startsWith("|"));
      const trs = [...table.querySelectorAll("tr")].filter((tr) => tr.closest("table") === table && tr.querySelector("th, td"));
      if (rows.length === 0) return "";
      const width = Math.max(...trs.map((tr) => [...tr.children].filter((c) => c.tagName === "TH" || c.tagName === "TD").length));
      const cells = (row: string) => row.split(/(?<!\\)\|/).length - 2;
      const padded = rows.map((r) => r + " |".repeat(Math.max(0, width - cells(r))));
      const head = trs[0] ? [...trs[0].children].filter((c) => c.tagName === "TH" || c.tagName === "TD") : [];
      const delimiter = Array.from({ length: width }, (_, i) => {
        const cell = head[i];
        const align = (cell?.getAttribute("data-align") ?? cell?.getAttribute("align") ?? /text-align:\s*(left|center|right)/i.exec(cell?.getAttribute("style") ?? "")?.[1] ?? "").toLowerCase();
        return align === "left" ? ":--" : align === "center" ? ":-:" : align === "right" ? "--:" : "---";
      });
      const caption = textOf(table.querySelector("caption"));
      return `\n\n${caption ? `${service.escape(caption)}\n\n` : ""}${padded[0]}\n|${delimiter.join("|")}|\n${padded.slice(1).join("\n")}\n\n`;
    },
  });
  return service;
}


/** Plain text as Markdown that reads back to the same words (turndown's escaping, with character references). */
export function escapeMarkdown(text: string): string {
  return folioTurndown().escape(text);
}
