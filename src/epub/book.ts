/**
 * One article → one EPUB 3 file, with epub-gen-memory.
 *
 * epub-gen-memory assembles the book: it cleans each chapter's HTML into XHTML, adds the
 * cover image and container.xml, and renders its templates. Its defaults are replaced where
 * they would make the book differ between builds or mislabel it: its
 * package template hard-codes xml:lang="en", stamps the render time and a random uuid, and
 * puts a contents page first in the spine. Its template options (`contentOPF`, `tocNCX`,
 * `tocXHTML`, `chapterXHTML`; typed, not in its README) here only place documents rendered
 * and escaped in this folder; extra option keys reach the templates.
 *
 * Its clean-up drops attributes it does not know (datetime, cite, data-*, …) with a
 * warning: every warning is a build error here, since it means the book lost markup.
 */
import { EPub, type Chapter, type Options } from "epub-gen-memory";
import type JSZip from "jszip";
import type { Article, Site } from "../model/document.ts";
import { absolute, paths } from "../render/urls.ts";
import { articleBody } from "./article-text.ts";
import { coverPage } from "./cover-page.ts";
import { endnotesBody } from "./endnotes.ts";
import { bookImages, figureBytes, uniqueHrefs, type BookImage } from "./figures.ts";
import { bookFiles } from "./files.ts";
import { bookIdentifier } from "./identifier.ts";
import { navDocument, ncxDocument, type BookHead, type Part } from "./navigation.ts";
import { packageDocument } from "./package-document.ts";
import { bookStyle } from "./style.ts";
import { xhtmlFrame, type Frame } from "./xhtml.ts";
import { reproducibleZip, zipEntries } from "./zip.ts";

/**
 * Sets the identifier before rendering, embeds the figures' images from the build's bytes,
 * and gives access to the assembled files.
 *
 * epub-gen-memory's clean-up records every `<img src>` to download and renames it
 * `images/<random uuid>.<ext>`; here each is renamed back to the name the package document
 * lists (figures.ts), and its bytes come from the figures step instead of the network.
 */
class ArticleEPub extends EPub {
  private readonly own: BookImage[];
  constructor(options: Options, content: Chapter[], identifier: string, images: BookImage[]) {
    super(options, content);
    this.uuid = identifier;
    this.own = images;
    for (const image of this.images) {
      const own = images.find((i) => i.path === image.url);
      if (!own) throw new Error(`EPUB: the image ${image.url} is not one of the book's figures`);
      const random = `images/${image.id}.${image.extension}`;
      for (const chapter of this.content) chapter.content = chapter.content.split(random).join(own.href);
    }
  }
  protected override async downloadAllImages(): Promise<void> {
    const folder = this.zip.folder("OEBPS")!;
    for (const image of uniqueHrefs(this.own)) {
      const data = figureBytes(image.path);
      if (!data) throw new Error(`EPUB: the figures step made no image at ${image.path}`);
      folder.file(image.href, data);
    }
  }
  files(): Promise<Map<string, Uint8Array>> {
    return zipEntries(this.zip as unknown as JSZip);
  }
}

export function bookParts(article: Article): Part[] {
  return [
    { file: bookFiles.article, title: article.title, landmark: "bodymatter", inToc: true },
    ...(article.annotations.length > 0 ? [{ file: bookFiles.endnotes, title: "Notes", landmark: "endnotes", inToc: true } as const] : []),
    { file: bookFiles.cover, title: "Cover", landmark: "cover", inToc: false },
  ];
}

/** The body (cleaned by epub-gen-memory) and the frame around it (kept as written) of each part. */
function chapter(site: Site, article: Article, part: Part): Chapter & Frame {
  const frame = (bodyType: string) => xhtmlFrame({ lang: article.language, title: part.title, bodyType });
  switch (part.landmark) {
    case "bodymatter":
      return { title: part.title, filename: part.file, content: articleBody(site, article), ...frame("bodymatter") };
    case "endnotes":
      return { title: part.title, filename: part.file, content: endnotesBody(article), ...frame("backmatter") };
    case "cover":
      return { title: part.title, filename: part.file, content: "", ...coverPage(article) };
  }
}

/**
 * epub-gen-memory's serializer (dom-serializer, xmlMode) writes every non-ASCII character as a
 * numeric reference ("合" → "&#x5408;"). Well-formed either way; written back as UTF-8 text
 * so the book is smaller and readable. Markup characters keep their named references.
 */
