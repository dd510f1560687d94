/**
 * The attribution, in one place: who wrote and first published the article, when and where,
 * and whose annotated edition this is. Every medium (the page, the feeds' content, OPDS, the
 * EPUB) shows these words; each wraps them in its own markup, rendering a `time` as `<time>`
 * where it can and a `link` as a link.
 */
import type { ArticleMeta, Site } from "../model/document.ts";
import { humanDate, isoDay } from "./dates.ts";
import { escape } from "./escape.ts";
import { absolute, paths } from "./urls.ts";

/** A piece of a sentence: plain words, a link, or a date with its machine-readable form. */
export type Words = string | { link: string; href: string } | { time: string; datetime: string };

export interface AttributionView {
  /** "By Jane Doe.", when the author is known. */
  byline?: Words[];
  /** "Originally published by Reuters on 24 February 2025: https://…." */
  original: Words[];
  /** "Annotated edition by Folio, 28 November 2026, updated 1 December 2026." */
  edition: Words[];
}

/** A date as precise as known: "on 24 February 2025", "in February 2025", "in 2025". */
function when(date: string): Words[] {
  return [date.length >= 10 ? "on " : "in ", { time: humanDate(date), datetime: date.length >= 10 ? isoDay(date) : date }];
}

export function attributionView(site: Site, article: ArticleMeta): AttributionView {
  const { publisher, url, date } = article.source;
  const published = isoDay(article.published);
  const updated = isoDay(article.updated);
  return {
    ...(article.author ? { byline: [`By ${article.author}.`] } : {}),
    original: [`Originally published by ${publisher} `, ...when(date), ": ", { link: url, href: url }, "."],
    edition: [
      "Annotated edition by ",
      { link: site.publisher.name, href: site.publisher.url ?? absolute(site.url, paths.home) },
      ", ",
      { time: humanDate(published), datetime: published },
      ...(updated !== published ? [", updated ", { time: humanDate(updated), datetime: updated }] : []),
      ".",
    ],
  };
}

/** The sentences in reading order. */
export function attributionSentences(view: AttributionView): Words[][] {
  return [...(view.byline ? [view.byline] : []), view.original, view.edition];
}

/** Words → markup: `time` as `<time datetime>` where the medium keeps that attribute, else as text. */
export function renderWords(words: Words[], options: { time: boolean }): string {
  return words
    .map((w) =>
      typeof w === "string"
        ? escape(w)
        : "link" in w
          ? `<a href="${escape(w.href)}">${escape(w.link)}</a>`
          : options.time
            ? `<time datetime="${escape(w.datetime)}">${escape(w.time)}</time>`
            : escape(w.time),
    )
    .join("");
}
