/**
 * The layers of src/: every import of every file under src/ (static `import … from`,
 * `export … from`, side-effect imports, type-only imports and dynamic `import("…")`, read by
 * TypeScript's own import scanner, so that comments and strings are not mistaken for imports)
 * is checked against the table below. It fails on
 *   - a cycle between folders,
 *   - an import from src/model into another folder of src/,
 *   - pure code, or the worker's, importing a Node-only folder or package,
 *   - a folder importing one of its own layer or a layer above it,
 *   - a folder of src/ that the table does not place,
 * and names the file and line of each offending import.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, posix, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

type Runtime = "pure" | "node" | "workerd";

/**
 * The allowed order, bottom to top: a folder imports only folders of the layers below its own.
 * `pure` code runs anywhere (Node and the worker); `node` code only in the build and the dev
 * server; `workerd` code only in the worker. The worker sits below build: the build checks its
 * output against the worker's own table of routes (src/build/validators.ts), and the worker
 * imports nothing of the build's. The dev server runs the build, so it sits above it.
 */
export const layers: readonly { folders: readonly string[]; runtime: Runtime }[] = [
  { folders: ["model"], runtime: "pure" },
  { folders: ["content", "search"], runtime: "pure" },
  { folders: ["render"], runtime: "pure" },
  { folders: ["collections"], runtime: "pure" },
  { folders: ["epub", "cards", "import"], runtime: "node" }, // import: npm run new's importer (jsdom), used only by src/dev
  { folders: ["worker"], runtime: "workerd" },
  { folders: ["build"], runtime: "node" },
  { folders: ["dev"], runtime: "node" },
];

/** Packages only Node can run: native code (sharp, resvg), the EPUB writer and its ZIP library. Node's own modules are Node-only too. */
export const nodeOnlyPackages: readonly string[] = ["sharp", "@resvg/resvg-js", "epub-gen-memory", "jszip"];

export interface Import {
  /** The importing file, relative to the repository: "src/model/catalog.ts". */
  file: string;
  line: number;
  /** As written: "../collections/plan.ts", "node:fs". */
  specifier: string;
  /** The folder of src/ it reaches, when it is a file of src/. */
  folder?: string;
  /** The package it names, when it is not a relative path. */
  pkg?: string;
}

/** The folder of src/ a path in src/ is in ("src/model/catalog.ts" → "model"); undefined outside src/ or for a file directly in src/. */
function folderOf(path: string): string | undefined {
  const parts = path.split("/");
  return parts[0] === "src" && parts.length > 2 ? parts[1] : undefined;
}

/** Every import of one file. `file` is relative to the repository, with "/" separators. */
export function importsOf(file: string, text: string): Import[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier, pos }) => {
    const line = text.slice(0, pos).split("\n").length;
    if (specifier.startsWith(".")) {
      const target = posix.normalize(posix.join(posix.dirname(file), specifier));
      const folder = folderOf(target);
      return { file, line, specifier, ...(folder ? { folder } : {}) };
    }
    const pkg = specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!;
    return { file, line, specifier, pkg };
  });
}

const nodeBuiltins = new Set(builtinModules);
function isNodeOnlyPackage(pkg: string): boolean {
  return pkg.startsWith("node:") || nodeBuiltins.has(pkg) || nodeOnlyPackages.includes(pkg);
}

const where = (i: Import) => `${i.file}:${i.line} imports "${i.specifier}"`;

/**
 * What is wrong with `imports` (every import of every file under src/, whose folders are
 * `folders`) against `table`: one message per offending import or cycle, naming the files.
 */
