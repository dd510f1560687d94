/**
 * The build's search step: the index of src/search/index-build.ts as files under /_search/
 * among the static assets (manifest, term buckets, text shards), each with its record (type,
 * size, strong ETag) in the build's manifest, as every built file has.
 */
import { createHash } from "node:crypto";
import type { Recorded } from "../model/assets.ts";
import type { Article } from "../model/document.ts";
import { strongEtag } from "../model/etag.ts";
import { buildSearchIndex } from "../search/index-build.ts";
import { searchFiles } from "../search/urls.ts";

export interface SearchFile {
  /** URL path among the static assets (`/_search/…`). */
  path: string;
  data: Buffer;
  record: Recorded;
}

const json = "application/json";
const jsonLines = "application/jsonl";

/** The index files for `articles` (newest first, as the corpus has them). */
export function searchIndexFiles(articles: readonly Article[]): SearchFile[] {
  const built = buildSearchIndex(articles);
  const files: [string, string, string][] = [
    [searchFiles.manifest, json, built.manifest],
    ...built.buckets.map((b, n): [string, string, string] => [searchFiles.bucket(n), json, b]),
    ...built.shards.map((s, n): [string, string, string] => [searchFiles.shard(n), jsonLines, s]),
  ];
  return files.map(([path, type, text]) => {
    const data = Buffer.from(text, "utf8");
    return { path, data, record: { type, size: data.byteLength, etag: strongEtag(createHash("sha256").update(data).digest()) } };
  });
}
