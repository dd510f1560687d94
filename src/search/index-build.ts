/**
 * The search index, made at build time (pure: the caller writes the files).
 *
 * Two artifacts, so that the worker's first search stays small:
 * - `index`: MiniSearch's JSON over title, dek, tags, article text and note text, storing only
 *   what a result line shows (title, dek, date) and the number of the text shard holding the
 *   article's words. No text is stored in it: at 10,000 articles the text is ~70 MB, more than
 *   half an isolate's 128 MB and far beyond 10 ms of parsing.
 * - `shards`: the text snippets are cut from, packed newest first into JSON files of at most
 *   `shardBytes` (`{"<slug>": "<text>", …}`). A page of results needs at most one shard per
 *   result, so the worker parses at most pageSize × shardBytes for snippets.
 */
import MiniSearch from "minisearch";
import type { Article } from "../model/document.ts";
import { plainText, runsOf } from "../model/text.ts";
import { indexOptions, type SearchDocument } from "./options.ts";

export interface SearchBuild {
  /** MiniSearch's serialized index; load it with `loadSearchIndex`. */
  index: string;
  /** Text shards, in order: shard n is `shards[n]`, a JSON object from slug to snippet text. */
  shards: string[];
}

/** 64 KiB: ~10 articles of 1,000 words per shard; ~1,000 shard files at 10,000 articles. */
export const defaultShardBytes = 64 * 1024;

/** The text of every note, in note order, one note per paragraph. */
export function notesText(article: Pick<Article, "annotations">): string {
  return article.annotations.map((a) => a.body.map((r) => r.text).join(" ")).join("\n\n");
}

/** The text a snippet is cut from: the article's plain text, then its notes. */
export function snippetSource(article: Pick<Article, "blocks" | "annotations">): string {
  const notes = notesText(article);
  return notes ? `${plainText(article)}\n\n${notes}` : plainText(article);
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** Packs newest-first texts into shards of at most `maxBytes` (a text bigger than that gets its own). */
function packShards(texts: readonly { slug: string; text: string }[], maxBytes: number): { shardOf: Map<string, number>; shards: string[] } {
  const shardOf = new Map<string, number>();
  const shards: string[] = [];
  let entries: string[] = [];
  let size = 2; // "{}"
  const flush = () => {
    if (entries.length) shards.push(`{${entries.join(",")}}`);
    entries = [];
    size = 2;
  };
  for (const { slug, text } of texts) {
    const entry = `${JSON.stringify(slug)}:${JSON.stringify(text)}`;
    const bytes = utf8Bytes(entry) + (entries.length ? 1 : 0);
    if (entries.length && size + bytes > maxBytes) flush();
    entries.push(entry);
    size += bytes;
    shardOf.set(slug, shards.length);
  }
  flush();
  return { shardOf, shards };
}

/** The index and the text shards for `articles` (newest first, as in the Corpus). */
export function buildSearchIndex(articles: readonly Article[], options: { shardBytes?: number } = {}): SearchBuild {
  const { shardOf, shards } = packShards(
    articles.map((a) => ({ slug: a.slug, text: snippetSource(a) })),
    options.shardBytes ?? defaultShardBytes,
  );
  const search = new MiniSearch<SearchDocument>(indexOptions);
  search.addAll(
    articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      dek: a.dek,
      tags: a.tags.join(" "),
      text: runsOf(a.blocks)
        .map((r) => r.text)
        .join("\n\n"),
      notes: notesText(a),
      date: a.published,
      language: a.language,
      shard: shardOf.get(a.slug)!,
    })),
  );
  return { index: JSON.stringify(search), shards };
}
