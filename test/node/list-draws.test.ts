/**
 * A list's inputs name all that its bytes are made of only if its drawing reads nothing but the
 * value they fingerprint (src/worker/from-value.ts). So every text resource the worker's lists
 * and site documents make (list-resources.ts, resources.ts) is drawn by a function defined at the
 * top level of its file, outside the function that builds the map, where the catalog, the tags
 * and the books are out of its reach: this test reads the two files' syntax and refuses a call
 * that passes anything else (an inline closure could read a value its declaration leaves out).
 * A tag feed, which loads its articles' models, may pass a top-level function the value and the
 * loaders alone: the models' digests are in its inputs.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");

/** Calls of `makers` in `file`, with the problems of each one's draw argument (at `index`). */
function drawCalls(file: string, makers: Record<string, number>): { at: string; problem?: string }[] {
  const source = ts.createSourceFile(file, readFileSync(join(repo, file), "utf8"), ts.ScriptTarget.Latest, true);
  const topLevel = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) topLevel.add(statement.name.text);
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) topLevel.add(d.name.text);
    // An imported function is another module's top level: it cannot see this file's locals.
    const named = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : undefined;
    if (named && ts.isNamedImports(named)) for (const e of named.elements) topLevel.add(e.name.text);
  }
  const calls: { at: string; problem?: string }[] = [];
  const visit = (node: ts.Node) => {
    // A maker's own definition passes its parameter on: its callers are the ones checked.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && Object.hasOwn(makers, node.name.text)) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && Object.hasOwn(makers, node.expression.text)) {
      const at = `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const arg = node.arguments[makers[node.expression.text]!];
      const problem = checkDraw(arg, topLevel);
      calls.push(problem ? { at, problem } : { at });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

/** Undefined when `arg` is a top-level drawing (`draw.x`, a top-level function, or `(v) => f(v, load)`), else what it is. */
function checkDraw(arg: ts.Expression | undefined, topLevel: Set<string>): string | undefined {
  if (!arg) return "no draw argument";
  if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression) && topLevel.has(arg.expression.text)) return undefined;
  if (ts.isIdentifier(arg)) return topLevel.has(arg.text) ? undefined : `${arg.text}, not defined at the top level`;
  if (ts.isArrowFunction(arg) && arg.parameters.length === 1 && ts.isIdentifier(arg.parameters[0]!.name) && ts.isCallExpression(arg.body)) {
    const param = arg.parameters[0]!.name.text;
    const { expression, arguments: args } = arg.body;
    const passes = args.length === 2 && ts.isIdentifier(args[0]!) && args[0].text === param && ts.isIdentifier(args[1]!) && args[1].text === "load";
    if (ts.isIdentifier(expression) && topLevel.has(expression.text) && passes) return undefined;
  }
  return `an inline drawing: ${arg.getText().slice(0, 80)}`;
}

describe("the lists' drawings", () => {
  it("are top-level functions of the value alone (and the loaders, for a feed's models)", () => {
    const lists = drawCalls("src/worker/list-resources.ts", { drawn: 4, fromValue: 4 });
    const site = drawCalls("src/worker/resources.ts", { text: 4, fromValue: 4 });
    expect(lists.length).toBeGreaterThanOrEqual(15);
    expect(site.length).toBeGreaterThanOrEqual(5);
    expect([...lists, ...site].filter((c) => c.problem)).toEqual([]);
  });

  it("refuses an inline closure, which could read what the declaration leaves out", () => {
    const topLevel = new Set(["draw", "drawTagFeed"]);
    const parse = (code: string) => (ts.createSourceFile("x.ts", `f(${code});`, ts.ScriptTarget.Latest, true).statements[0] as ts.ExpressionStatement).expression as ts.CallExpression;
    expect(checkDraw(parse("draw.indexJson").arguments[0], topLevel)).toBeUndefined();
    expect(checkDraw(parse("(v) => drawTagFeed(v, load)").arguments[0], topLevel)).toBeUndefined();
    expect(checkDraw(parse("(v) => renderIndexJson(catalog, v.page)").arguments[0], topLevel)).toMatch(/inline drawing/);
    expect(checkDraw(parse("(v) => drawTagFeed(v, catalog)").arguments[0], topLevel)).toMatch(/inline drawing/);
    expect(checkDraw(parse("local").arguments[0], topLevel)).toMatch(/not defined at the top level/);
  });
});
