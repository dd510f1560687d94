/**
 * The validation step: YAML checked against a zod schema (schema.ts), and zod's issues
 * reworded for an editor, one `file:line field: message` each, at the line of the field:
 * "must be a list (one '- ' item per line, or [a, b]), not the text "China"", "is not a known
 * field: did you mean "dek"?".
 */
import type { z } from "zod";
import { editDistance } from "./edit-distance.ts";
import { fieldPath, type ContentProblem } from "./errors.ts";
import type { ParsedYaml } from "./yaml.ts";

/**
 * Validates `value` (by default the whole document) against `schema`; on failure adds one
 * problem per issue, in line order, and returns undefined. `base` is the path of `value`
 * inside the document, for lines and field names ([2] for the third annotation).
 */
export function validate<S extends z.ZodType>(
  yaml: ParsedYaml,
  file: string,
  schema: S,
  problems: ContentProblem[],
  base: readonly PropertyKey[] = [],
  value: unknown = yaml.value,
): z.output<S> | undefined {
  if (yaml.errors.length > 0) {
    for (const e of yaml.errors) problems.push({ file, line: e.line, field: "", message: e.message });
    return undefined;
  }
  // reportInput: zod 4 leaves `input` out of issues by default, and without it a field of
  // the wrong type (title: 42) could not be told apart from a missing one.
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const found: ContentProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      // One line per unknown key, at its own line, with the field it was probably meant to be.
      const known = knownKeys(schema, issue.path);
      for (const key of issue.keys) {
        const path = [...base, ...issue.path, key];
        found.push({ file, line: yaml.lineOf(path), field: fieldPath(path), message: `is not a known field: ${suggestKey(key, known)}` });
      }
      continue;
    }
    // zod's own wording ("Invalid input: expected array, received string") where the schema
    // has none of its own → "must be a list".
    const said = issue.code === "invalid_type" && issue.message.startsWith("Invalid input") ? `must be ${expectedInWords[issue.expected] ?? issue.expected}` : issue.message;
    const message =
      issue.code === "invalid_type" && issue.input === undefined
        ? issue.expected === "object"
          ? `is required: add it, with its fields indented below it (${knownKeys(schema, issue.path).join(", ")})`
          : `is required: ${said}`
        : issue.code === "invalid_type" || issue.code === "invalid_value" // wrong type, or a kind outside the list
          ? `${said}, not ${describeValue(issue.input)}`
          : said;
    found.push({ file, line: yaml.lineOf([...base, ...issue.path]), field: fieldPath([...base, ...issue.path]), message });
  }
  problems.push(...found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))); // in the order an editor reads the file
  return undefined;
}

const expectedInWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list (one '- ' item per line, or [a, b])",
  object: "a group of fields, indented below it",
};

/** What a YAML value is, in an editor's words: "a number (42)", "a list", "an empty value". */
function describeValue(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  if (typeof value === "string") return `the text "${value}"`;
  if (typeof value === "boolean") return `${value} (write it in quotes if it is text)`;
  return `a ${typeof value} (${String(value)})`;
}

/** The field names the schema allows at `path` (through lists, optional, defaults and transforms). */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };
  let node: z.ZodType | undefined = schema;
  let i = 0;
  while (node) {
    const def: Def = (node as unknown as { def: Def }).def;
    if (def.innerType) node = def.innerType;
    else if (def.type === "pipe") node = def.in;
    else if (i === path.length) return def.shape ? Object.keys(def.shape) : [];
    else if (def.type === "array") (node = def.element), i++;
    else if (def.shape) node = def.shape[String(path[i++])];
    else return [];
  }
  return [];
}

function suggestKey(key: string, known: string[]): string {
  const close = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, Math.floor(k.length / 3)));
  if (close) return `did you mean "${close}"? Check its spelling`;
  return known.length ? `check its spelling or remove it (known fields here: ${known.join(", ")})` : "check its spelling or remove it";
}
