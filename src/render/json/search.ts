/**
 * /search.json?q=… (and /search?q=… with Accept: application/json): a page of ranked results.
 * Matched words are ranges, not markup: `marks` are [start, end) UTF-16 offsets into `text`,
 * which is what JavaScript's String.prototype.slice takes.
 */
import type { Site } from "../../model/document.ts";
import type { SearchHit, SearchPage } from "../../search/query.ts";
import type { Marked } from "../../search/snippet.ts";
import { searchPaths, searchSchemaPath, searchUrl } from "../../search/urls.ts";
import { absolute, paths } from "../urls.ts";

const marked = (m: Marked) => ({ text: m.text, marks: m.marks.map((r) => [r.start, r.end]) });

export function renderSearchJson(site: Site, results: SearchPage<SearchHit>): string {
  const url = (page: number) => absolute(site.url, searchUrl(searchPaths.json, results.query, page));
  return JSON.stringify({
    $schema: absolute(site.url, searchSchemaPath),
    query: results.query,
    url: url(results.page),
    page: results.page,
    pageSize: results.pageSize,
    total: results.total,
    pages: results.pages,
    ...(results.prev ? { prev: url(results.prev) } : {}),
    ...(results.next ? { next: url(results.next) } : {}),
    results: results.hits.map((h) => ({
      slug: h.slug,
      url: absolute(site.url, paths.article(h.slug)),
      json: absolute(site.url, paths.articleJson(h.slug)),
      language: h.language,
      published: h.date,
      score: Math.round(h.score * 1000) / 1000,
      title: marked(h.title),
      dek: marked(h.dek),
      snippet: marked(h.snippet),
    })),
  });
}
