/**
 * cover.xhtml: the cover image with its text alternative, for readers that show a cover page.
 * It is the one image in the book, and the image is written straight into the page frame:
 * epub-gen-memory would otherwise treat every <img> in a chapter as a URL to download.
 */
import type { Article } from "../model/document.ts";
import { escape } from "../render/escape.ts";
import { bookFiles } from "./files.ts";
import { xhtmlFrame, type Frame } from "./xhtml.ts";

export function coverAlt(article: Article): string {
  return `Cover: ${article.title}. ${article.source.publisher}, annotated edition.`;
}

export function coverPage(article: Article): Frame {
  return coverPageWith(article.language, coverAlt(article));
}

/** The cover page of any book: its language and the image's text alternative. */
export function coverPageWith(lang: string, alt: string): Frame {
  const frame = xhtmlFrame({ lang, title: "Cover", bodyType: "cover" });
  return {
    before: `${frame.before}<section class="cover"><img src="${bookFiles.coverImage}" alt="${escape(alt)}" role="doc-cover"/></section>`,
    after: frame.after,
  };
}
