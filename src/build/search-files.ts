/**
 * The build's search step: the index of src/search/index-build.ts as files under /_search/
 * among the static assets (manifest, term buckets, text shards). Like the article models under
 * /_model/, the worker reads them (through data.ts's loadFile) and serves them at no URL.
 */
import type { Article } from "../model/document.ts";
import { buildSearchIndex } from "../search/index-build.ts";
import { searchFiles } from "../search/urls.ts";

export interface SearchFile {
  /** URL path among the static assets (`/_search/…`). */
  path: string;
  data: Buffer;
}

/** The index files for `articles` (newest first, as the corpus has them). */
export function searchIndexFiles(articles: readonly Article[]): SearchFile[] {
  const built = buildSearchIndex(articles);
  const files: [string, string][] = [
    [searchFiles.manifest, built.manifest],
    ...built.buckets.map((b, n): [string, string] => [searchFiles.bucket(n), b]),
    ...built.shards.map((s, n): [string, string] => [searchFiles.shard(n), s]),
  ];
  return files.map(([path, text]) => ({ path, data: Buffer.from(text, "utf8") }));
}
