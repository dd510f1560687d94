/**
 * An article of the document model as Pandoc Markdown with footnotes, so pandoc can make the
 * same book: the text with its emphasis, links, headings, quotes and lists, and each
 * annotation as a footnote (`[^n]` after the annotated phrase) holding the note, the original
 * wording and the sources. Text is backslash-escaped, so Pandoc reads every character as written.
 */
import type { Article, Block, Mark, Site, TextRun } from "../../src/model/document.ts";

const escapeText = (s: string) => s.replace(/[!-/:-@[-`{-~]/g, "\\$&");

function codeSpan(s: string): string {
  const ticks = "`".repeat((s.match(/`+/g) ?? []).reduce((n, t) => Math.max(n, t.length), 0) + 1);
  return `${ticks}${s.startsWith("`") || s.endsWith("`") ? ` ${s} ` : s}${ticks}`;
}

/** One run of text with its marks (assumed nested, as Markdown makes them) and note references. */
export function inline(run: TextRun): string {
  const marks = [...run.marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const cuts = new Set<number>([0, run.text.length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  for (const n of run.notes) cuts.add(n.end);
  const points = [...cuts].sort((a, b) => a - b);
  const open: Mark[] = [];
  let out = "";
  const opener = (m: Mark) => (m.type === "em" ? "*" : m.type === "strong" ? "**" : m.type === "link" ? "[" : "");
  const closer = (m: Mark) => (m.type === "em" ? "*" : m.type === "strong" ? "**" : m.type === "link" ? `](${m.href.replace(/[()\s]/g, encodeURIComponent)})` : "");
  for (let i = 0; i < points.length; i++) {
    const at = points[i]!;
    while (open.length > 0 && open[open.length - 1]!.end <= at) out += closer(open.pop()!);
    for (const n of run.notes) if (n.end === at) out += `[^${n.number}]`;
    for (const m of marks) {
      if (m.start !== at || m.end <= at) continue;
      if (m.type === "code") continue; // written whole below
      out += opener(m);
      open.push(m);
    }
    const next = points[i + 1];
    if (next === undefined) break;
    const code = marks.find((m) => m.type === "code" && m.start <= at && next <= m.end);
    const text = run.text.slice(at, next);
    out += code ? codeSpan(text) : escapeText(text);
  }
  while (open.length > 0) out += closer(open.pop()!);
  return out;
}

function block(b: Block): string {
  switch (b.type) {
    case "paragraph":
      return inline(b.content);
    case "heading":
      return `${"#".repeat(b.level)} ${inline(b.content)}`;
    case "quote":
      return b.paragraphs.map((p) => `> ${inline(p)}`).join("\n>\n");
    case "list":
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${inline(item)}`).join("\n");
    case "table": {
      const row = (cells: TextRun[]) => `| ${cells.map((c) => inline(c).replace(/\|/g, "\\|")).join(" | ")} |`;
      const rule = `|${b.align.map((a) => (a === "left" ? ":--" : a === "center" ? ":-:" : a === "right" ? "--:" : "---")).join("|")}|`;
      return [row(b.head), rule, ...b.rows.map(row)].join("\n");
    }
    case "figure":
      return `![${escapeText(b.alt)}](${b.variants.at(-1)?.path ?? b.file}${b.caption ? ` "${b.caption.replace(/"/g, '\\"')}"` : ""})`;
  }
}

export function articleMarkdown(site: Site, article: Article): string {
  const meta = [
    "---",
    `title: ${JSON.stringify(article.title)}`,
    `subtitle: ${JSON.stringify(article.dek)}`,
    `lang: ${article.language}`,
    `publisher: ${JSON.stringify(site.publisher.name)}`,
    `date: ${JSON.stringify(article.published.slice(0, 10))}`,
    `rights: ${JSON.stringify(site.rights)}`,
    ...(article.author ? [`author: ${JSON.stringify(article.author)}`] : []),
    "---",
  ].join("\n");
  const body = article.blocks.map(block).join("\n\n");
  const notes = article.annotations.map((a) => {
    const paragraphs = a.body.map(inline);
    if (a.original) paragraphs.push(`Original (${a.original.lang}): [${escapeText(a.original.text)}]{lang=${a.original.lang}}`);
    paragraphs.push(`Sources: ${a.sources.map((s) => `[${escapeText(s.title)}](${s.url.replace(/[()\s]/g, encodeURIComponent)})`).join("; ")}`);
    return `[^${a.number}]: ${paragraphs.join("\n\n    ")}`;
  });
  return `${meta}\n\n${body}\n\n${notes.join("\n\n")}\n`;
}
