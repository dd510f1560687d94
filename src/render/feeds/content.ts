/**
 * An article's full content as HTML for feed readers: the dek, an attribution line linking the
 * original, the body, then the notes as endnotes. Every link is absolute (feed readers show
 * content away from the site), note references point at the article page, and the markup is
 * well-formed XHTML as well as HTML. Carries no ids, since a reader may show many items on one page.
 */
import type { Article, ArticleMeta, Site, TextRun } from "../../model/document.ts";
import { escape, stripForbidden } from "../escape.ts";
import { attributionSentences, attributionView, renderWords } from "../attribution.ts";
import { renderBlocks } from "../blocks.ts";
import { renderInline } from "../inline.ts";
import { noteView, sourceSeparator, type NoteView } from "../note-view.ts";
import { absolute, articleUrl, noteId, noteRefId } from "../urls.ts";
import { direction } from "../lang.ts";

// Links in the model are absolute already: the loader accepts only http(s) and mailto: links
// (src/content/markdown.ts) and http(s) URLs for sources (src/content/schema.ts).

/** A run of the article: each annotated phrase followed by `<sup><a href="…#note-N">N</a></sup>`. */
function articleRun(run: TextRun, url: string): string {
  return renderInline(run, {
    noteTag: "span",
    noteRef: (note) => `<sup><a href="${escape(`${url}#${noteId(note.number)}`)}">${note.number}</a></sup>`,
  });
}

/** A run of a note: notes have no notes of their own. */
function noteRun(run: TextRun): string {
  return renderInline(run, { noteTag: "span", noteRef: () => "" });
}

/** The attribution (attribution.ts) as one `<p>`. */
export function renderAttribution(site: Site, article: ArticleMeta): string {
  return `<p>${attributionSentences(attributionView(site, article))
    .map((w) => renderWords(w, { time: true }))
    .join(" ")}</p>`;
}

function renderNote(v: NoteView, url: string): string {
  const [first, ...rest] = v.body;
  const label = `<strong>${escape(v.label)}</strong>`;
  const paragraphs = [`<p>${label}${first ? ` ${noteRun(first)}` : ""}</p>`, ...rest.map((r) => `<p>${noteRun(r)}</p>`)];
  if (v.original) {
    const { label, lang, text } = v.original;
    paragraphs.push(`<p>${escape(label)}</p>`, `<blockquote lang="${escape(lang)}" dir="${direction(lang)}"><p>${escape(text)}</p></blockquote>`);
  }
  if (v.sources) paragraphs.push(`<p>${escape(v.sources.label)} ${v.sources.items.map((s) => `<a href="${escape(s.url)}">${escape(s.title)}</a>`).join(sourceSeparator)}</p>`);
  paragraphs.push(`<p><a href="${escape(`${url}#${noteRefId(v.number)}`)}">↩ Back to the text</a></p>`);
  return `<li value="${v.number}">${paragraphs.join("")}</li>`;
}

/** The notes, in number order, as an ordered list under a "Notes" heading; "" when there are none. */
function renderEndnotes(site: Site, article: Article): string {
  if (article.annotations.length === 0) return "";
  const url = articleUrl(site, article);
  const notes = [...article.annotations].sort((a, b) => a.number - b.number);
  return `<h2>Notes</h2>\n<ol>\n${notes.map((n) => renderNote(noteView(n), url)).join("\n")}\n</ol>`;
}

/** The whole article for `content:encoded`, Atom `content` and JSON Feed `content_html`. */
export function renderFeedContent(site: Site, article: Article): string {
  const url = articleUrl(site, article);
  return [
    `<p><em>${escape(article.dek)}</em></p>`,
    renderAttribution(site, article),
    renderBlocks(article.blocks, (r) => articleRun(r, url), { imageUrl: (path) => absolute(site.url, path) }),
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
  const text = first?.type === "paragraph" ? stripForbidden(first.content.text).replace(/\n/g, " ").trim() : "";
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  // stripForbidden again: a cut between the halves of a surrogate pair leaves a lone half.
  return `${stripForbidden(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
