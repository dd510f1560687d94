/**
 * The collections as the site lists them (/collections, /opds/collections.xml, a tag's page):
 * only the books the build made (those with a size), months newest first, then tags by slug,
 * each collection's volumes in order; and which articles each volume holds, worked out from the
 * catalog's articles and the volumes' counts (a volume holds the next `count` articles of its
 * collection, oldest first: plan.ts), so the catalog need not list them.
 *
 * Pure, like plan.ts: the worker imports it.
 */
import type { ArticleMeta, CollectionInfo, ListedCollection } from "../model/document.ts";
import { newestFirst } from "../model/order.ts";
import { tagSlug } from "../model/tags.ts";
import { monthOf } from "./plan.ts";

// Moved below, where the renderers that show them can import them: the type to the model, the words to render/numbers.ts.
export type { ListedCollection } from "../model/document.ts";
export { articleCount, humanBytes } from "../render/numbers.ts";

/** The built books in the order every list shows them: months newest first, then tags by slug; volumes in order. */
export function listedCollections(collections: readonly CollectionInfo[] | undefined): ListedCollection[] {
  const built = (collections ?? []).filter((c): c is ListedCollection => typeof c.bytes === "number");
  const rank = (c: CollectionInfo) => (c.kind === "month" ? 0 : 1);
  return built.sort((a, b) => rank(a) - rank(b) || (a.kind === "month" ? cmp(b.key, a.key) : cmp(a.key, b.key)) || a.volume - b.volume);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A tag's books (its volumes in order), by the tag's slug. */
export function collectionsByTag(listed: readonly ListedCollection[]): Map<string, ListedCollection[]> {
  const byTag = new Map<string, ListedCollection[]>();
  for (const c of listed) if (c.kind === "tag") byTag.set(c.key, [...(byTag.get(c.key) ?? []), c]);
  return byTag;
}

/**
 * The articles of each volume, oldest first, by the volume's path. `articles` is the catalog's
 * (any order). `tags`, when given, are its tags already worked out (the catalog's, each tag's
 * articles newest first), so that no tag is slugged again here. A volume whose collection the
 * articles do not fill (a catalog out of step with its plan) gets what there is.
 */
export function volumeArticles<A extends ArticleMeta>(articles: readonly A[], listed: readonly CollectionInfo[], tags?: readonly { slug: string; articles: readonly A[] }[]): Map<string, A[]> {
  const oldestFirst = [...articles].sort((a, b) => newestFirst(b, a));
  const groups = new Map<string, A[]>();
  const add = (group: string, a: A) => {
    const list = groups.get(group);
    if (list) list.push(a);
    else groups.set(group, [a]);
  };
  for (const a of oldestFirst) {
    add(`month ${monthOf(a)}`, a);
    if (!tags) for (const slug of new Set(a.tags.map(tagSlug))) add(`tag ${slug}`, a);
  }
  for (const tag of tags ?? []) groups.set(`tag ${tag.slug}`, [...tag.articles].reverse());
  // The volumes before each one hold the articles before it: sum their counts in volume order.
  const byCollection = new Map<string, CollectionInfo[]>();
  for (const c of listed) byCollection.set(`${c.kind} ${c.key}`, [...(byCollection.get(`${c.kind} ${c.key}`) ?? []), c]);
  const result = new Map<string, A[]>();
  for (const [group, volumes] of byCollection) {
    const all = groups.get(group) ?? [];
    let start = 0;
    for (const v of [...volumes].sort((a, b) => a.volume - b.volume)) {
      result.set(v.path, all.slice(start, start + v.count));
      start += v.count;
    }
  }
  return result;
}
