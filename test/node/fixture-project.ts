/**
 * What the build tests set up again and again: a content folder made of the project's site.yaml
 * and fixture articles, and a build run with the cache folder somewhere of the test's own.
 */
import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const repo = resolve(import.meta.dirname, "../..");
const fixtures = join(repo, "test/fixtures/articles");

/** `dir`/content with content/site.yaml and the fixture articles `slugs` (every one when not given); returns its path. */
export function fixtureContent(dir: string, slugs: readonly string[] = readdirSync(fixtures)): string {
  const content = join(dir, "content");
  mkdirSync(join(content, "articles"), { recursive: true });
  cpSync(join(repo, "content/site.yaml"), join(content, "site.yaml"));
  for (const slug of slugs) cpSync(join(fixtures, slug), join(content, "articles", slug), { recursive: true });
  return content;
}

/** Runs `run` with FOLIO_CACHE_DIR set to `cache`, and puts the variable back as it was afterwards. */
export async function withCacheDir<T>(cache: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.FOLIO_CACHE_DIR;
  process.env.FOLIO_CACHE_DIR = cache;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.FOLIO_CACHE_DIR;
    else process.env.FOLIO_CACHE_DIR = before;
  }
}
