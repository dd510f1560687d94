/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the specification's required fields and
 * value types, then Folio's item rules (absolute URL, stable id, date, full text, absolute URLs in content).
 */
import type { Check, Problems } from "./check.ts";
import { contentTypeProblems } from "./content-types.ts";
import { slugOf } from "./feed-items.ts";
import type { ArticleJson } from "./live.ts";
import { articleTexts, firstMissing, htmlText, isAbsoluteWebUrl, quote, relativeUrlProblems } from "./text.ts";
import { builtModel, expectedFeedItems } from "./model.ts";
import { articlesBySlug, tagFeedExpectations } from "./xml-feeds.ts";
import { paths } from "../../src/render/urls.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i;

export function jsonFeedProblems(what: string, text: string, articles: Map<string, ArticleJson> = new Map(), expectedCount?: number): Problems {
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch (error) {
    return [`${what} is not JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (!isObj(feed)) return [`${what}: the top level must be an object`];
  const problems: Problems = [];
  const required = (o: Obj, key: string, where: string) => {
    if (!(key in o)) problems.push(`${where}: required field "${key}" is missing`);
  };
  const stringField = (o: Obj, key: string, where: string, url = false) => {
    if (!(key in o)) return;
    const v = o[key];
    if (typeof v !== "string" || v === "") problems.push(`${where}: "${key}" must be a non-empty string`);
    else if (url && !isAbsoluteWebUrl(v)) problems.push(`${where}: "${key}" ${quote(v)} is not an absolute URL`);
  };
  const authors = (o: Obj, where: string) => {
    if ("author" in o && !("authors" in o)) problems.push(`${where}: "author" is JSON Feed 1.0; 1.1 uses "authors"`);
    if (!("authors" in o)) return;
    if (!Array.isArray(o["authors"])) return problems.push(`${where}: "authors" must be an array`);
    (o["authors"] as unknown[]).forEach((a, i) => {
      if (!isObj(a) || !["name", "url", "avatar"].some((k) => typeof a[k] === "string")) problems.push(`${where}: authors[${i}] needs at least one of name, url, avatar`);
    });
  };

  required(feed, "version", what);
  if ("version" in feed && feed["version"] !== "https://jsonfeed.org/version/1.1") problems.push(`${what}: "version" is ${JSON.stringify(feed["version"])}, expected "https://jsonfeed.org/version/1.1"`);
  required(feed, "title", what);
  stringField(feed, "title", what);
  for (const key of ["home_page_url", "feed_url", "icon", "favicon", "next_url"]) stringField(feed, key, what, true);
  authors(feed, what);
  required(feed, "items", what);
  if ("items" in feed && !Array.isArray(feed["items"])) problems.push(`${what}: "items" must be an array`);
  const items = Array.isArray(feed["items"]) ? (feed["items"] as unknown[]) : [];
  if ("items" in feed && items.length === 0) problems.push(`${what}: the feed has no items`);
  if (expectedCount !== undefined && items.length !== expectedCount) problems.push(`${what}: ${items.length} items, expected ${expectedCount}`);

  const ids = new Set<string>();
  items.forEach((item, i) => {
    const where = `${what} items[${i}]${isObj(item) && typeof item["title"] === "string" ? ` (${quote(item["title"], 50)})` : ""}`;
    if (!isObj(item)) return problems.push(`${where}: must be an object`);
    required(item, "id", where);
    if ("id" in item && (typeof item["id"] !== "string" || item["id"] === "")) problems.push(`${where}: "id" must be a non-empty string`);
    for (const key of ["url", "external_url", "image", "banner_image"]) stringField(item, key, where, true);
    for (const key of ["title", "summary", "language"]) stringField(item, key, where);
    if (!("content_html" in item) && !("content_text" in item)) problems.push(`${where}: needs content_html or content_text (one is required)`);
    for (const key of ["date_published", "date_modified"]) {
      if (key in item && (typeof item[key] !== "string" || !rfc3339.test(item[key] as string))) problems.push(`${where}: "${key}" ${JSON.stringify(item[key])} is not an RFC 3339 date-time`);
    }
    if ("tags" in item && !(Array.isArray(item["tags"]) && item["tags"].every((t) => typeof t === "string"))) problems.push(`${where}: "tags" must be an array of strings`);
    authors(item, where);
    if ("attachments" in item) {
      if (!Array.isArray(item["attachments"])) problems.push(`${where}: "attachments" must be an array`);
      else
        (item["attachments"] as unknown[]).forEach((a, j) => {
          if (!isObj(a) || typeof a["url"] !== "string" || typeof a["mime_type"] !== "string") problems.push(`${where}: attachments[${j}] needs "url" and "mime_type"`);
          else if (!isAbsoluteWebUrl(a["url"])) problems.push(`${where}: attachments[${j}].url ${quote(a["url"])} is not an absolute URL`);
        });
    }

    // Folio's rules for every feed item.
    const id = typeof item["id"] === "string" ? item["id"] : undefined;
    if (id !== undefined) {
      if (ids.has(id)) problems.push(`${where}: id ${quote(id)} is used by another item`);
      ids.add(id);
    }
    const url = typeof item["url"] === "string" ? item["url"] : undefined;
    if (url === undefined) problems.push(`${where}: no "url" (each item must link to its article)`);
    if (!("date_published" in item) && !("date_modified" in item)) problems.push(`${where}: no date_published or date_modified`);
    const article = url ? articles.get(slugOf(url) ?? "") : undefined;
    if (url && articles.size > 0 && !article) problems.push(`${where}: url ${quote(url)} is not the URL of a known article`);
    if (article && id !== undefined && id !== article.url) problems.push(`${where}: id ${quote(id)} is not the article's canonical URL ${article.url} (the id must never change)`);
    if (typeof item["content_html"] === "string") {
      problems.push(...relativeUrlProblems(where, item["content_html"]));
      const missing = article ? firstMissing(htmlText(item["content_html"], { dropNoteRefs: true }), articleTexts(article)) : undefined;
      if (missing) problems.push(`${where}: content_html is not the full text: ${missing} is missing`);
    }
  });
  return problems;
}

