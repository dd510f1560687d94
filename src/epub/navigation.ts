/**
 * The EPUB 3 navigation document (toc and landmarks) and the NCX that EPUB 2 readers use
 * instead. Neither is in the spine: the book opens on the article, not on a contents page
 * (so the landmarks cannot point at the contents: EPUBCheck RSC-011 wants spine items).
 */
import type { Article } from "../model/document.ts";
import { escape } from "../render/escape.ts";
import { xhtmlFrame } from "./xhtml.ts";

/** A content document of the book, in reading order. */
export interface Part {
  file: string;
  title: string;
  /** EPUB 3 Structural Semantics term for the landmarks nav (EPUB 3.2 §5.4.2). */
  landmark: "bodymatter" | "endnotes" | "cover";
  /** Listed in the table of contents (the cover is only a landmark). */
  inToc: boolean;
}

export function navDocument(article: Article, parts: Part[]): string {
  const frame = xhtmlFrame({ lang: article.language, title: article.title });
  const toc = parts.filter((p) => p.inToc).map((p) => `<li><a href="${p.file}">${escape(p.title)}</a></li>`);
  const landmarks = parts.map((p) => `<li><a epub:type="${p.landmark}" href="${p.file}">${escape(p.title)}</a></li>`);
  return `${frame.before}<nav epub:type="toc" role="doc-toc" id="toc">
<h1>Contents</h1>
<ol>
${toc.join("\n")}
</ol>
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2>Landmarks</h2>
<ol>
${landmarks.join("\n")}
</ol>
</nav>${frame.after}`;
}

/** NCX (EPUB 2 / DAISY Z39.86-2005), kept for older readers; EPUB 3.2 allows it as a fallback. */
export function ncxDocument(article: Article, identifier: string, parts: Part[]): string {
  const points = parts
    .filter((p) => p.inToc)
    .map(
      (p, i) => `<navPoint id="nav-${i + 1}" playOrder="${i + 1}">
<navLabel><text>${escape(p.title)}</text></navLabel>
<content src="${p.file}"/>
</navPoint>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escape(article.language)}">
<head>
<meta name="dtb:uid" content="${escape(identifier)}"/>
<meta name="dtb:depth" content="1"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${escape(article.title)}</text></docTitle>
<navMap>
${points.join("\n")}
</navMap>
</ncx>
`;
}
