/**
 * The article page: headline, dek, attribution, the text with numbered note references, and
 * the notes. Each note opens as a popover (no JavaScript) and is also listed at the end with a
 * link back to where it was cited. The popovers sit after the block that cites them, never
 * inside it, so the text of every paragraph is the article's words and the reference numbers
 * (what reader views, text browsers and search snippets read). They are `<aside>` elements,
 * which reader views (Readability) leave out: the notes are read once, at the end.
 */
import type { Article, Block, Site, TextRun } from "../../model/document.ts";
import { tagPath, tagSlug } from "../../model/tags.ts";
import { runsOf } from "../../model/text.ts";
import { escape, jsonForScript } from "../escape.ts";
import { attributionView, renderWords } from "../attribution.ts";
import { renderBlocks } from "../blocks.ts";
import { renderInline } from "../inline.ts";
import { noteView, sourceSeparator, type NoteView } from "../note-view.ts";
import { absolute, noteId, noteRefId, paths } from "../urls.ts";
import { renderPage } from "./layout.ts";
import { langDir } from "../lang.ts";

export interface ArticlePageOptions {
  /** Each run of the article's text before it is rendered: used only to mark where the notes' phrases fall in the page's text (src/render/page-anchors.ts). */
  runs?: (r: TextRun) => TextRun;
}

export function renderArticlePage(site: Site, article: Article, options: ArticlePageOptions = {}): string {
  const url = absolute(site.url, paths.article(article.slug));
  const views = new Map(article.annotations.map((a) => [a.id, noteView(a)]));
  // The article (title, dek, text, notes) is in its own language and direction; the site's own
  // words inside it (attribution, labels, links) are marked as the site's (`furniture`).
  const furniture = langDir(site.language);
  const popover = (v: NoteView) => `<aside class="pop" id="pop-${v.number}" popover role="note" aria-label="Note ${v.number}">${noteContent(v, furniture)}<p class="small"${furniture}><a href="#${noteId(v.number)}">Note ${v.number} among all notes</a></p></aside>`;
  const run = (r: TextRun) => renderInline(options.runs ? options.runs(r) : r, { noteRef: (n) => noteReference(views.get(n.id)!, furniture) });
  const popovers = (b: Block) =>
    runsOf([b])
      .flatMap((r) => r.notes)
      .map((n) => "\n" + popover(views.get(n.id)!))
      .join("");
  const body = renderBlocks(article.blocks, run, { after: popovers, tableBox: true });
  const image = absolute(site.url, paths.ogImage(article.slug));
  const head = [
    meta("property", "og:type", "article"),
    meta("property", "og:site_name", site.title),
    meta("property", "og:title", article.title),
    meta("property", "og:description", article.dek),
    meta("property", "og:url", url),
    meta("property", "og:image", image),
    meta("property", "og:image:width", "1200"),
    meta("property", "og:image:height", "630"),
    meta("property", "og:locale", article.language.replace("-", "_")),
    meta("property", "article:published_time", article.published),
    meta("property", "article:modified_time", article.updated),
    ...article.tags.map((t) => meta("property", "article:tag", t)),
    meta("name", "twitter:card", "summary_large_image"),
    meta("name", "twitter:title", article.title),
    meta("name", "twitter:description", article.dek),
    meta("name", "twitter:image", image),
    `<link rel="alternate" type="application/json" href="${escape(absolute(site.url, paths.articleJson(article.slug)))}">`,
    `<link rel="alternate" type="application/epub+zip" href="${escape(absolute(site.url, paths.epub(article.slug)))}" title="EPUB">`,
    `<script type="application/ld+json">${jsonForScript(newsArticle(site, article, url, image))}</script>`,
  ].join("\n");

  const attribution = attributionView(site, article);
  const words = (w: Parameters<typeof renderWords>[0]) => renderWords(w, { time: true });
  const main = `<article${langDir(article.language)}>
<h1>${escape(article.title)}</h1>
<p class="dek">${escape(article.dek)}</p>
<div class="meta"${furniture}>
${attribution.byline ? `<p>${words(attribution.byline)}</p>\n` : ""}<p>${words(attribution.original)}</p>
<p>${words(attribution.edition)}</p>
${tagLine(article.tags)}<p class="formats">Read it as <a href="${paths.epub(article.slug)}" download>EPUB</a> · <a href="${paths.articleJson(article.slug)}" type="application/json">JSON</a> · <a href="${paths.annotations(article.slug)}">annotations (W3C)</a></p>
</div>
${body}
${article.annotations.length ? endnotes([...views.values()], furniture) : ""}
</article>`;
  return renderPage({ site, path: paths.article(article.slug), title: `${article.title} · ${site.title}`, description: article.dek, language: site.language, head, body: main });
}