export const jsonFeedCheck: Check = {
  name: "feed /feed.json: JSON Feed 1.1 required fields, items",
  async run(live) {
    const { status, headers, body } = await live.text("/feed.json");
    if (status !== 200) return [`GET /feed.json answered ${status}`];
    return [...contentTypeProblems("GET /feed.json", headers.get("Content-Type"), "application/feed+json"), ...jsonFeedProblems("/feed.json", body, await articlesBySlug(live), expectedFeedItems(builtModel()))];
  },
};

export const tagJsonFeedsCheck: Check = {
  name: "feed /tags/<slug>/feed.json (every tag): JSON Feed 1.1 required fields, items",
  async run(live) {
    const articles = await articlesBySlug(live);
    const problems: Problems = [];
    for (const tag of tagFeedExpectations()) {
      const path = paths.tagJsonFeed(tag.slug);
      const { status, headers, body } = await live.text(path);
      if (status !== 200) {
        problems.push(`GET ${path} answered ${status}`);
        continue;
      }
      problems.push(...contentTypeProblems(`GET ${path}`, headers.get("Content-Type"), "application/feed+json"), ...jsonFeedProblems(path, body, articles, tag.slugs.length));
      let listed: unknown[] = [];
      try {
        listed = ((JSON.parse(body) as { items?: { url?: string }[] }).items ?? []).map((i) => (typeof i.url === "string" ? slugOf(i.url) : undefined));
      } catch {
        continue; // jsonFeedProblems has said so
      }
      if (JSON.stringify(listed) !== JSON.stringify(tag.slugs)) problems.push(`${path}: lists ${listed.join(", ")}; the tag ${JSON.stringify(tag.name)}'s newest articles are ${tag.slugs.join(", ")}`);
    }
    return problems;
  },
};
