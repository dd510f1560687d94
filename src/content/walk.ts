/**
 * The walking step: which folders are articles. Each folder under an articles folder is one
 * article, named by its slug; hidden entries and plain files are skipped, and a folder whose
 * name is not URL-safe or is already taken is a problem, not an article.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ContentProblem } from "./errors.ts";
import { slugPattern } from "./schema.ts";

export interface ArticleFolder {
  slug: string;
  folder: string;
}

/** The article folders under `dirs`, in name order within each; `show` makes a path readable in messages. */
export function walkArticleFolders(dirs: string[], show: (path: string) => string, problems: ContentProblem[]): ArticleFolder[] {
  const found: ArticleFolder[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) {
      problems.push({ file: show(dir), field: "", message: "folder not found: create it and put one folder per article in it" });
      continue;
    }
    for (const slug of readdirSync(dir).sort()) {
      const folder = join(dir, slug);
      if (slug.startsWith(".") || !statSync(folder).isDirectory()) continue;
      if (!slugPattern.test(slug)) {
        problems.push({ file: show(folder), field: "slug", message: `"${slug}" is not URL-safe: rename the folder using lowercase letters, digits and single hyphens (e.g. ${suggestSlug(slug)})` });
        continue;
      }
      if (seen.has(slug)) {
        problems.push({ file: show(folder), field: "slug", message: `"${slug}" is already used by ${seen.get(slug)}: article folders must have unique names` });
        continue;
      }
      seen.set(slug, show(folder));
      found.push({ slug, folder });
    }
  }
  return found;
}

function suggestSlug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "my-article";
}
