import type { AnnotationKind } from "../model/document.ts";

const labels: Record<AnnotationKind, string> = {
  context: "Context",
  "fact-check": "Fact check",
  translation: "Translation",
  term: "Term",
  update: "Update",
};

/** How a note's kind is named to readers, on the page, in feeds and in the EPUB. */
export function kindLabel(kind: AnnotationKind): string {
  return labels[kind];
}
