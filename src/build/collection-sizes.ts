/**
 * The plan of the collections needs each article's estimated bytes in a book
 * (src/epub/collection-size.ts `estimatedBytes`), which renders the article as the book does:
 * kept here between builds so that an unchanged article is not rendered again to plan.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Article, Corpus } from "../model/document.ts";
import { articleDigest } from "./article-json.ts";
import { ownCodeDigest } from "./cache-dir.ts";
import { writeCacheFile } from "./cache-write.ts";

/** The hash of the code an estimate depends on: src/collections, src/epub, src/render, src/model. */
function sizesCodeHash(): string {
  return ownCodeDigest(["collections", "epub", "render", "model"]);
}

/**
 * Each article's estimated bytes in a collection's book (src/epub/collection-size.ts
 * `estimatedBytes`, which renders the article as the book does), kept between builds in one
 * file of the cache folder, `sizes.json` ({ key: bytes }), keyed by the code, the site and the
 * article's model (its figures' paths name their bytes). The file is rewritten with this
 * build's keys only, so it does not grow. Returns the size function and `save`.
 */
export function keptSizes(corpus: Corpus, estimate: (article: Article) => number, file: string | undefined): { size: (article: Article) => number; save: () => void } {
  if (!file) return { size: estimate, save: () => {} };
  let kept: Record<string, number> = {};
  try {
    const read = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (read && typeof read === "object") kept = read as Record<string, number>;
  } catch {
    // none yet, or unreadable: every size is estimated again
  }
  const code = sizesCodeHash();
  const site = JSON.stringify(corpus.site);
  const now: Record<string, number> = {};
  let changed = false;
  return {
    size(article) {
      const key = createHash("sha256").update(code).update("\0").update(site).update("\0").update(articleDigest(article)).digest("hex");
      let bytes = kept[key];
      if (typeof bytes !== "number") {
        bytes = estimate(article);
        changed = true;
      }
      now[key] = bytes;
      return bytes;
    },
    save() {
      if (!changed && Object.keys(now).length === Object.keys(kept).length) return;
      writeCacheFile(file, JSON.stringify(now)); // if it cannot be written: estimated again next time
    },
  };
}
