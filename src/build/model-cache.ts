/**
 * A disk cache of each article's loaded model (src/content/load.ts `ArticleCache`), so that an
 * unchanged article costs a read and a digest of its files, not a parse, a validation and an
 * anchoring. An entry's key is the sha256 of everything its model is made from:
 *   - the code that makes it (`modelCodeHash`: every file under src/content and src/model, and
 *     the versions of the parsers they use), computed once per process;
 *   - what load.ts hands over: the slug, the files' names as shown in messages, article.md's
 *     and annotations.yaml's text, and the names of the files in the article's folder (a figure
 *     that goes missing must be reported, as a cold build would).
 * The previous build's anchors (the hints for re-anchoring) are not in the key: load.ts stores
 * only articles that had no problem and no warning, whose every note was found by its own
 * quote, and such an article is the same whatever the hints are (src/content/anchor-notes.ts
 * uses a hint only for a quote found nowhere).
 *
 *   .cache/folio/models/<key 0..2>/<key>.json   { article, record, tags }
 * (under the build's one cache folder, cache-dir.ts). An entry is written to a temporary name
 * and renamed into place, so a reader never sees half of one; an unreadable entry is made again.
 * A cache that cannot be written never fails the build.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ArticleCache, CachedArticle } from "../content/load.ts";
import { codeDigest, packageVersion } from "./cache-dir.ts";

const srcDir = fileURLToPath(new URL("../", import.meta.url));

/** What the model's code hash covers, relative to src/. */
export const modelCodeInputs = ["content", "model"];

/** The hash of the code that loads an article, under `src` (the project's src/ by default). */
export function modelCodeHash(src: string = srcDir): string {
  return codeDigest(modelCodeInputs, src, JSON.stringify(["markdown-it", "yaml", "zod"].map((name) => [name, packageVersion(name)])));
}

let processCodeHash: string | undefined;
function ownModelCodeHash(): string {
  return (processCodeHash ??= modelCodeHash());
}

/** The model cache in `dir`; `code` is the code hash in every key (this process's own by default). */
export function openModelCache(dir: string, code: string = ownModelCodeHash()): ArticleCache {
  const fileOf = (key: string) => join(dir, key.slice(0, 2), `${key}.json`);
  return {
    key(inputs) {
      const hash = createHash("sha256").update(code);
      for (const input of inputs) hash.update("\0").update(input);
      return hash.digest("hex");
    },
    get(key) {
      try {
        const entry = JSON.parse(readFileSync(fileOf(key), "utf8")) as CachedArticle;
        return entry && typeof entry === "object" && entry.article && entry.record && Array.isArray(entry.tags) ? entry : undefined;
      } catch {
        return undefined; // missing or unreadable: made again
      }
    },
    put(key, entry) {
      const file = fileOf(key);
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
        writeFileSync(temporary, JSON.stringify(entry));
        renameSync(temporary, file);
      } catch {
        // e.g. a read-only folder: the article is loaded again next time
      }
    },
  };
}
