/**
 * The numbering step: notes are numbered 1, 2, … in the order of their phrases in the text,
 * and each is marked in the text run that holds its phrase (a NoteSpan, offsets within the
 * run), which is how every renderer places the note reference.
 */
import type { Annotation, Block, NoteSpan } from "../model/document.ts";
import { runsOf } from "../model/text.ts";

/** Sorts `annotations` by position, sets each one's number, and adds its span to its run (both in place). */
export function numberNotes(blocks: Block[], annotations: Annotation[]): void {
  const runs = runsOf(blocks);
  annotations.sort((a, b) => a.position.start - b.position.start);
  annotations.forEach((a, i) => {
    a.number = i + 1;
    const run = runs.find((r) => a.position.start >= r.offset && a.position.end <= r.offset + r.text.length);
    if (!run) throw new Error(`annotation ${a.id} at ${a.position.start}–${a.position.end} lies in no single text run`);
    const span: NoteSpan = { id: a.id, number: a.number, start: a.position.start - run.offset, end: a.position.end - run.offset };
    run.notes.push(span);
  });
}