export function layerProblems(folders: readonly string[], imports: readonly Import[], table = layers): string[] {
  const problems: string[] = [];
  const layerOf = new Map<string, number>();
  const runtimeOf = new Map<string, Runtime>();
  table.forEach((layer, i) => layer.folders.forEach((f) => (layerOf.set(f, i), runtimeOf.set(f, layer.runtime))));
  for (const f of folders) if (!layerOf.has(f)) problems.push(`src/${f} is in no layer: place it in the table of layers (test/node/layers.test.ts)`);

  // The folder graph, with the imports that make each edge.
  const edges = new Map<string, Map<string, Import[]>>();
  for (const i of imports) {
    const from = folderOf(i.file);
    if (!from || !i.folder || i.folder === from) continue;
    const out = edges.get(from) ?? edges.set(from, new Map()).get(from)!;
    (out.get(i.folder) ?? out.set(i.folder, []).get(i.folder)!).push(i);
  }

  // (a) Cycles: within each strongly connected group of folders, every import that does not go
  // down the table closes a cycle; each such cycle is shown once, the shortest through it.
  const next = (f: string) => [...(edges.get(f)?.keys() ?? [])].sort((a, b) => (layerOf.get(a) ?? 0) - (layerOf.get(b) ?? 0) || a.localeCompare(b));
  const shown = new Set<string>();
  for (const group of stronglyConnected([...folders].sort((a, b) => (layerOf.get(a) ?? 0) - (layerOf.get(b) ?? 0)), next)) {
    if (group.length < 2) continue;
    const inGroup = (f: string) => next(f).filter((g) => group.includes(g));
    for (const from of [...group].sort((a, b) => (layerOf.get(a) ?? 0) - (layerOf.get(b) ?? 0))) {
      for (const to of inGroup(from)) {
        if ((layerOf.get(to) ?? Infinity) < (layerOf.get(from) ?? Infinity)) continue;
        const cycle = [from, ...shortestPath(to, from, inGroup)];
        const key = rotateToLowest(cycle, layerOf).join(" → ");
        if (shown.has(key)) continue;
        shown.add(key);
        const steps = cycle.map((f, k) => {
          const t = cycle[(k + 1) % cycle.length]!;
          return `  ${f} → ${t}: ${edges.get(f)!.get(t)!.map(where).join("; ")}`;
        });
        problems.push(`folder cycle: ${[...cycle, cycle[0]].join(" → ")}\n${steps.join("\n")}`);
      }
    }
  }

  for (const i of imports) {
    const from = folderOf(i.file);
    if (!from) continue;
    const runtime = runtimeOf.get(from);
    // (b) The model is the bottom: it imports no other folder of src/.
    if (from === "model" && i.folder && i.folder !== "model") {
      problems.push(`${where(i)}: src/model imports no other folder of src/ (it is the bottom layer)`);
      continue;
    }
    // (c) Code that runs in the worker, pure or the worker's own, imports nothing Node-only.
    if (runtime === "pure" || runtime === "workerd") {
      if (i.pkg && isNodeOnlyPackage(i.pkg)) {
        problems.push(`${where(i)}: src/${from} is ${runtime} code and "${i.pkg}" runs only in Node`);
        continue;
      }
      if (i.folder && runtimeOf.get(i.folder) === "node") {
        problems.push(`${where(i)}: src/${from} is ${runtime} code and src/${i.folder} runs only in Node`);
        continue;
      }
    }
    // (d) Only from the layers below.
    if (i.folder && i.folder !== from && layerOf.has(from) && layerOf.has(i.folder) && layerOf.get(i.folder)! >= layerOf.get(from)!) {
      const same = layerOf.get(i.folder) === layerOf.get(from);
      problems.push(`${where(i)}: src/${from} may import only the layers below it, and src/${i.folder} is ${same ? "in its own layer" : "above it"}`);
    }
  }
  return problems;
}

/** Tarjan's strongly connected components. */
function stronglyConnected(nodes: readonly string[], next: (n: string) => string[]): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (n: string) => {
    index.set(n, counter);
    low.set(n, counter++);
    stack.push(n);
    onStack.add(n);
    for (const m of next(n)) {
      if (!index.has(m)) {
        visit(m);
        low.set(n, Math.min(low.get(n)!, low.get(m)!));
      } else if (onStack.has(m)) low.set(n, Math.min(low.get(n)!, index.get(m)!));
    }
    if (low.get(n) === index.get(n)) {
      const group: string[] = [];
      let m: string;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        group.push(m);
      } while (m !== n);
      groups.push(group);
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return groups;
}

/** The shortest path from `start` to `end` (breadth first), as the nodes on it before `end`: [start, …]. */
function shortestPath(start: string, end: string, next: (n: string) => string[]): string[] {
  if (start === end) return [];
  const parent = new Map<string, string>([[start, start]]);
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const n = queue[k]!;
    for (const m of next(n)) {
      if (parent.has(m)) continue;
      parent.set(m, n);
      if (m === end) {
        const path = [n];
        while (path[0] !== start) path.unshift(parent.get(path[0]!)!);
        return path;
      }
      queue.push(m);
    }
  }
  return [start];
}

