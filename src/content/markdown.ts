/**
 * Markdown → blocks of text runs. CommonMark with raw HTML turned off: a `<script>` in an
 * article stays the literal text "<script>" and is escaped by every renderer.
 * Supported: paragraphs, headings, block quotes, lists (an ordered list keeps its start number),
 * GitHub-style tables (a header row, body rows, column alignment), *em*, **strong**, `code`,
 * links, hard line breaks (kept as "\n" in the run's text), and figures: an image in a
 * paragraph of its own, `![alt](file.jpg "caption")`, with an optional `Credit: …` line under it.
 */
import MarkdownIt, { type Token } from "markdown-it";
import type { Block, CellAlign, Figure, Mark, TextRun } from "../model/document.ts";
import { runsOf } from "../model/text.ts";

const md = new MarkdownIt("commonmark", { html: false, linkify: false, typographer: false }).enable("table");

export interface MarkdownProblem {
  /** 1-based line within the Markdown source. */
  line: number;
  message: string;
}

export interface ParsedMarkdown {
  blocks: Block[];
  problems: MarkdownProblem[];
}

const allowedLink = /^(https?:\/\/|mailto:)/i;

export interface MarkdownOptions {
  /** Whether the article's folder holds a file of this name: each figure's image must be in it. Without it, files are not checked. */
  hasFile?: (name: string) => boolean;
}

/**
 * Offsets in the returned runs are 0; `assignOffsets` fixes them once the article is whole.
 * A figure's size and variants are 0 and empty; the build sets them (src/build/figures.ts).
 */
export function parseMarkdown(source: string, options: MarkdownOptions = {}): ParsedMarkdown {
  const tokens = md.parse(source, {});
  const blocks: Block[] = [];
  const problems: MarkdownProblem[] = [];
  const lineOf = (t: Token | undefined) => (t?.map ? t.map[0] + 1 : 1);
  let quote: TextRun[] | null = null;
  let list: { ordered: boolean; start?: number; items: TextRun[] } | null = null;
  let listDepth = 0;
  let itemRuns = 0; // paragraphs in the current list item
  let headingLevel: 2 | 3 | 4 | null = null;
  let table: { align: CellAlign[]; head: TextRun[]; rows: TextRun[][]; line: number } | null = null;
  let row: TextRun[] | null = null;
  // Blocks are flat: a quote holds paragraphs, a list holds one-paragraph items. Anything
  // nested deeper would be moved or merged silently, so it is reported instead.
  const nested = (t: Token, what: string) => problems.push({ line: lineOf(t), message: `${what} is not supported: keep quotes, lists and headings at the top level` });

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case "blockquote_open":
        if (quote) nested(t, "a block quote inside a block quote");
        else if (list) nested(t, "a block quote inside a list");
        quote = [];
        break;
      case "blockquote_close":
        if (quote && quote.length > 0) blocks.push({ type: "quote", paragraphs: quote });
        quote = null;
        break;
      case "bullet_list_open":
      case "ordered_list_open":
        if (listDepth > 0) nested(t, "a list inside a list");
        else if (quote) nested(t, "a list inside a block quote");
        if (listDepth++ === 0) {
          const start = Number(t.attrGet("start") ?? 1); // markdown-it sets it only when it is not 1
          list = { ordered: t.type === "ordered_list_open", ...(start !== 1 ? { start } : {}), items: [] };
        }
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        if (--listDepth === 0 && list) {
          blocks.push({ type: "list", ordered: list.ordered, ...(list.start !== undefined ? { start: list.start } : {}), items: list.items });
          list = null;
        }
        break;
      case "heading_open": {
        const n = Number(t.tag.slice(1));
        if (n === 1) problems.push({ line: lineOf(t), message: "a level-1 heading is the title: use ## for headings in the body" });
        if (quote || list) nested(t, `a heading inside a ${quote ? "block quote" : "list"}`);
        headingLevel = Math.min(4, Math.max(2, n)) as 2 | 3 | 4;
        break;
      }
      case "table_open":
        if (quote || list) nested(t, `a table inside a ${quote ? "block quote" : "list"}`);
        table = { align: [], head: [], rows: [], line: lineOf(t) };
        break;
      case "table_close":
        if (table) blocks.push({ type: "table", align: table.align, head: table.head, rows: table.rows });
        table = null;
        break;
      case "tr_open":
        if (table) table.line = lineOf(t); // cells' inline tokens carry no line of their own
        row = [];
        break;
      case "tr_close":
        if (table && row && table.head.length > 0) table.rows.push(row);
        else if (table && row) table.head = row;
        row = null;
        break;
      case "th_open":
        table?.align.push(alignOf(t));
        break;
      case "inline": {
        const line = t.map ? lineOf(t) : (table?.line ?? 1);
        if (t.children?.some((c) => c.type === "image")) {
          const where = headingLevel ? "heading" : row ? "table" : list ? "list" : quote ? "block quote" : null;
          const figure = where ? undefined : figureOf(t, line, problems, options);
          if (where) problems.push({ line, message: `an image inside a ${where} is not supported: put it in a paragraph of its own, at the top level` });
          else if (figure) blocks.push(figure);
          headingLevel = null;
          break;
        }
        const run = inlineRun(t, problems, line);
        if (row) row.push(run);
        else if (headingLevel) {
          blocks.push({ type: "heading", level: headingLevel, content: run });
          headingLevel = null;
        } else if (list) {
          if (++itemRuns === 2 && !quote) problems.push({ line: lineOf(t), message: "a list item may hold one paragraph only: join the paragraphs, or end the list first" });
          list.items.push(run);
        } else if (quote) quote.push(run);
        else blocks.push({ type: "paragraph", content: run });
        break;
      }
      case "list_item_open":
        itemRuns = 0;
        break;
      case "paragraph_open":
      case "paragraph_close":
      case "heading_close":
      case "list_item_close":
      case "thead_open":
      case "thead_close":
      case "tbody_open":
      case "tbody_close":
      case "th_close":
      case "td_open":
      case "td_close":
        break;
      default:
        problems.push({ line: lineOf(t), message: `${describe(t)} is not supported in articles: use paragraphs, headings, quotes and lists` });
    }
  }
  return { blocks, problems };
}