/** The numbered reference after an annotated phrase: a button (labelled in the site's language) that opens the note's popover. */
function noteReference(v: NoteView, furniture: string): string {
  return `<sup id="${noteRefId(v.number)}"${furniture}><button type="button" class="noteref" popovertarget="pop-${v.number}" aria-label="Note ${v.number}: ${escape(v.kind)}">${v.number}</button></sup>`;
}

/**
 * A note's words as the page shows them, in the popover and in the list of notes: its body in
 * the article's language, the original it quotes in its own (with its direction), the labels
 * in the site's (`furniture`), each source's title isolated (`dir="auto"`: it may be in any).
 */
function noteContent(v: NoteView, furniture: string): string {
  const kind = `<span class="kind"${furniture}>${escape(v.label)}</span>`;
  const body = v.body.map((r, i) => `<p>${i === 0 ? `${kind} ` : ""}${renderInline(r, { noteRef: () => "" })}</p>`);
  if (v.body.length === 0) body.push(`<p>${kind}</p>`);
  const original = v.original
    ? `<p class="orig-label"${furniture}>${escape(v.original.label)}</p><blockquote class="orig"${langDir(v.original.lang)}><p>${escape(v.original.text)}</p></blockquote>`
    : "";
  const sources = v.sources
    ? `<p class="sources"${furniture}>${escape(v.sources.label)} ${v.sources.items.map((s) => `<a href="${escape(s.url)}" rel="external" dir="auto">${escape(s.title)}</a>`).join(sourceSeparator)}</p>`
    : "";
  return `${body.join("")}${original}${sources}`;
}

function endnotes(views: NoteView[], furniture: string): string {
  const items = views
    .map((v) => `<li id="${noteId(v.number)}">${noteContent(v, furniture)}<p class="small"${furniture}><a href="#${noteRefId(v.number)}" aria-label="Back to the text of note ${v.number}">↩ Back to the text</a></p></li>`)
    .join("\n");
  return `<section class="notes" aria-labelledby="notes-heading">
<h2 id="notes-heading"${furniture}>Notes</h2>
<ol>
${items}
</ol>
</section>`;
}

/** The article's tags, each a link to the tag's page with rel="tag"; nothing when it has none. */
function tagLine(tags: readonly string[]): string {
  const linked = tags.filter((t) => tagSlug(t) !== "").map((t) => `<a rel="tag" href="${escape(tagPath(t))}">${escape(t)}</a>`);
  return linked.length ? `<p>Tagged ${linked.join(", ")}</p>\n` : "";
}

function meta(attr: "name" | "property", key: string, value: string): string {
  return `<meta ${attr}="${key}" content="${escape(value)}">`;
}

/** schema.org NewsArticle; isBasedOn names the original, dated only as precisely as known. */
function newsArticle(site: Site, article: Article, url: string, image: string): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.dek,
    url,
    mainEntityOfPage: url,
    inLanguage: article.language,
    datePublished: article.published,
    dateModified: article.updated,
    image,
    wordCount: article.wordCount,
    keywords: article.tags,
    ...(article.author ? { author: { "@type": "Person", name: article.author } } : {}),
    publisher: { "@type": "Organization", name: site.publisher.name, ...(site.publisher.url ? { url: site.publisher.url } : {}) },
    isBasedOn: {
      "@type": "NewsArticle",
      url: article.source.url,
      datePublished: article.source.date,
      publisher: { "@type": "Organization", name: article.source.publisher },
    },
  };
}
