/**
 * What a changed file means for the dev server, by its path relative to the project:
 *   content/articles/<slug>/…  one article's outputs ("article")
 *   content/… (site.yaml)      every output ("content")
 *   src/worker/…               nothing to build: wrangler rebundles the worker itself ("worker")
 *   src/… (anything else)      the build's own code: a fresh build thread, every output ("code")
 * The build's file cache (src/build/file-cache.ts) decides which articles' EPUBs and cards are
 * really re-made, by a hash of the code, the site and each article's model: this only says
 * whether to build at all, and with fresh code or not.
 */
import { sep } from "node:path";

export type Change = { kind: "article"; slug: string } | { kind: "content" } | { kind: "worker" } | { kind: "code" } | { kind: "ignore" };

export function classify(path: string, articleDirs: readonly string[], contentDir: string): Change {
  const p = path.split(sep).join("/").replace(/^\.\//, "");
  const name = p.split("/").pop() ?? "";
  // Editors' swap and backup files: 4913 (vim's probe), foo.swp, foo~, .#foo (emacs).
  if (name === "4913" || /\.sw[a-p]x?$|~$/.test(name) || name.startsWith(".#")) return { kind: "ignore" };
  for (const dir of articleDirs) {
    const d = dir.split(sep).join("/").replace(/^\.\//, "").replace(/\/+$/, "");
    if (p.startsWith(`${d}/`)) {
      const slug = p.slice(d.length + 1).split("/")[0]!;
      return slug && !slug.startsWith(".") ? { kind: "article", slug } : { kind: "ignore" };
    }
  }
  const c = contentDir.split(sep).join("/").replace(/^\.\//, "").replace(/\/+$/, "");
  if (p === c || p.startsWith(`${c}/`)) return { kind: "content" };
  if (p.startsWith("src/worker/")) return { kind: "worker" };
  if (p.startsWith("src/dev/")) return { kind: "ignore" }; // the dev server itself: restart it to take effect
  if (p.startsWith("src/import/")) return { kind: "ignore" }; // npm run new's importer: neither the build nor the worker reads it
  if (p.startsWith("src/") && p.endsWith(".ts")) return { kind: "code" };
  return { kind: "ignore" };
}