export function unreferenceText(xhtml: string): string {
  return xhtml.replace(/&#x([0-9a-f]+);/gi, (ref, hex: string) => {
    const c = Number.parseInt(hex, 16);
    return c < 0x80 ? ref : String.fromCodePoint(c);
  });
}

/**
 * Every table header cell the book has is a column's (src/render/blocks.ts): `scope="col"` is
 * added here, after the clean-up, which would drop it.
 */
export function withHeaderScope(xhtml: string): string {
  return xhtml.replace(/<th(?=[\s>])/g, `<th scope="col"`);
}

/** Everything epub-gen-memory needs to assemble one book: an article, or a collection of them (src/collections/). */
export interface BookSpec {
  /** The book in error messages, e.g. `article "some-slug"`. */
  what: string;
  identifier: string;
  head: BookHead;
  description: string;
  publisher: string;
  /** ISO instant of this edition. */
  date: string;
  coverPng: Uint8Array;
  /** In reading order. */
  parts: Part[];
  /** The content of each part, except those in `assembled`. */
  chapters: (Chapter & Frame)[];
  /** Content documents assembled before, by path in the ZIP (a collection's articles, shared by several books), added as they are. */
  assembled?: ReadonlyMap<string, Uint8Array>;
  /** The figures' images the book embeds (src/epub/figures.ts), those of `assembled` documents too; entries sharing an href are one file. */
  images: BookImage[];
  packageDocument: string;
}

/** The files of a book as epub-gen-memory assembles them, keyed by path in the ZIP. */
export async function assembleBook(spec: BookSpec): Promise<Map<string, Uint8Array>> {
  const { identifier, head, parts } = spec;
  const warnings: string[] = [];
  const options: Options & Record<string, unknown> = {
    title: head.title,
    lang: head.language,
    description: spec.description,
    publisher: spec.publisher,
    date: spec.date,
    version: 3,
    css: bookStyle,
    cover: new File([spec.coverPng], bookFiles.coverImage, { type: "image/png" }),
    verbose: (type, ...args) => {
      if (type === "warn") warnings.push(args.map(String).join(" "));
    },
    contentOPF: "<%- packageDocument %>",
    tocNCX: "<%- ncxDocument %>",
    tocXHTML: "<%- navDocument %>",
    chapterXHTML: "<%- before %><%- content %><%- after %>",
    packageDocument: spec.packageDocument,
    ncxDocument: ncxDocument(head, identifier, parts),
    navDocument: navDocument(head, parts),
  };
  const book = new ArticleEPub(options, spec.chapters, identifier, spec.images);
  await book.render();
  if (warnings.length > 0) {
    // "content[1]" in its messages is the index of the chapter.
    const named = warnings.map((w) => w.replace(/content\[(\d+)\]/, (_, i: string) => spec.chapters[Number(i)]?.filename ?? `content[${i}]`));
    throw new Error(
      `EPUB of ${spec.what}: epub-gen-memory changed the book's markup:\n  ${named.join("\n  ")}\n` +
        `Change the markup made in src/epub/ so that it keeps every attribute and element.`,
    );
  }
  const files = await book.files();
  for (const [name, data] of files) if (name.endsWith(".xhtml")) files.set(name, new TextEncoder().encode(withHeaderScope(unreferenceText(new TextDecoder().decode(data)))));
  for (const [name, data] of spec.assembled ?? []) files.set(name, data);
  return files;
}

/** The files of the article's book as epub-gen-memory assembles them, keyed by path in the ZIP. */
export async function bookEntries(site: Site, article: Article, coverPng: Uint8Array): Promise<Map<string, Uint8Array>> {
  const identifier = bookIdentifier(absolute(site.url, paths.article(article.slug)));
  const parts = bookParts(article);
  return assembleBook({
    what: `article "${article.slug}"`,
    identifier,
    head: article,
    description: article.dek,
    publisher: site.publisher.name,
    date: article.published,
    coverPng,
    parts,
    chapters: parts.map((p) => chapter(site, article, p)),
    images: bookImages(article),
    packageDocument: packageDocument({ site, article, identifier, parts }),
  });
}

/** The EPUB file: the same bytes for the same content, whatever the clock or time zone. */
export async function makeEpub(site: Site, article: Article, coverPng: Uint8Array): Promise<Uint8Array> {
  return reproducibleZip(await bookEntries(site, article, coverPng), new Date(article.updated));
}
