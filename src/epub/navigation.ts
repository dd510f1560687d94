/**
 * The EPUB 3 navigation document (toc and landmarks) and the NCX that EPUB 2 readers use
 * instead. Neither is in the spine: the book opens on the article, not on a contents page
 * (so the landmarks cannot point at the contents: EPUBCheck RSC-011 wants spine items).
 */
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
  /** The file of the part this one is listed under in the table of contents (a collection's notes, under their article). */
  tocParent?: string;
}

/** What the navigation documents say of the whole book: an article, or a collection. */
export interface BookHead {
  title: string;
  language: string;
}

interface TocEntry {
  part: Part;
  children: TocEntry[];
}

/** The parts listed in the table of contents, each under its `tocParent` when that is listed too. */
function tocTree(parts: Part[]): TocEntry[] {
  const listed = parts.filter((p) => p.inToc);
  const entries = new Map(listed.map((p) => [p.file, { part: p, children: [] as TocEntry[] }]));
  const roots: TocEntry[] = [];
  for (const p of listed) {
    const parent = p.tocParent ? entries.get(p.tocParent) : undefined;
    (parent ? parent.children : roots).push(entries.get(p.file)!);
  }
  return roots;
}

function tocItems(entries: TocEntry[]): string[] {
  return entries.map(({ part, children }) => {
    const link = `<a href="${part.file}">${escape(part.title)}</a>`;
    return children.length === 0 ? `<li>${link}</li>` : `<li>${link}\n<ol>\n${tocItems(children).join("\n")}\n</ol>\n</li>`;
  });
}

export function navDocument(book: BookHead, parts: Part[]): string {
  const frame = xhtmlFrame({ lang: book.language, title: book.title });
  const toc = tocItems(tocTree(parts));
  // One landmark of each kind, at its first part: a collection's bodymatter starts at its first article.
  const firsts = parts.filter((p, i) => parts.findIndex((q) => q.landmark === p.landmark) === i);
  const landmarks = firsts.map((p) => `<li><a epub:type="${p.landmark}" href="${p.file}">${escape(p.title)}</a></li>`);
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
export function ncxDocument(book: BookHead, identifier: string, parts: Part[]): string {
  let order = 0;
  const depth = (entries: TocEntry[]): number => (entries.length === 0 ? 0 : 1 + Math.max(...entries.map((e) => depth(e.children))));
  const point = ({ part, children }: TocEntry): string => {
    const n = ++order; // in reading order: the article before its notes
    const inner = children.map(point).join("\n");
    return `<navPoint id="nav-${n}" playOrder="${n}">
<navLabel><text>${escape(part.title)}</text></navLabel>
<content src="${part.file}"/>
${inner ? `${inner}\n` : ""}</navPoint>`;
  };
  const tree = tocTree(parts);
  const points = tree.map(point);
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escape(book.language)}">
<head>
<meta name="dtb:uid" content="${escape(identifier)}"/>
<meta name="dtb:depth" content="${Math.max(1, depth(tree))}"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${escape(book.title)}</text></docTitle>
<navMap>
${points.join("\n")}
</navMap>
</ncx>
`;
}
