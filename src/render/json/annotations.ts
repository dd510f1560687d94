/**
 * /articles/<slug>/annotations.jsonld: the notes as a W3C Web Annotation AnnotationCollection
 * (https://www.w3.org/TR/annotation-model/), each targeting the article's page, its canonical
 * URL. The selectors are about that page, as a W3C client such as Hypothesis reads it from the
 * DOM (src/render/page-anchors.ts): the TextPositionSelector counts UTF-16 code units of the
 * page's `document.body.textContent` (the site's header, the attribution and the note numbers
 * included), not of the article's plain text that the article JSON's positions count into; the
 * TextQuoteSelector's `exact`, `prefix` and `suffix` are that text with each `<br>` read as a
 * space, and occur together exactly once on the page. The creator is the site, whose URL is the
 * page's.
 */
import type { Annotation, AnnotationKind, Article, Site } from "../../model/document.ts";
import { pageAnchors, type PageAnchor } from "../page-anchors.ts";
import { absolute, paths } from "../urls.ts";

// Motivations from the Web Annotation vocabulary (https://www.w3.org/TR/annotation-vocab/#motivation).
const motivation: Record<AnnotationKind, string> = {
  context: "commenting",
  "fact-check": "assessing",
  translation: "describing",
  term: "describing",
  update: "commenting",
};

export function renderAnnotationsJsonLd(site: Site, article: Article): string {
  const id = absolute(site.url, paths.annotations(article.slug));
  const target = absolute(site.url, paths.article(article.slug));
  const anchors = pageAnchors(site, article);
  const creator = { type: "Organization", name: site.title, homepage: site.url };
  const items = article.annotations.map((a, i) => annotation(a, `${id}#${a.id}`, target, anchors[i]!, article, creator));
  return JSON.stringify({
    "@context": "http://www.w3.org/ns/anno.jsonld",
    id,
    type: "AnnotationCollection",
    label: `Notes on “${article.title}”`,
    total: items.length,
    first: { id: `${id}#page-1`, type: "AnnotationPage", startIndex: 0, items },
  });
}

function annotation(a: Annotation, id: string, target: string, anchor: PageAnchor, article: Article, creator: object) {
  const { exact, prefix, suffix, start, end } = anchor;
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
        { type: "TextQuoteSelector", exact, prefix, suffix },
        { type: "TextPositionSelector", start, end },
      ],
    },
  };
}

