/**
 * An article's full content as HTML for feed readers: the dek, an attribution line linking the
 * original, the body, then the notes as endnotes. Every link is absolute (feed readers show
 * content away from the site), note references point at the article page, and the markup is
 * well-formed XHTML as well as HTML. Carries no ids, since a reader may show many items on one page.
 */
import type { Annotation, Article, ArticleMeta, Mark, Site, TextRun } from "../../model/document.ts";
import { escape, stripForbidden } from "../escape.ts";
import { renderBlocks } from "../blocks.ts";
import { renderInline } from "../inline.ts";
import { noteId, noteRefId } from "../urls.ts";
import { humanDate } from "../dates.ts";
import { kindLabel } from "../kinds.ts";
import { directionAttr } from "../lang.ts";
import { articleUrl, homeUrl } from "./items.ts";


const linkable = /^(https?:|mailto:)/i;

/** An absolute http(s) or mailto: URL for `href`, resolved against `base`; undefined for anything else. */
export function absoluteHref(href: string, base: string): string | undefined {
  const url = parses(href) ? href : parses(href, base) ? new URL(href, base).href : undefined;
  return url !== undefined && linkable.test(url) ? url : undefined;
}

/** `URL.canParse`, written out for runtimes that predate it. An absolute URL is kept as written. */
function parses(href: string, base?: string): boolean {
  try {
    new URL(href, base);
    return true;
  } catch {
    return false;
  }
}

/** The run with every link made absolute; links that cannot be (e.g. `javascript:`) become plain text. */
function withAbsoluteLinks(run: TextRun, base: string): TextRun {
  if (!run.marks.some((m) => m.type === "link")) return run;
  const marks = run.marks.flatMap((m): Mark[] => {
    if (m.type !== "link") return [m];
    const href = absoluteHref(m.href, base);
    return href === undefined ? [] : [{ ...m, href }];
  });
  return { ...run, marks };
}

/** A run of the article: each annotated phrase followed by `<sup><a href="…#note-N">N</a></sup>`. */
function articleRun(run: TextRun, url: string): string {
  return renderInline(withAbsoluteLinks(run, url), {
    noteTag: "span",
    noteRef: (note) => `<sup><a href="${escape(`${url}#${noteId(note.number)}`)}">${note.number}</a></sup>`,
  });
}

/** A run of a note: notes have no notes of their own. */
function noteRun(run: TextRun, url: string): string {
  return renderInline(withAbsoluteLinks(run, url), { noteTag: "span", noteRef: () => "" });
}

/** `<time>` for "2025", "2025-02" or "2025-02-24", with the right preposition: "in February 2025", "on 24 February 2025". */
function whenPublished(date: string): string {
  const preposition = date.length === 10 ? "on" : "in";
  return `${preposition} <time datetime="${escape(date)}">${escape(humanDate(date))}</time>`;
}

/**
 * Who published the original, when (as precisely as known) and where, with the byline only
 * when it is known; then whose edition this is. One `<p>`.
 */
export function renderAttribution(site: Site, article: ArticleMeta): string {
  const { publisher, url, date } = article.source;
  const source = absoluteHref(url, articleUrl(site, article));
  const lead = article.author ? `Written by ${escape(article.author)} and originally published` : "Originally published";
  const link = source === undefined ? escape(url) : `<a href="${escape(source)}">${escape(source)}</a>`;
  const notes = article.noteCount;
  const edition = notes === 0 ? "" : ` Annotated edition by <a href="${escape(homeUrl(site))}">${escape(site.title)}</a>, with ${notes} ${notes === 1 ? "note" : "notes"} at the end.`;
  return `<p>${lead} by ${escape(publisher)} ${whenPublished(date)}: ${link}.${edition}</p>`;
}

function renderNote(note: Annotation, url: string): string {
  const [first, ...rest] = note.body;
  const label = `<strong>${escape(kindLabel(note.kind))}.</strong>`;
  const paragraphs = [`<p>${label}${first ? ` ${noteRun(first, url)}` : ""}</p>`, ...rest.map((r) => `<p>${noteRun(r, url)}</p>`)];
  if (note.original) {
    const { lang, text } = note.original;
    const dir = directionAttr(lang);
    paragraphs.push(`<blockquote lang="${escape(lang)}"${dir}><p>${escape(text)}</p></blockquote>`);
  }
  if (note.sources.length > 0) {
    const links = note.sources.map((s) => {
      const href = absoluteHref(s.url, url);
      return href === undefined ? escape(s.title) : `<a href="${escape(href)}">${escape(s.title)}</a>`;
    });
    paragraphs.push(`<p>${note.sources.length === 1 ? "Source" : "Sources"}: ${links.join("; ")}.</p>`);
  }
  paragraphs.push(`<p><a href="${escape(`${url}#${noteRefId(note.number)}`)}">↩ Back to the text</a></p>`);
  return `<li value="${note.number}">${paragraphs.join("")}</li>`;
}

/** The notes, in number order, as an ordered list under a "Notes" heading; "" when there are none. */
export function renderEndnotes(site: Site, article: Article): string {
  if (article.annotations.length === 0) return "";
  const url = articleUrl(site, article);
  const notes = [...article.annotations].sort((a, b) => a.number - b.number);
  return `<h2>Notes</h2>\n<ol>\n${notes.map((n) => renderNote(n, url)).join("\n")}\n</ol>`;
}

/** The whole article for `content:encoded`, Atom `content` and JSON Feed `content_html`. */
export function renderFeedContent(site: Site, article: Article): string {
  const url = articleUrl(site, article);
  return [
    `<p><em>${escape(article.dek)}</em></p>`,
    renderAttribution(site, article),
    renderBlocks(article.blocks, (r) => articleRun(r, url)),
    renderEndnotes(site, article),
  ]
    .filter((part) => part !== "")
    .join("\n");
}

/** A plain-text summary: the dek, or failing that the opening paragraph cut at a word near `max` characters. */
export function summaryText(article: ArticleMeta & Partial<Pick<Article, "blocks">>, max = 300): string {
  const dek = stripForbidden(article.dek).trim();
  if (dek !== "") return dek;
  const first = article.blocks?.find((b) => b.type === "paragraph");
  const text = first?.type === "paragraph" ? stripForbidden(first.content.text).trim() : "";
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  // stripForbidden again: a cut between the halves of a surrogate pair leaves a lone half.
  return `${stripForbidden(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