/** A cycle started at its lowest folder in the table, so that one cycle found twice is told once. */
function rotateToLowest(cycle: readonly string[], layerOf: Map<string, number>): string[] {
  let best = 0;
  cycle.forEach((f, k) => {
    const a = layerOf.get(f) ?? 0;
    const b = layerOf.get(cycle[best]!) ?? 0;
    if (a < b || (a === b && f < cycle[best]!)) best = k;
  });
  return [...cycle.slice(best), ...cycle.slice(0, best)];
}

/**
 * The imports a file keeps at run time: `import type` and `export type … from` are erased, every
 * other import stays (with verbatimModuleSyntax, `import { type A } from` still loads its module).
 */
export function runtimeImportsOf(text: string): string[] {
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !node.importClause?.isTypeOnly) found.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The chain of run-time imports from `entry` to the first file that imports `pkg`, or undefined
 * when none does. `read` gives a file's text by its path relative to the repository.
 */
export function runtimePathTo(pkg: string, entry: string, read: (file: string) => string | undefined): string[] | undefined {
  const parent = new Map<string, string>([[entry, ""]]);
  const queue = [entry];
  for (let k = 0; k < queue.length; k++) {
    const file = queue[k]!;
    const text = read(file);
    if (text === undefined) continue;
    for (const spec of runtimeImportsOf(text)) {
      if (spec === pkg || spec.startsWith(`${pkg}/`)) {
        const chain = [file];
        while (parent.get(chain[0]!)) chain.unshift(parent.get(chain[0]!)!);
        return [...chain, pkg];
      }
      if (!spec.startsWith(".")) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), spec));
      if (!parent.has(target)) {
        parent.set(target, file);
        queue.push(target);
      }
    }
  }
  return undefined;
}

const repo = resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
    });
}

