/**
 * Each article's model JSON and its sha256, made once per build and shared by every step that
 * needs them (the model files, model.json, and the keys of the file, search, size and
 * collection caches), instead of each step stringifying every article again.
 *
 * Kept by the article object: a build makes new article objects (src/content/load.ts), so an
 * object's text is never one of an earlier build's. The text is taken on first use, which is
 * after the figures step (the last step that adds to the model: figures.ts) in the build's
 * order; the model cache (model-cache.ts) hands over the text it kept for an article it loaded
 * unchanged, when that text is the article's JSON as built (`knownArticleJson`).
 */
import { createHash } from "node:crypto";
import type { Article } from "../model/document.ts";

// The text, or (as the model cache read it) its UTF-8 bytes, decoded on first use: bytes are kept
// outside the JavaScript heap, which the collector then need not copy.
const known = new WeakMap<Article, { json?: string; bytes?: Uint8Array; digest?: string }>();

/** JSON.stringify(article), once per article object. */
export function articleJson(article: Article): string {
  let entry = known.get(article);
  if (!entry) known.set(article, (entry = { json: JSON.stringify(article) }));
  if (entry.json === undefined) {
    entry.json = Buffer.from(entry.bytes!.buffer, entry.bytes!.byteOffset, entry.bytes!.byteLength).toString("utf8");
    delete entry.bytes;
  }
  return entry.json;
}

/** The sha256 (hex) of articleJson(article). */
export function articleDigest(article: Article): string {
  const entry = known.get(article);
  if (entry?.digest !== undefined) return entry.digest;
  const json = articleJson(article);
  return (known.get(article)!.digest = digestOf(json));
}

export function digestOf(json: string): string {
  return createHash("sha256").update(json).digest("hex");
}

/** Records `json` as the article's JSON (text, or its UTF-8 bytes: the caller knows it is JSON.stringify(article), and that nothing adds to the model later). */
export function knownArticleJson(article: Article, json: string | Uint8Array, digest?: string): void {
  known.set(article, { ...(typeof json === "string" ? { json } : { bytes: json }), ...(digest === undefined ? {} : { digest }) });
}