/** A note body: Markdown paragraphs only. */
export function parseParagraphs(source: string): { runs: TextRun[]; problems: MarkdownProblem[] } {
  const { blocks, problems } = parseMarkdown(source);
  const runs: TextRun[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") runs.push(b.content);
    else problems.push({ line: 1, message: `a note may only hold paragraphs, not a ${b.type}` });
  }
  return { runs, problems };
}

const imageFile = /^[a-z0-9][a-z0-9_.-]*\.(jpe?g|png|webp)$/i;
const creditLine = /^credit:\s*/i;

/**
 * A paragraph holding an image: a figure when the image is alone, or followed on the next line
 * by `Credit: …` (plain text). Reports what is wrong with it otherwise.
 */
function figureOf(token: Token, line: number, problems: MarkdownProblem[], options: MarkdownOptions): Figure | undefined {
  const [image, brk, ...credit] = token.children ?? [];
  const src = String(image?.attrGet("src") ?? "");
  let name = src;
  try {
    name = decodeURIComponent(src);
  } catch {
    // a stray % stays as written
  }
  const standsAlone = image?.type === "image" && (brk === undefined || (brk.type === "softbreak" && credit[0]?.type === "text" && creditLine.test(credit[0].content)));
  if (!standsAlone) {
    problems.push({ line, message: `an image must be a paragraph of its own, with at most a "Credit: …" line under it: put a blank line before and after it` });
    return undefined;
  }
  const before = problems.length;
  const alt = (image.children ?? []).map((c) => (c.type === "softbreak" || c.type === "hardbreak" ? " " : c.content)).join("").trim();
  if (alt === "") problems.push({ line, message: `image "${name}" has no alt text: describe what it shows between the brackets, as in ![Boats moored at the harbour wall](${name})` });
  if (!imageFile.test(name)) {
    problems.push({ line, message: `image "${name}" must be a file in the article's folder, named with letters, digits, hyphens, underscores and dots, ending in .jpg, .jpeg, .png or .webp` });
  } else if (options.hasFile && !options.hasFile(name)) {
    problems.push({ line, message: `image "${name}" is not in the article's folder: put the file next to article.md, or correct its name` });
  }
  if (credit.some((c) => c.type !== "text" && c.type !== "softbreak")) problems.push({ line: line + 1, message: `a credit is plain text: remove the formatting or link from the "Credit:" line` });
  if (problems.length > before) return undefined;
  const caption = String(image.attrGet("title") ?? "").trim();
  const creditText = credit
    .map((c) => (c.type === "softbreak" ? " " : c.content))
    .join("")
    .replace(creditLine, "")
    .trim();
  return {
    type: "figure",
    file: name,
    alt,
    ...(caption ? { caption } : {}),
    ...(creditText ? { credit: creditText } : {}),
    width: 0,
    height: 0,
    mediaType: "",
    variants: [],
  };
}

