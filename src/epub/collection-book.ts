/**
 * One collection (src/collections/plan.ts) → one EPUB 3 file, assembled by the same code as an article's book
 * (src/epub/book.ts `assembleBook`) from the same pieces: each article is its own content
 * document, rendered as in its own book, followed by its notes in their own document in
 * Standard Ebooks' endnote pattern (src/epub/endnotes.ts), numbered from 1 and linked both ways
 * within that article. The table of contents lists the articles, each with its notes under it;
 * the cover page comes last and outside the reading order, as in an article's book.
 *
 * The same collection gives the same bytes: the identifier is a UUID of the collection's URL,
 * every date comes from the articles, and the ZIP is written as an article's is (src/epub/zip.ts).
 */
import type { Chapter } from "epub-gen-memory";
import { assetLimit, collectionFiles, type Collection } from "../collections/plan.ts";
import type { Article, Site } from "../model/document.ts";
import { absolute } from "../render/urls.ts";
import { articleBody } from "./article-text.ts";
import { assembleBook } from "./book.ts";
import { coverPageWith } from "./cover-page.ts";
import { endnotesBody } from "./endnotes.ts";
import { bookFiles } from "./files.ts";
import { bookIdentifier } from "./identifier.ts";
import type { Part } from "./navigation.ts";
import { bookImages, type BookImage } from "./figures.ts";
import { accessibilityMetadata, element, imagesAlternatives, meta, modifiedDate, packageFrame } from "./package-document.ts";
import { xhtmlFrame, type Frame } from "./xhtml.ts";
import { reproducibleZip } from "./zip.ts";

/** The parts of the book in reading order: each article, then its notes if it has any; the cover last. */
export function collectionParts(collection: Collection): Part[] {
  return [
    ...collection.articles.flatMap((a): Part[] => {
      const files = collectionFiles(a);
      const text: Part = { file: files.text, title: a.title, landmark: "bodymatter", inToc: true };
      return a.noteCount > 0 ? [text, { file: files.notes, title: "Notes", landmark: "endnotes", inToc: true, tocParent: files.text }] : [text];
    }),
    { file: bookFiles.cover, title: "Cover", landmark: "cover", inToc: false },
  ];
}

/** What the book is about, for its description and the cover's text alternative. */
export function collectionSubject(collection: Collection): string {
  const n = collection.count === 1 ? "One annotated article" : `${collection.count} annotated articles`;
  const which = collection.kind === "tag" ? `tagged ${collection.name}` : `published in ${collection.name}`;
  const volume = collection.volumes > 1 ? `, volume ${collection.volume} of ${collection.volumes}` : "";
  return `${n} ${which}${volume}`;
}

export function collectionCoverAlt(site: Site, collection: Collection): string {
  return `Cover: ${collection.title}. ${site.title}, annotated edition.`;
}

/** The chapter of each part: the body (cleaned by epub-gen-memory) and its frame (kept as written). */
function chapters(site: Site, collection: Collection, parts: Part[]): (Chapter & Frame)[] {
  const byFile = new Map<string, { article: Article; kind: "text" | "notes" }>();
  for (const article of collection.articles) {
    const files = collectionFiles(article);
    byFile.set(files.text, { article, kind: "text" });
    byFile.set(files.notes, { article, kind: "notes" });
  }
  return parts.map((part) => {
    if (part.landmark === "cover") return { title: part.title, filename: part.file, content: "", ...coverPageWith(site.language, collectionCoverAlt(site, collection)) };
    const { article, kind } = byFile.get(part.file)!;
    const files = collectionFiles(article);
    const frame = xhtmlFrame({ lang: article.language, title: kind === "text" ? article.title : `Notes: ${article.title}`, bodyType: kind === "text" ? "bodymatter" : "backmatter" });
    const content = kind === "text" ? articleBody(site, article, files.notes) : endnotesBody(article, files.text);
    return { title: part.title, filename: part.file, content, ...frame };
  });
}

function newestPublished(articles: readonly Article[]): string {
  return articles.reduce((best, a) => (Date.parse(a.published) > Date.parse(best) ? a.published : best), articles[0]!.published);
}

/**
 * Every article's figures, oldest article first: ids made unique per article (each article
 * numbers its figures from 1), hrefs as in the article's book, so that the documents assembled
 * once serve every collection; an image two articles share (same name, same bytes) is one file.
 */
export function collectionImages(collection: Collection): BookImage[] {
  return collection.articles.flatMap((a) => bookImages(a).map((image) => ({ ...image, id: `figure-${a.slug}-${image.id.slice("figure-".length)}` })));
}

