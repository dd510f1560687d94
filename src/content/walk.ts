/**
 * The walking step: which folders are articles. Each folder under an articles folder is one
 * article, named by its slug; hidden entries and plain files are skipped, and a folder whose
 * name is not URL-safe or is already taken is a problem, not an article.
 */
import type { ContentProblem } from "./errors.ts";
import { joinPath, type ContentFiles } from "./files.ts";
import { slugPattern } from "./schema.ts";

export interface ArticleFolder {
  slug: string;
  folder: string;
  /** The names of the files in it (not its folders). */
  names: Set<string>;
}

/** The article folders under `dirs`, in name order within each. */
export function walkArticleFolders(dirs: string[], files: ContentFiles, problems: ContentProblem[]): ArticleFolder[] {
  const show = (path: string) => files.show(path);
  const found: ArticleFolder[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const listed = files.list(dir);
    if (!("entries" in listed)) {
      problems.push({ file: show(dir), field: "", message: "missing" in listed ? "folder not found: create it and put one folder per article in it" : listed.problem });
      continue;
    }
    for (const { name: slug, folder: isFolder } of [...listed.entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const folder = joinPath(dir, slug);
      if (slug.startsWith(".") || !isFolder) continue;
      if (!slugPattern.test(slug)) {
        problems.push({ file: show(folder), field: "slug", message: `"${slug}" is not URL-safe: rename the folder using lowercase letters, digits and single hyphens (e.g. ${suggestSlug(slug)})` });
        continue;
      }
      if (seen.has(slug)) {
        problems.push({ file: show(folder), field: "slug", message: `"${slug}" is already used by ${seen.get(slug)}: article folders must have unique names` });
        continue;
      }
      const inside = files.list(folder);
      if (!("entries" in inside)) {
        problems.push({ file: show(folder), field: "", message: "missing" in inside ? "folder not found" : inside.problem });
        continue;
      }
      seen.set(slug, show(folder));
      found.push({ slug, folder, names: new Set(inside.entries.filter((e) => !e.folder).map((e) => e.name)) });
    }
  }
  return found;
}

function suggestSlug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "my-article";
}