/** markdown-it writes a column's alignment as `style="text-align:…"` on each cell. */
function alignOf(t: Token): CellAlign {
  const m = /text-align:(left|center|right)/.exec(String(t.attrGet("style") ?? ""));
  return m ? (m[1] as CellAlign) : null;
}

function inlineRun(token: Token, problems: MarkdownProblem[], line: number): TextRun {
  let text = "";
  const marks: Mark[] = [];
  const open: { type: Mark["type"]; start: number; href?: string }[] = [];
  const close = (type: Mark["type"]) => {
    const idx = open.findLastIndex((o) => o.type === type);
    if (idx < 0) return;
    const o = open.splice(idx, 1)[0]!;
    if (o.start === text.length) return; // empty span: nothing to mark
    marks.push(o.type === "link" ? { type: "link", start: o.start, end: text.length, href: o.href! } : { type: o.type as "em", start: o.start, end: text.length });
  };
  for (const c of token.children ?? []) {
    switch (c.type) {
      case "text":
        text += c.content;
        break;
      case "softbreak":
        text += " ";
        break;
      case "hardbreak":
        text += "\n"; // one character, like the space of a soft break; renderers make it <br/>
        break;
      case "code_inline":
        marks.push({ type: "code", start: text.length, end: text.length + c.content.length });
        text += c.content;
        break;
      case "em_open":
        open.push({ type: "em", start: text.length });
        break;
      case "strong_open":
        open.push({ type: "strong", start: text.length });
        break;
      case "em_close":
        close("em");
        break;
      case "strong_close":
        close("strong");
        break;
      case "link_open": {
        const href = String(c.attrGet("href") ?? ""); // typed string | number | null
        if (!allowedLink.test(href)) problems.push({ line, message: `link "${href}" must be an absolute http(s) or mailto: URL` });
        open.push({ type: "link", start: text.length, href });
        break;
      }
      case "link_close":
        close("link");
        break;
      case "image": // only in a note's text: an article's images are figures (figureOf)
        problems.push({ line, message: "images are not supported in notes" });
        break;
      default:
        text += c.content;
    }
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, offset: 0, marks, notes: [] };
}

function describe(t: Token): string {
  switch (t.type) {
    case "fence":
    case "code_block":
      return "a code block";
    case "hr":
      return "a horizontal rule";
    default:
      return `"${t.type.replace(/_open$/, "")}"`;
  }
}

/** Give each run its offset in the plain text (runs joined by "\n\n"); returns that text. */
export function assignOffsets(blocks: Block[]): string {
  let offset = 0;
  const parts: string[] = [];
  for (const run of runsOf(blocks)) {
    run.offset = offset;
    parts.push(run.text);
    offset += run.text.length + 2;
  }
  return parts.join("\n\n");
}
