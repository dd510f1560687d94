/** Strict XML 1.0 well-formedness (fast-xml-parser's validator): an unescaped `&` or `<`, a broken tag. */
import { XMLValidator } from "fast-xml-parser";
import type { Problems } from "./check.ts";

export function wellFormedProblems(what: string, xml: string): Problems {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result === true) return [];
  const { code, msg, line, col } = result.err;
  const hint = /'&'/.test(msg) ? " (an unescaped & — write &amp;)" : /'<'/.test(msg) ? " (an unescaped < — write &lt;)" : "";
  return [`${what} is not well-formed XML: line ${line}, column ${col}: ${msg}${hint} [${code}]`];
}
