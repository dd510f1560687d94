/** YAML parsing that remembers where each value was written, for error messages. */
import { LineCounter, parseDocument, isNode, visit, type Document } from "yaml";

export interface ParsedYaml {
  value: unknown;
  /** 1-based line of the value at `path`, or of its nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
  errors: { line: number; message: string }[];
}

/**
 * How much an alias may expand: the yaml library stops a document whose aliases would repeat
 * more than this many values' worth (an "alias bomb": a few lines that expand to gigabytes).
 */
const maxAliasCount = 100;

/** Parses one YAML document; every fault, thrown or not, is an error at a line (`firstLine` is the source's first line in its file). */
export function parseYaml(source: string, firstLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  const shift = firstLine - 1;
  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return { value: undefined, lineOf: () => firstLine, errors: [{ line: firstLine, message: `cannot be read as YAML: ${(error as Error).message}` }] };
  }
  // With prettyErrors off, `linePos` is never filled in: take the line from the offset.
  // The parser can report one fault twice; an editor needs to read it once.
  const errors: ParsedYaml["errors"] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + shift;
  for (const e of doc.errors) {
    const line = lineAt(e.pos[0]);
    const message = `malformed YAML: ${e.message.split("\n")[0]} (check indentation, colons and quotes)`;
    if (!errors.some((o) => o.line === line && o.message === message)) errors.push({ line, message });
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineAt(node.range[0]);
    }
    return firstLine;
  };
  if (errors.length > 0) return { value: undefined, lineOf, errors };
  try {
    return { value: doc.toJS({ maxAliasCount }), lineOf, errors };
  } catch (error) {
    return { value: undefined, lineOf, errors: [tooMuch(doc, lineAt) ?? { line: firstLine, message: `cannot be read as YAML: ${(error as Error).message}` }] };
  }
}

/** When the document has aliases (`*name`), the error for the library's refusal to expand them, at the first one. */
function tooMuch(doc: Document, lineAt: (offset: number) => number): ParsedYaml["errors"][number] | undefined {
  let first: { source: string; offset: number } | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.range) first = { source: node.source, offset: node.range[0] };
      return visit.BREAK;
    },
  });
  if (!first) return undefined;
  return {
    line: lineAt(first.offset),
    message: `its aliases (*${first.source} here, and those it repeats) expand to more than ${maxAliasCount} values' worth, refused as a YAML alias bomb: write the values out instead of repeating anchors`,
  };
}
