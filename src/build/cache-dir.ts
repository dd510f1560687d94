/**
 * The one folder that holds everything the build keeps between runs, so that CI can save and
 * restore it whole (e.g. GitHub Actions' `actions/cache` on `.cache/folio`):
 *
 *   .cache/folio/cards/    rendered covers and Open Graph images, by what they draw, and in by-text/ by what they say (src/cards/cache.ts)
 *   .cache/folio/files/    each article's EPUB, cover and Open Graph image, and each collection volume's EPUB, by their inputs (file-cache.ts, collection-cache.ts)
 *   .cache/folio/figures/  each figure's web sizes, by its source's bytes and name (figure-cache.ts)
 *   .cache/folio/chapters/ each article's documents in a collection's book, and them deflated, by the site and its model (chapter-cache.ts)
 *   .cache/folio/models/   each article's loaded model, by its files and the loading code, and the stat index (model-cache.ts)
 *   .cache/folio/search/   each article's words counted for the search index, 256 articles to a file in list order (search-files.ts)
 *   .cache/folio/pages/    the ETags and sizes of each article's own pages (pages.json, by the site and its model) and of every list, feed and sitemap (lists.json, by what it declares it is made of) (validators.ts)
 *   .cache/folio/sizes.json  each article's estimated bytes in a collection's book (collection-sizes.ts)
 *   .cache/folio/packs/    the pack files of earlier outputs, by what they hold (pack-store.ts)
 *   .cache/folio/code/     the build's own TypeScript stripped of its types, by its text and Node's version (code-cache.ts)
 *   .cache/folio/journal/  the entries each of the newest builds used: what none of them used is removed every few builds (cache-prune.ts)
 *
 * `.cache/folio` is at the project's root, beside package.json, and not under node_modules, so
 * that `npm ci` (which deletes node_modules) does not throw it away. FOLIO_CACHE_DIR=<dir> puts
 * it elsewhere (relative to the working directory); FOLIO_NO_CACHE=1 turns every cache off.
 * Nothing in it is needed: deleting it only makes the next build cold.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const srcDir = fileURLToPath(new URL("../", import.meta.url));

/** The default: `.cache/folio/` in the project's root folder. */
export const defaultCacheRoot = fileURLToPath(new URL("../../.cache/folio/", import.meta.url));

export type CachePart = "cards" | "chapters" | "code" | "figures" | "files" | "models" | "packs" | "search" | "pages";

/** Whether FOLIO_NO_CACHE turns the caches off (set to anything but "" or "0"). */
export function cacheOff(env: NodeJS.ProcessEnv = process.env): boolean {
  const off = env.FOLIO_NO_CACHE;
  return off !== undefined && off !== "" && off !== "0";
}

/** The cache's root folder, or undefined when the caches are off. */
export function cacheRootFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (cacheOff(env)) return undefined;
  return env.FOLIO_CACHE_DIR ? resolve(env.FOLIO_CACHE_DIR) : defaultCacheRoot;
}

/** One part of the cache (a folder under the root), or undefined when the caches are off. */
export function cacheDirFromEnv(part: CachePart, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const root = cacheRootFromEnv(env);
  return root === undefined ? undefined : resolve(root, part);
}

/** An installed package's version ("none" when it is not installed): part of a code digest. */
export function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return "none";
  }
}

/**
 * The digest of the code a cached result depends on: every file under `inputs` (folders or
 * files, relative to `src`, the project's src/ by default), each named by its path, then `extra`
 * (package versions and the like). A change to any of them changes every key made with it.
 */
export function codeDigest(inputs: readonly string[], src: string = srcDir, extra = ""): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash.update(relative(src, path)).update("\0").update(readFileSync(path)).update("\0");
  };
  for (const input of inputs) add(join(src, input));
  if (extra) hash.update(extra);
  return hash.digest("hex");
}

const ownDigests = new Map<string, string>();
/** codeDigest of this process's own src/, computed once per list of inputs. */
export function ownCodeDigest(inputs: readonly string[]): string {
  const key = inputs.join("\0");
  let digest = ownDigests.get(key);
  if (digest === undefined) ownDigests.set(key, (digest = codeDigest(inputs)));
  return digest;
}