/** content.opf of a collection: the metadata of the whole, each original as a dc:source, the volume as a series. */
export function collectionPackageDocument(site: Site, collection: Collection, identifier: string, parts: Part[], images: BookImage[]): string {
  const { articles } = collection;
  const authors = [...new Set(articles.flatMap((a) => (a.author ? [a.author] : [])))];
  const metadata = [
    element("dc:identifier", identifier, ` id="uid"`),
    element("dc:title", collection.title),
    element("dc:language", site.language),
    ...authors.flatMap((name, i) => [element("dc:creator", name, ` id="author-${i + 1}"`), meta("role", "aut", ` refines="#author-${i + 1}" scheme="marc:relators"`)]),
    element("dc:contributor", site.publisher.name, ` id="annotator"`),
    meta("role", "ann", ` refines="#annotator" scheme="marc:relators"`),
    element("dc:publisher", site.publisher.name),
    // The date of this publication: its newest edition.
    element("dc:date", newestPublished(articles).slice(0, 10)),
    meta("dcterms:modified", modifiedDate(collection.updated)),
    ...articles.map((a) => element("dc:source", a.source.url)),
    element("dc:description", `${collectionSubject(collection)}, oldest first, each followed by its notes. From ${site.title}.`),
    element("dc:rights", `${site.rights} Each original article was published by the publisher named at its head, at the address given there.`),
    ...(collection.kind === "tag" ? [element("dc:subject", collection.name)] : []),
    ...(collection.volumes > 1
      ? [
          meta("belongs-to-collection", collection.kind === "tag" ? `${collection.name}: articles tagged ${collection.name}` : `${site.title}: ${collection.name}`, ` id="volumes"`),
          meta("collection-type", "series", ` refines="#volumes"`),
          meta("group-position", String(collection.volume), ` refines="#volumes"`),
        ]
      : []),
    `<meta name="cover" content="cover-image"/>`,
    ...accessibilityMetadata(
      site,
      `${collectionSubject(collection)}: the text of each, with headings and numbered notes that link to and from it, ` +
        "a table of contents by article, and landmarks. Quotations in other languages are marked with their language. " +
        imagesAlternatives(images.length),
    ),
  ];
  return packageFrame(site.language, metadata, parts, images);
}

/**
 * An article's two documents come out of epub-gen-memory the same in every collection that holds
 * it (same site, same file names), so a build assembles them once: this holds them, by path in
 * the ZIP, for the books still to make. Only for one corpus: a changed article needs a new one.
 */
export type AssembledArticles = Map<string, Uint8Array>;

/** The EPUB file of one collection: the same bytes for the same articles, under 25 MiB or an error naming it. */
export async function makeCollectionEpub(site: Site, collection: Collection, coverPng: Uint8Array, reuse?: AssembledArticles): Promise<Uint8Array> {
  if (collection.articles.length === 0) throw new Error(`collection ${collection.path} has no articles: the plan (src/collections/plan.ts) never makes one`);
  const identifier = bookIdentifier(absolute(site.url, collection.path));
  const parts = collectionParts(collection);
  const images = collectionImages(collection);
  const zipPath = (file: string) => `OEBPS/${file}`;
  const assembled = new Map(parts.flatMap((p) => (reuse?.has(zipPath(p.file)) ? [[zipPath(p.file), reuse.get(zipPath(p.file))!] as const] : [])));
  const entries = await assembleBook({
    what: `collection ${collection.path}`,
    identifier,
    head: { title: collection.title, language: site.language },
    description: collectionSubject(collection),
    publisher: site.publisher.name,
    date: newestPublished(collection.articles),
    coverPng,
    parts,
    // Only the parts not assembled already are rendered (an article's body is read only then).
    chapters: chapters(site, collection, parts.filter((p) => !assembled.has(zipPath(p.file)))),
    assembled,
    images,
    packageDocument: collectionPackageDocument(site, collection, identifier, parts, images),
  });
  if (reuse) for (const p of parts) if (p.landmark !== "cover") reuse.set(zipPath(p.file), entries.get(zipPath(p.file))!);
  const epub = await reproducibleZip(entries, new Date(collection.updated));
  if (epub.byteLength >= assetLimit)
    throw new Error(
      `EPUB of collection ${collection.path} is ${epub.byteLength} bytes, over the 25 MiB static asset limit, though its estimate was within a volume's budget: ` +
        `lower volumeBudget in src/collections/plan.ts, or raise the per-article estimate (src/epub/collection-size.ts)`,
    );
  return epub;
}

