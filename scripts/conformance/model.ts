/**
 * The built document model (dist/model.json), read from disk: what the checks compare the served
 * outputs against, independent of any renderer. The worker serves the same build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalog, Corpus } from "../../src/model/document.ts";
import { repoRoot } from "./check.ts";

let cached: Corpus | undefined;

/** dist/model.json as built by `npm run test:conformance` (a clear error when it is missing). */
export function builtModel(): Corpus {
  if (cached) return cached;
  const file = join(repoRoot, "dist/model.json");
  try {
    cached = JSON.parse(readFileSync(file, "utf8")) as Corpus;
  } catch (error) {
    throw new Error(`cannot read ${file} (run the build first: npm run test:conformance builds it): ${error instanceof Error ? error.message : String(error)}`);
  }
  return cached;
}

/** How many items every feed must list: the newest `site.feedItems` articles (all of them, when there are fewer). */
export function expectedFeedItems(model: Corpus): number {
  return Math.min(model.site.feedItems, model.articles.length);
}

let catalog: Catalog | undefined;

/** dist/catalog.json, the catalog the worker bundles: the collection EPUBs the build made are listed there, with their sizes. */
export function builtCatalog(): Catalog {
  if (catalog) return catalog;
  const file = join(repoRoot, "dist/catalog.json");
  try {
    catalog = JSON.parse(readFileSync(file, "utf8")) as Catalog;
  } catch (error) {
    throw new Error(`cannot read ${file} (run the build first: npm run test:conformance builds it): ${error instanceof Error ? error.message : String(error)}`);
  }
  return catalog;
}
