/**
 * `npm run check-source -- <slug>`: the original read again (from the web, or a saved file with
 * --file) and compared with article.md, paragraph by paragraph (src/import/paragraph-diff.ts),
 * with the notes of annotations.yaml that would no longer anchor (src/content/anchor.ts) if the
 * editor took the original's new wording. Reads; writes nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { anchorQuote, type Quote } from "../content/anchor.ts";
import { assignOffsets, parseMarkdown } from "../content/markdown.ts";
import { runsOf } from "../model/text.ts";
import { ImportError } from "../import/errors.ts";
import { defaultLimits, type FetchLimits } from "../import/fetch-page.ts";
import { diffParagraphs, diffWords, showWords, type ParagraphChange } from "../import/paragraph-diff.ts";
import { placeFigures } from "../import/to-markdown.ts";
import { readOriginal } from "./import-article.ts";

export interface CheckReport {
  /** Where the original was read: its URL, or the file. */
  source: string;
  /** The title and the dek, when the original's differ from the front matter's. */
  fields: { field: "title" | "dek"; ours: string; theirs: string }[];
  ours: string[];
  theirs: string[];
  changes: ParagraphChange[];
  /** Notes that anchor in article.md today and would not in the original's text. */
  lost: { id: string; exact: string; why: string }[];
}

export async function checkSource(articlesDir: string, slug: string, options: { file?: string; limits?: FetchLimits } = {}): Promise<CheckReport> {
  const dir = join(articlesDir, slug);
  const file = join(dir, "article.md");
  if (!existsSync(file)) throw new ImportError(`${file} not found: give the slug of an article in ${articlesDir}`);
  const source = readFileSync(file, "utf8").replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
  const meta = (fm ? parse(fm[1]!) : {}) as { title?: unknown; dek?: unknown; source?: { url?: unknown } };
  const url = typeof meta?.source?.url === "string" ? meta.source.url : "";
  if (!url) throw new ImportError(`${file} has no source.url: write the original's address in the front matter`);

  const original = await readOriginal(options.file ?? url, options.file ? url : undefined, { ...defaultLimits, ...options.limits });
  const runs = (markdown: string) => {
    const { blocks } = parseMarkdown(markdown);
    return { texts: runsOf(blocks).map((r) => r.text), text: assignOffsets(blocks) };
  };
  const ours = runs(source.slice(fm ? fm[0].length : 0));
  const theirs = runs(placeFigures(original.markdown, [], original.figures));

  const fields: CheckReport["fields"] = [];
  for (const field of ["title", "dek"] as const) {
    const mine = typeof meta?.[field] === "string" ? (meta[field] as string) : "";
    const found = original.metadata[field]?.value;
    if (mine && found && mine.replace(/\s+/g, " ").trim() !== found) fields.push({ field, ours: mine, theirs: found });
  }

  const lost: CheckReport["lost"] = [];
  const notesFile = join(dir, "annotations.yaml");
  const notes = existsSync(notesFile) ? (parse(readFileSync(notesFile, "utf8")) as unknown) : [];
  for (const note of Array.isArray(notes) ? notes : []) {
    const id = typeof note?.id === "string" ? note.id : "?";
    const anchor = note?.anchor as Quote | undefined;
    if (typeof anchor?.exact !== "string" || !anchorQuote(ours.text, anchor).ok) continue; // the build reports those
    const hit = anchorQuote(theirs.text, anchor);
    if (!hit.ok) lost.push({ id, exact: anchor.exact, why: hit.reason === "nowhere" ? "its phrase is nowhere in the new wording" : `its phrase would match ${hit.count} places` });
  }
  return { source: options.file ?? url, fields, ours: ours.texts, theirs: theirs.texts, changes: diffParagraphs(ours.texts, theirs.texts), lost };
}

/** The report as the command prints it. */
export function formatCheck(report: CheckReport, shownFile: string): string {
  const quote = (s: string) => `"${s.length > 160 ? `${s.slice(0, 159).trimEnd()}…` : s}"`;
  const lines = [`Compared ${shownFile} with ${report.source}.`];
  for (const f of report.fields) lines.push(`${f.field} differs: ${showWords(diffWords(f.ours, f.theirs))}`);
  for (const c of report.changes) {
    if (c.kind === "changed") lines.push(`¶${c.ours + 1} changed: ${showWords(c.words)}`);
    else if (c.kind === "removed") lines.push(`¶${c.ours + 1} is no longer in the original: ${quote(report.ours[c.ours]!)}`);
    else if (c.kind === "added") lines.push(`new in the original, ${c.after < 0 ? "before ¶1" : `after ¶${c.after + 1}`}: ${quote(report.theirs[c.theirs]!)}`);
  }
  const differs = report.fields.length > 0 || report.changes.some((c) => c.kind !== "same");
  if (!differs) lines.push(`The original's text is the same as article.md's, paragraph by paragraph.`);
  else if (report.lost.length === 0) lines.push(`Every note would still anchor with the new wording.`);
  else {
    lines.push(`Notes that would no longer anchor with the new wording (annotations.yaml):`);
    for (const n of report.lost) lines.push(`  ${n.id} ("${n.exact}"): ${n.why}`);
  }
  lines.push(`Nothing was changed.`);
  return lines.join("\n");
}
