/**
 * /search?q=…: the search form and a page of ranked results, matched words in <mark>, with
 * rel="prev"/"next" both in the head and as visible links. Works with no JavaScript at all
 * (the form is a plain GET; the CSP needs `form-action 'self'` for it).
 */
import type { Site } from "../../model/document.ts";
import type { Marked } from "../../search/snippet.ts";
import type { SearchHit, SearchPage } from "../../search/query.ts";
import { maxQueryLength } from "../../search/query.ts";
import { searchPaths, searchUrl } from "../../search/urls.ts";
import { escape } from "../escape.ts";
import { langDir } from "../lang.ts";
import { humanDate, isoDay } from "../dates.ts";
import { paths } from "../urls.ts";
import { renderPage } from "./layout.ts";
import { thousands } from "../numbers.ts";

/**
 * Text with its marks wrapped in <mark>, every piece escaped. Marks out of order, overlapping
 * or out of range are skipped rather than trusted.
 */
export function markedHtml(m: Marked): string {
  let out = "";
  let at = 0;
  for (const { start, end } of m.marks) {
    if (!(Number.isInteger(start) && Number.isInteger(end)) || start < at || end <= start || end > m.text.length) continue;
    out += `${escape(m.text.slice(at, start))}<mark>${escape(m.text.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escape(m.text.slice(at));
}

export function searchForm(query: string): string {
  return `<form role="search" aria-label="Search" method="get" action="${searchPaths.html}">
<label for="q">Search the articles</label>
<input type="search" id="q" name="q" value="${escape(query)}" maxlength="${maxQueryLength}" autocomplete="off">
<button type="submit">Search</button>
</form>`;
}

/**
 * A result: its title and dek in the article's language and direction; its snippet in the
 * article's language but `dir="auto"` (it may be cut from a note's original, in another
 * script); the date in the site's.
 */
function hitHtml(h: SearchHit): string {
  const own = langDir(h.language);
  return `<li>
<h2${own}><a href="${escape(paths.article(h.slug))}">${markedHtml(h.title)}</a></h2>
<p${own}>${markedHtml(h.dek)}</p>
<p class="small" lang="${escape(h.language)}" dir="auto">${markedHtml(h.snippet)}</p>
<p class="small"><time datetime="${escape(isoDay(h.date))}">${escape(humanDate(h.date))}</time></p>
</li>`;
}

const plural = (n: number, one: string, many: string) => `${thousands(n)} ${n === 1 ? one : many}`;

export function renderSearchPage(site: Site, results: SearchPage<SearchHit>): string {
  const q = results.query;
  const link = (page: number) => searchUrl(searchPaths.html, q, page);
  const head = [
    `<meta name="robots" content="noindex">`,
    ...(results.prev ? [`<link rel="prev" href="${escape(link(results.prev))}">`] : []),
    ...(results.next ? [`<link rel="next" href="${escape(link(results.next))}">`] : []),
  ].join("\n");

  let summary: string;
  if (q === "") summary = `<p>Type one or more words: titles, summaries, tags, article text and notes are searched.</p>`;
  else if (results.total === 0) summary = `<p>No article matches “<bdi>${escape(q)}</bdi>”.</p>`;
  else if (results.hits.length === 0) summary = `<p>${plural(results.total, "article matches", "articles match")} “<bdi>${escape(q)}</bdi>”, but page ${results.page} is past the last one (${results.pages}).</p>`;
  else {
    const first = (results.page - 1) * results.pageSize + 1;
    summary = `<p>${plural(results.total, "article matches", "articles match")} “<bdi>${escape(q)}</bdi>”${results.pages > 1 ? `; results ${first}–${first + results.hits.length - 1}, page ${results.page} of ${results.pages}` : ""}.</p>`;
  }
  const start = (results.page - 1) * results.pageSize + 1;
  const list = results.hits.length ? `\n<ol class="list" start="${start}">\n${results.hits.map(hitHtml).join("\n")}\n</ol>` : "";
  const nav =
    results.prev || results.next
      ? `\n<nav aria-label="Result pages"><p>${results.prev ? `<a rel="prev" href="${escape(link(results.prev))}">← Previous page</a>` : ""}${results.prev && results.next ? " · " : ""}${results.next ? `<a rel="next" href="${escape(link(results.next))}">Next page →</a>` : ""}</p></nav>`
      : "";
  const body = `<h1>Search</h1>
${searchForm(q)}
${summary}${list}${nav}`;
  const title = q ? `“${q}”${results.page > 1 ? `, page ${results.page}` : ""} · Search · ${site.title}` : `Search · ${site.title}`;
  return renderPage({ site, path: q ? link(results.page) : searchPaths.html, title, description: `Search ${site.title}`, language: site.language, head, body });
}
