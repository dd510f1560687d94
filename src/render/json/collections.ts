/**
 * /collections.json (and /collections/page/<n>.json): the collection EPUBs as JSON, in the order
 * and pages of /collections, with `prev`/`next` as the article lists have them
 * (src/render/json/index.ts): following `next` from the first page reaches every book.
 * Described by /schema/collections.json (src/build/collections-json-schema.ts).
 */
import type { ListedCollection, Site } from "../../model/document.ts";
import { pagePath, type Page } from "../../model/paging.ts";
import { absolute, paths } from "../urls.ts";
import { pageFields } from "./index.ts";

export function renderCollectionsJson(site: Site, page: Page<ListedCollection>): string {
  const url = (path: string) => absolute(site.url, path);
  return JSON.stringify({
    $schema: url(paths.collectionsSchema),
    title: `Collections · ${site.title}`,
    description: `Every tag and month of ${site.title} as one EPUB: months newest first, then tags.`,
    url: url(pagePath(paths.collections, page.number)),
    language: site.language,
    ...pageFields(site, page),
    collections: page.items.map((c) => ({
      title: c.title,
      kind: c.kind,
      key: c.key,
      name: c.name,
      volume: c.volume,
      volumes: c.volumes,
      articles: c.count,
      updated: c.updated,
      bytes: c.bytes,
      epub: url(c.path),
      ...(c.kind === "tag" ? { html: url(paths.tag(c.key)) } : {}),
    })),
  });
}
