/**
 * A clipped text in the seed's shape (test/fixtures/seed/): blocks separated by blank lines,
 * the title first, then the link to the original (a line holding only a URL, optionally in <…>;
 * it may be left out), the standfirst, then the paragraphs. A .txt file's paragraphs are plain
 * text, escaped here so that Markdown reads them back word for word; a .md file's are Markdown
 * already (its title may start with "# ").
 */
import { escapeMarkdown } from "./to-markdown.ts";

export interface Clipped {
  title?: string;
  /** The link line as written, without its <…>. */
  link?: string;
  dek?: string;
  /** The paragraphs as Folio Markdown, joined by blank lines. */
  markdown: string;
}

const linkLine = /^<?(https?:\/\/[^\s<>]+)>?$/i;

export function parseClipped(text: string, format: "txt" | "md"): Clipped {
  const blocks = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const out: Clipped = { markdown: "" };
  const plain = (b: string) => (format === "md" ? b.replace(/^#+\s+/, "") : b).replace(/\s*\n\s*/g, " ");
  const title = blocks.shift();
  if (title) out.title = plain(title);
  const link = linkLine.exec(blocks[0] ?? "");
  if (link) {
    out.link = link[1]!;
    blocks.shift();
  }
  const dek = blocks.shift();
  if (dek) out.dek = plain(dek);
  out.markdown = blocks.map((b) => (format === "md" ? b : b.split("\n").map((line) => escapeMarkdown(line.trim())).join("\n"))).join("\n\n");
  return out;
}
