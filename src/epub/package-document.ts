/**
 * The package document (content.opf): metadata, manifest and spine (EPUB 3.2 §3.4).
 * Every value comes from the content, none from the clock, so the same article gives the
 * same file on every build.
 */
import type { Article, Site } from "../model/document.ts";
import { humanDate } from "../render/dates.ts";
import { escape } from "../render/escape.ts";
import { bookFiles } from "./files.ts";
import { bookImages, uniqueHrefs, type BookImage } from "./figures.ts";
import type { Part } from "./navigation.ts";
import { direction } from "../render/lang.ts";

export interface PackageInput {
  site: Site;
  article: Article;
  identifier: string;
  parts: Part[];
}

/** EPUB 3.2 §3.4.3: dcterms:modified is CCYY-MM-DDThh:mm:ssZ, in UTC, without fractions. */
export function modifiedDate(instant: string): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

export const element = (name: string, value: string, attrs = "") => `<${name}${attrs}>${escape(value)}</${name}>`;
export const meta = (property: string, value: string, attrs = "") => element("meta", value, ` property="${property}"${attrs}`);

export function packageDocument({ site, article, identifier, parts }: PackageInput): string {
  const src = article.source;
  const images = bookImages(article);
  const rights = `${site.rights} The original article was published by ${src.publisher}, ${humanDate(src.date)}, at ${src.url}.`;
  const metadata = [
    element("dc:identifier", identifier, ` id="uid"`),
    element("dc:title", article.title),
    element("dc:language", article.language),
    ...(article.author ? [element("dc:creator", article.author, ` id="author"`), meta("role", "aut", ` refines="#author" scheme="marc:relators"`)] : []),
    // The notes and this edition are the publisher's: MARC relator "ann", annotator.
    element("dc:contributor", site.publisher.name, ` id="annotator"`),
    meta("role", "ann", ` refines="#annotator" scheme="marc:relators"`),
    element("dc:publisher", site.publisher.name),
    // EPUB 3.2 §3.4.3: dc:date is the date of this EPUB publication, not of the original.
    element("dc:date", article.published.slice(0, 10)),
    meta("dcterms:modified", modifiedDate(article.updated)),
    // The original: its URL, who published it, and its date only as precisely as known.
    element("dc:source", src.url, ` id="source"`),
    meta("dcterms:publisher", src.publisher, ` refines="#source"`),
    meta("dcterms:issued", src.date, ` refines="#source"`),
    element("dc:description", article.dek),
    element("dc:rights", rights),
    ...article.tags.map((t) => element("dc:subject", t)),
    `<meta name="cover" content="cover-image"/>`, // EPUB 2 readers find the cover this way
    ...accessibilityMetadata(
      site,
      "The article's text, with headings, a table of contents, landmarks, and numbered notes that link to and from the text. " +
        "Quotations in other languages are marked with their language. " +
        imagesAlternatives(images.length),
    ),
  ];

  return packageFrame(article.language, metadata, parts, images);
}

/** The last sentence of a book's accessibility summary, for its cover and `figures` figures. */
export function imagesAlternatives(figures: number): string {
  return figures > 0 ? `The cover image and the ${figures === 1 ? "figure have text alternatives" : `${figures} figures have text alternatives`}.` : "The cover image has a text alternative.";
}

/**
 * EPUB Accessibility 1.1 §2 (discovery metadata) and §3 (conformance), the same for every
 * book Folio makes: text, with the cover and any figures as images; `summary` says what the book holds.
 */
export function accessibilityMetadata(site: Site, summary: string): string[] {
  return [
    meta("schema:accessMode", "textual"),
    meta("schema:accessMode", "visual"), // the cover image, and the figures if any
    meta("schema:accessModeSufficient", "textual"),
    ...["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"].map((f) => meta("schema:accessibilityFeature", f)),
    meta("schema:accessibilityHazard", "none"),
    meta("schema:accessibilitySummary", summary),
    meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
    meta("a11y:certifiedBy", site.publisher.name),
  ];
}

/** The package document around the metadata: the manifest (with each image file once) and spine of `parts`, in the book's language. */
export function packageFrame(language: string, metadata: string[], parts: Part[], images: readonly BookImage[]): string {
  const spineDir = direction(language) === "rtl" ? ` page-progression-direction="rtl"` : "";
  const manifest = [
    `<item id="nav" href="${bookFiles.nav}" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="ncx" href="${bookFiles.ncx}" media-type="application/x-dtbncx+xml"/>`,
    `<item id="css" href="${bookFiles.css}" media-type="text/css"/>`,
    `<item id="cover-image" href="${bookFiles.coverImage}" media-type="image/png" properties="cover-image"/>`,
    ...uniqueHrefs(images).map((i) => `<item id="${i.id}" href="${escape(i.href)}" media-type="${i.mediaType}"/>`),
    ...parts.map((p) => `<item id="${p.file.replace(/\.xhtml$/, "")}" href="${p.file}" media-type="application/xhtml+xml"/>`),
  ];
  // The cover page is auxiliary (linear="no", EPUB 3.2 §3.4.12): readers show the cover image
  // in their library and open the book on the article.
  const spine = parts.map((p) => `<itemref idref="${p.file.replace(/\.xhtml$/, "")}"${p.landmark === "cover" ? ` linear="no"` : ""}/>`);

  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="${escape(language)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata.join("\n")}
</metadata>
<manifest>
${manifest.join("\n")}
</manifest>
<spine toc="ncx"${spineDir}>
${spine.join("\n")}
</spine>
</package>
`;
}
