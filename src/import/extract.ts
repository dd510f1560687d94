/**
 * From a page's HTML to the draft's parts: the page's metadata (metadata.ts), the article's text
 * found by Mozilla's Readability and converted to Folio's Markdown (to-markdown.ts), its figures
 * (still to be saved), and what was left out (page-furniture.ts). Pure apart from jsdom.
 */
import { Readability } from "@mozilla/readability";
import { parseHtml, textOf, type DomElement } from "./dom.ts";
import { ImportError } from "./errors.ts";
import { extractMetadata, type PageMetadata } from "./metadata.ts";
import { markLeftOut, removeFurniture, takeByline, type LeftOut } from "./page-furniture.ts";
import { articleToMarkdown, type FigureRef } from "./to-markdown.ts";

export interface Extracted {
  metadata: PageMetadata;
  /** Folio Markdown, each figure a token paragraph (to-markdown.ts). */
  markdown: string;
  figures: FigureRef[];
  /** What stood in the article and is not in the draft. */
  leftOut: LeftOut[];
}

/** Words of running text the article must have at least, outside links, for Readability's find to count as an article. */
export const minimumWords = 40;

/** `source` names the page in the message when no article is found; `advice` says what to try then. */
export function extractArticle(html: string, pageUrl: string, source: string, advice: string): Extracted {
  const doc = parseHtml(html, pageUrl);
  const metadata = extractMetadata(doc, pageUrl);
  removeFurniture(doc);
  const marked = markLeftOut(doc);
  // Readability strips presentational attributes: a cell's alignment is kept where it leaves it.
  for (const cell of doc.querySelectorAll("th, td")) {
    const align = cell.getAttribute("align") ?? /text-align:\s*(left|center|right)/i.exec(cell.getAttribute("style") ?? "")?.[1];
    if (align) cell.setAttribute("data-align", align.toLowerCase());
  }
  const byline = takeByline(doc);
  if (!metadata.author && byline) metadata.author = { value: byline, from: "the byline in the text" };
  const parsed = new Readability<DomElement>(doc as never, { keepClasses: true, serializer: (node) => node as unknown as DomElement }).parse();
  const content = parsed?.content;
  if (!content || runningWords(content) < minimumWords) {
    throw new ImportError(`no article found in ${source}: Readability finds no body of text there (an index, a login page, a page drawn by scripts?): give the article's own address; or ${advice}`);
  }
  const converted = articleToMarkdown(content);
  return { metadata, markdown: converted.markdown, figures: converted.figures, leftOut: converted.leftOut.map((n) => marked[n]!) };
}

/** Words in the element's paragraphs, list items, quotes and cells, links' words not counted. */
function runningWords(root: DomElement): number {
  let words = 0;
  for (const block of root.querySelectorAll("p, li, blockquote, td, pre")) {
    if (block.querySelector("p, li, blockquote, td, pre")) continue;
    const links = [...block.querySelectorAll("a")].map(textOf).join(" ");
    words += Math.max(0, count(textOf(block)) - count(links));
  }
  return words;
}

const count = (s: string) => s.split(/\s+/).filter(Boolean).length;
