/**
 * /articles/<slug>/annotations.jsonld: the notes as a W3C Web Annotation AnnotationCollection
 * (https://www.w3.org/TR/annotation-model/), each targeting the canonical article URL with a
 * TextQuoteSelector and a TextPositionSelector into the article's plain text.
 */
import type { Annotation, AnnotationKind, Article, Site } from "../../model/document.ts";
import { plainText } from "../../model/text.ts";
import { absolute, paths } from "../urls.ts";

// Motivations from the Web Annotation vocabulary (https://www.w3.org/TR/annotation-vocab/#motivation).
const motivation: Record<AnnotationKind, string> = {
  context: "commenting",
  "fact-check": "assessing",
  translation: "describing",
  term: "describing",
  update: "commenting",
};

/** How much surrounding text goes into prefix/suffix, so tools can re-anchor if offsets drift. */
const CONTEXT = 32;

export function renderAnnotationsJsonLd(site: Site, article: Article): string {
  const id = absolute(site.url, paths.annotations(article.slug));
  const target = absolute(site.url, paths.article(article.slug));
  const text = plainText(article);
  const creator = { type: "Organization", name: site.publisher.name, ...(site.publisher.url ? { homepage: site.publisher.url } : {}) };
  const items = article.annotations.map((a) => annotation(a, `${id}#${a.id}`, target, text, article, creator));
  return JSON.stringify({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id,
    type: "AnnotationCollection",
    label: `Notes on “${article.title}”`,
    total: items.length,
    first: { id: `${id}#page-1`, type: "AnnotationPage", startIndex: 0, items },
  });
}

function annotation(a: Annotation, id: string, target: string, text: string, article: Article, creator: object) {
  const { start, end } = a.position;
  return {
    id,
    type: "Annotation",
    motivation: motivation[a.kind],
    created: article.published,
    modified: article.updated,
    creator,
    body: [
      { type: "TextualBody", value: a.markdown.trim(), format: "text/markdown", language: article.language, purpose: motivation[a.kind] },
      ...(a.original ? [{ type: "TextualBody", value: a.original.text, format: "text/plain", language: a.original.lang, purpose: "describing" }] : []),
      ...a.sources.map((s) => ({ type: "SpecificResource", purpose: "linking", source: s.url })),
    ],
    target: {
      source: target,
      selector: [
        { type: "TextQuoteSelector", exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) },
        { type: "TextPositionSelector", start, end },
      ],
    },
  };
}

