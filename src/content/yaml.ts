/** YAML parsing that remembers where each value was written, for error messages. */
import { LineCounter, parseDocument, isNode, type Document } from "yaml";

export interface ParsedYaml {
  value: unknown;
  /** 1-based line of the value at `path`, or of its nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
  errors: { line: number; message: string }[];
}

export function parseYaml(source: string, firstLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const shift = firstLine - 1;
  // With prettyErrors off, `linePos` is never filled in: take the line from the offset.
  // The parser can report one fault twice; an editor needs to read it once.
  const errors: ParsedYaml["errors"] = [];
  for (const e of doc.errors) {
    const line = lineCounter.linePos(e.pos[0]).line + shift;
    const message = `malformed YAML: ${e.message.split("\n")[0]} (check indentation, colons and quotes)`;
    if (!errors.some((o) => o.line === line && o.message === message)) errors.push({ line, message });
  }
  const lineOf = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line + shift;
    }
    return firstLine;
  };
  return { value: errors.length ? undefined : doc.toJS({ maxAliasCount: 100 }), lineOf, errors };
}
