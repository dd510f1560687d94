/**
 * An article's annotations.yaml: read and parsed in the load step, then each note validated
 * on its own, so that one note's schema problem hides neither another note's problems nor
 * its own anchor's. A note
 * whose fields are wrong but whose `id` and `anchor` are right is still anchored (and its
 * anchor problems reported in the same build).
 */
import * as z from "zod";
import type { Quote } from "./anchor.ts";
import type { ContentProblem } from "./errors.ts";
import { readText, type ContentFiles } from "./files.ts";
import { annotationSchema, type AnnotationInput } from "./schema.ts";
import { validate } from "./validate.ts";
import { parseYaml, type ParsedYaml } from "./yaml.ts";

export interface NoteEntry {
  /** Index in the file's list. */
  index: number;
  /** The whole note, when it is valid. */
  input?: AnnotationInput;
  /** Its id and anchor, when those are valid (for anchoring a note with other faults). */
  id?: string;
  anchor?: Quote;
}

export interface AnnotationsFile {
  shown: string;
  yaml: ParsedYaml;
}

/** Reads and parses annotations.yaml (the load step); undefined when the article has none, or it cannot be read (a problem, then). */
export function readAnnotationsFile(files: ContentFiles, file: string, problems: ContentProblem[]): AnnotationsFile | undefined {
  const shown = files.show(file);
  const read = readText(files, file);
  if ("missing" in read) return undefined;
  if ("problem" in read) {
    problems.push({ file: shown, line: read.line, field: "", message: read.problem });
    return undefined;
  }
  return { shown, yaml: parseYaml(read.text) };
}

const list = z.array(z.unknown(), { error: "must be a YAML list of annotations" });

/** Validates each note on its own (the validate step). */
export function validateNotes({ shown, yaml }: AnnotationsFile, problems: ContentProblem[]): NoteEntry[] {
  const items = validate(yaml, shown, list, problems);
  if (!items) return [];
  return items.map((item, index): NoteEntry => {
    const input = validate(yaml, shown, annotationSchema, problems, [index], item);
    if (input) return { index, input, id: input.id, anchor: input.anchor };
    const fields = (item ?? {}) as Record<string, unknown>;
    const id = annotationSchema.shape.id.safeParse(fields.id);
    const anchor = annotationSchema.shape.anchor.safeParse(fields.anchor);
    return { index, ...(id.success ? { id: id.data } : {}), ...(anchor.success ? { anchor: anchor.data } : {}) };
  });
}
