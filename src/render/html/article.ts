/**
 * The article page: headline, dek, attribution, the text with numbered note references,
 * and the notes. Each note opens in place as a popover (no JavaScript) and is also listed
 * at the end with a link back to where it was cited.
 */
import type { Annotation, Article, Site, TextRun } from "../../model/document.ts";
import { escape, jsonForScript } from "../escape.ts";
import { humanDate, isoDay } from "../dates.ts";
import { renderBlocks } from "../blocks.ts";
import { renderInline } from "../inline.ts";
import { absolute, noteId, noteRefId, paths } from "../urls.ts";
import { renderPage } from "./layout.ts";
import { kindLabel } from "../kinds.ts";
import { directionAttr } from "../lang.ts";

export function renderArticlePage(site: Site, article: Article): string {
  const url = absolute(site.url, paths.article(article.slug));
  const notes = new Map(article.annotations.map((a) => [a.id, a]));
  const run = (r: TextRun) =>
    renderInline(r, {
      noteAttrs: (n) => `id="${noteRefId(n.number)}-text"`,
      noteRef: (n) => noteReference(notes.get(n.id)!),
    });
  const body = renderBlocks(article.blocks, run);
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

  const byline = article.author ? `<p>By ${escape(article.author)}.</p>` : "";
  const main = `<article lang="${escape(article.language)}">
<h1>${escape(article.title)}</h1>
<p class="dek">${escape(article.dek)}</p>
<div class="meta">
${byline}<p>Originally published by <a href="${escape(article.source.url)}" rel="external">${escape(article.source.publisher)}</a>, <time datetime="${escape(article.source.date)}">${escape(humanDate(article.source.date))}</time>. This annotated edition: <time datetime="${isoDay(article.published)}">${humanDate(article.published)}</time>${isoDay(article.updated) !== isoDay(article.published) ? `, updated <time datetime="${isoDay(article.updated)}">${humanDate(article.updated)}</time>` : ""}.</p>
<p class="formats">Read it as <a href="${paths.epub(article.slug)}" download>EPUB</a> · <a href="${paths.articleJson(article.slug)}" type="application/json">JSON</a> · <a href="${paths.annotations(article.slug)}">annotations (W3C)</a></p>
</div>
${body}
${article.annotations.length ? endnotes(article.annotations) : ""}
</article>`;
  return renderPage({ site, path: paths.article(article.slug), title: `${article.title} · ${site.title}`, description: article.dek, language: article.language, head, body: main });
}

/** The numbered reference after an annotated phrase, with the note as a popover beside it. */
function noteReference(a: Annotation): string {
  const pop = `pop-${a.number}`;
  return (
    `<sup id="${noteRefId(a.number)}"><button type="button" class="noteref" popovertarget="${pop}" aria-label="Note ${a.number}: ${escape(kindLabel(a.kind))}">${a.number}</button></sup>` +
    `<span class="pop" id="${pop}" popover role="note" aria-label="Note ${a.number}">${noteContent(a, "span")}<span class="p small"><a href="#${noteId(a.number)}">Note ${a.number} among all notes</a></span></span>`
  );
}

/** A note's kind, text, quoted original and sources; `tag` is "span" inside a paragraph. */
export function noteContent(a: Annotation, tag: "span" | "div"): string {
  const wrap = (inner: string, extra = "") => (tag === "span" ? `<span class="p${extra}">${inner}</span>` : `<p${extra ? ` class="${extra.trim()}"` : ""}>${inner}</p>`);
  const original = a.original
    ? `<${tag === "span" ? "span" : "blockquote"} class="orig" lang="${escape(a.original.lang)}"${directionAttr(a.original.lang)}>${escape(a.original.text)}</${tag === "span" ? "span" : "blockquote"}>`
    : "";
  const sources = a.sources.map((s) => `<a href="${escape(s.url)}" rel="external">${escape(s.title)}</a>`).join("; ");
  const body = a.body.map((r, i) => wrap(`${i === 0 ? `<span class="kind">${escape(kindLabel(a.kind))}</span> ` : ""}${renderInline(r, { noteRef: () => "" })}`)).join("");
  return `${body}${original}${wrap(`Source${a.sources.length > 1 ? "s" : ""}: ${sources}`, " sources")}`;
}

function endnotes(annotations: Annotation[]): string {
  const items = annotations
    .map((a) => `<li id="${noteId(a.number)}">${noteContent(a, "div")}<p class="small"><a href="#${noteRefId(a.number)}" aria-label="Back to the text of note ${a.number}">↩ Back to the text</a></p></li>`)
    .join("\n");
  return `<section class="notes" aria-labelledby="notes-heading">
<h2 id="notes-heading">Notes</h2>
<ol>
${items}
</ol>
</section>`;
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