describe("the layers of src/", () => {
  it("have no cycle between folders, nothing imported by src/model, nothing Node-only in pure or worker code, and every import from below", () => {
    const src = join(repo, "src");
    const folders = readdirSync(src).filter((f) => statSync(join(src, f)).isDirectory());
    const imports = sourceFiles(src).flatMap((path) => importsOf(relative(repo, path).split("\\").join("/"), readFileSync(path, "utf8")));
    expect(imports.length).toBeGreaterThan(100);
    expect(layerProblems(folders, imports)).toEqual([]);
  });

  // The model describes the front matter in zod (src/model/front-matter.ts) for the build; the
  // worker imports only its types, so that a whole schema library does not enter its bundle.
  it("keep zod out of the worker's bundle: no run-time import reaches it from src/worker/index.ts", () => {
    const read = (file: string) => {
      try {
        return readFileSync(join(repo, file), "utf8");
      } catch {
        return undefined; // dist/, or a package
      }
    };
    expect(runtimePathTo("hono", "src/worker/index.ts", read)).toBeDefined(); // the walk does reach packages
    expect(runtimePathTo("zod", "src/worker/index.ts", read)).toBeUndefined();
  });

  it("every folder of the table exists, once", () => {
    const listed = layers.flatMap((l) => l.folders);
    expect(new Set(listed).size).toBe(listed.length);
    for (const f of listed) expect(statSync(join(repo, "src", f)).isDirectory(), f).toBe(true);
  });

  // The checks themselves, on a small made-up src/ with the faults they must find.
  describe("catch", () => {
    const file = (path: string, text: string) => importsOf(path, text);
    const check = (imports: Import[]) => layerProblems(["model", "content", "search", "render", "collections", "epub", "cards", "worker", "build", "dev"], imports);

    it("a cycle between folders, naming every file on it", () => {
      const problems = check([
        ...file("src/model/catalog.ts", `import { collectionsOf } from "../collections/plan.ts";\n`),
        ...file("src/collections/plan.ts", `// a comment: import x from "../render/no.ts"\nimport { articleBody } from "../epub/article-text.ts";\n`),
        ...file("src/epub/book.ts", `const s = 'import y from "../dev/no.ts"';\nexport { figureBytes } from "../build/figures.ts";\n`),
        ...file("src/build/build.ts", `const m = await import("../model/catalog.ts");\n`),
      ]);
      expect(problems).toEqual([
        [
          "folder cycle: model → collections → epub → build → model",
          '  model → collections: src/model/catalog.ts:1 imports "../collections/plan.ts"',
          '  collections → epub: src/collections/plan.ts:2 imports "../epub/article-text.ts"',
          '  epub → build: src/epub/book.ts:2 imports "../build/figures.ts"',
          '  build → model: src/build/build.ts:1 imports "../model/catalog.ts"',
        ].join("\n"),
        'src/model/catalog.ts:1 imports "../collections/plan.ts": src/model imports no other folder of src/ (it is the bottom layer)',
        'src/collections/plan.ts:2 imports "../epub/article-text.ts": src/collections is pure code and src/epub runs only in Node',
        'src/epub/book.ts:2 imports "../build/figures.ts": src/epub may import only the layers below it, and src/build is above it',
      ]);
    });

    it("an import out of src/model, even of a type", () => {
      expect(check(file("src/model/tags.ts", `import type { ContentProblem } from "../content/errors.ts";\n`))).toEqual([
        'src/model/tags.ts:1 imports "../content/errors.ts": src/model imports no other folder of src/ (it is the bottom layer)',
      ]);
    });

    it("pure code importing a Node-only package or folder", () => {
      const problems = check([
        ...file("src/content/load.ts", `import { readFileSync } from "node:fs";\nimport { Worker } from "worker_threads";\n`),
        ...file("src/render/x.ts", `import sharp from "sharp";\nimport { Resvg } from "@resvg/resvg-js/index.js";\nimport { EPub } from "epub-gen-memory";\nimport JSZip from "jszip";\n`),
        ...file("src/search/y.ts", `import { drawCard } from "../cards/draw.ts";\n`),
        ...file("src/worker/z.ts", `import { zip } from "../epub/zip.ts";\n`),
      ]);
      expect(problems).toEqual([
        'src/content/load.ts:1 imports "node:fs": src/content is pure code and "node:fs" runs only in Node',
        'src/content/load.ts:2 imports "worker_threads": src/content is pure code and "worker_threads" runs only in Node',
        'src/render/x.ts:1 imports "sharp": src/render is pure code and "sharp" runs only in Node',
        'src/render/x.ts:2 imports "@resvg/resvg-js/index.js": src/render is pure code and "@resvg/resvg-js" runs only in Node',
        'src/render/x.ts:3 imports "epub-gen-memory": src/render is pure code and "epub-gen-memory" runs only in Node',
        'src/render/x.ts:4 imports "jszip": src/render is pure code and "jszip" runs only in Node',
        'src/search/y.ts:1 imports "../cards/draw.ts": src/search is pure code and src/cards runs only in Node',
        'src/worker/z.ts:1 imports "../epub/zip.ts": src/worker is workerd code and src/epub runs only in Node',
      ]);
    });

    it("a run-time import of zod from the worker, through a value of the model, and not through types", () => {
      const files: Record<string, string> = {
        "src/worker/index.ts": `import type { Article } from "../model/document.ts";\nimport { route } from "./route.ts";\n`,
        "src/worker/route.ts": `import { slugPattern } from "../model/front-matter.ts";\nexport type { FrontMatter } from "../model/front-matter.ts";\n`,
        "src/model/document.ts": `import * as z from "zod";\n`,
        "src/model/front-matter.ts": `import * as z from "zod";\n`,
      };
      expect(runtimePathTo("zod", "src/worker/index.ts", (f) => files[f])).toEqual(["src/worker/index.ts", "src/worker/route.ts", "src/model/front-matter.ts", "zod"]);
      files["src/worker/route.ts"] = `import type { FrontMatter } from "../model/front-matter.ts";\nconst later = () => import("../model/paging.ts");\n`;
      expect(runtimePathTo("zod", "src/worker/index.ts", (f) => files[f])).toBeUndefined();
      files["src/model/paging.ts"] = `export { z } from "zod";\n`;
      expect(runtimePathTo("zod", "src/worker/index.ts", (f) => files[f])).toEqual(["src/worker/index.ts", "src/worker/route.ts", "src/model/paging.ts", "zod"]);
    });

    it("an import of the same layer or one above, and a folder the table does not place", () => {
      expect(check([...file("src/render/html/page.ts", `import { collectionsOf } from "../../collections/plan.ts";\n`), ...file("src/content/a.ts", `import { tokens } from "../search/terms.ts";\n`)])).toEqual([
        'src/render/html/page.ts:1 imports "../../collections/plan.ts": src/render may import only the layers below it, and src/collections is above it',
        'src/content/a.ts:1 imports "../search/terms.ts": src/content may import only the layers below it, and src/search is in its own layer',
      ]);
      expect(layerProblems(["model", "extra"], [])).toEqual(["src/extra is in no layer: place it in the table of layers (test/node/layers.test.ts)"]);
    });
  });
});
