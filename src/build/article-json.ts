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
 *
 * An article the model cache loaded unchanged is lazy (`lazyArticle`): its metadata is there,
 * its body (`blocks`, `annotations`) is parsed from the kept JSON only when a step reads it. A
 * step that needs only the metadata (the catalog, the lists, the collections' plan), or only the
 * text or digest (the model files, model.json, the caches' keys), parses nothing.
 */
import { createHash } from "node:crypto";
import type { Article, ArticleMeta } from "../model/document.ts";
import { figureFree, mayHoldFigures } from "../model/figure-free.ts";

// The text, or (as the model cache read it) its UTF-8 bytes, decoded on first use: bytes are kept
// outside the JavaScript heap, which the collector then need not copy.
const known = new WeakMap<Article, { json?: string; bytes?: Uint8Array; digest?: string }>();

/** JSON.stringify(article), once per article object. */
export function articleJson(article: Article): string {
  let entry = known.get(article);
  if (!entry) known.set(article, (entry = { json: JSON.stringify(article) }));
  if (entry.json === undefined) {
    entry.json = decode(entry.bytes!);
    delete entry.bytes;
  }
  return entry.json;
}

/** articleJson(article) as it is held: its UTF-8 bytes when the model cache kept those (not decoded), else its text. */
export function articleData(article: Article): string | Uint8Array {
  const entry = known.get(article);
  return entry?.bytes ?? articleJson(article);
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

const decode = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");

/** The body's fields, the last two of an article's (src/content/load.ts makes them so): what a lazy article parses on use. */
const bodyFields = ["blocks", "annotations"] as const;

/**
 * An article whose metadata is `meta` and whose whole model's JSON is `json`: `blocks` and
 * `annotations` are getters that parse `json` on first use (once, for the article and every copy
 * of it made with its descriptors). Only for an article without figures, whose body nothing adds
 * to (figures.ts sets its figures' sizes), and whose JSON ends with those two fields: then
 * JSON.stringify gives `json` again, byte for byte.
 */
export function lazyArticle(meta: ArticleMeta, json: string | Uint8Array): Article {
  let whole: Article | undefined;
  const body = () => (whole ??= JSON.parse(typeof json === "string" ? json : decode(json)) as Article);
  const article = { ...meta } as Article;
  for (const field of bodyFields) Object.defineProperty(article, field, { get: () => body()[field], enumerable: true, configurable: true });
  Object.defineProperty(article, figureFree, { value: true });
  return article;
}

/**
 * Where an article's body starts in its JSON (the UTF-8 length of the metadata's part, up to
 * `,"blocks":`) and whether it holds a figure, when its body fields are its last two, as
 * `lazyArticle` needs; else undefined.
 */
export function lazyParts(article: Article, json: string): { metaBytes: number; figures: boolean } | undefined {
  const keys = Object.keys(article);
  if (keys.length < 2 || keys[keys.length - 2] !== bodyFields[0] || keys[keys.length - 1] !== bodyFields[1]) return undefined;
  const meta: Record<string, unknown> = {};
  for (const key of keys.slice(0, -2)) meta[key] = (article as unknown as Record<string, unknown>)[key];
  const head = JSON.stringify(meta).slice(0, -1);
  if (!json.startsWith(`${head}${bodyStart}`)) return undefined;
  return { metaBytes: Buffer.byteLength(head), figures: mayHoldFigures(article) };
}

const bodyStart = `,"${bodyFields[0]}":`;
const bodyStartBytes = Buffer.from(bodyStart);

/**
 * The metadata of an article's JSON (its UTF-8 bytes) whose body starts at `metaBytes`
 * (`lazyParts`); undefined when it does not start there (an entry changed behind the cache's
 * back), or the part before is not an object's JSON.
 */
export function metaOfJson(json: Uint8Array, metaBytes: number): ArticleMeta | undefined {
  if (!Number.isInteger(metaBytes) || metaBytes < 2 || metaBytes + bodyStartBytes.length > json.byteLength) return undefined;
  if (!Buffer.from(json.buffer, json.byteOffset + metaBytes, bodyStartBytes.length).equals(bodyStartBytes)) return undefined;
  try {
    const meta = JSON.parse(`${decode(json.subarray(0, metaBytes))}}`) as unknown;
    return meta && typeof meta === "object" && !Array.isArray(meta) ? (meta as ArticleMeta) : undefined;
  } catch {
    return undefined;
  }
}
