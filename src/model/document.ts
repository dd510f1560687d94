/**
 * The document model: the one shape every renderer reads (HTML, JSON, feeds, EPUB).
 * The build produces it from already-validated content; nothing here is parsed at runtime.
 *
 * Text positions are UTF-16 offsets into the article's plain text: the text of every
 * text run in reading order, joined by "\n\n" (the article JSON serves them as they are).
 * The W3C annotation collection, which targets the HTML page, counts in the page's text
 * instead (src/render/page-anchors.ts).
 */
import type { FrontMatter } from "./front-matter.ts";
import type { AnnotationFields } from "./annotation-fields.ts";
import type { SiteSettings } from "./site-fields.ts";

/**
 * The site's settings: content/site.yaml as its one description outputs it
 * (src/model/site-fields.ts), without the build's own `tags` map. `pageSize` may be left out of a
 * site made by hand (tests): src/model/paging.ts then uses the description's default.
 */
export type Site = Omit<SiteSettings, "tags" | "pageSize"> & { pageSize?: number };

/** Inline formatting over a run of text; `start`/`end` are offsets within the run. */
export type Mark =
  | { type: "em" | "strong" | "code"; start: number; end: number }
  | { type: "link"; start: number; end: number; href: string };

/** Where an annotation sits in a run, with its 1-based note number in reading order. */
export interface NoteSpan {
  id: string;
  number: number;
  start: number;
  end: number;
}

/** A run of inline text: one paragraph, heading, quoted paragraph, list item or table cell. */
export interface TextRun {
  /** The words; "\n" is a hard line break (a soft one is a space). */
  text: string;
  /** Offset of this run's first character in the article's plain text. */
  offset: number;
  marks: Mark[];
  notes: NoteSpan[];
}

export type Block =
  | { type: "paragraph"; content: TextRun }
  | { type: "heading"; level: 2 | 3 | 4; content: TextRun }
  | { type: "quote"; paragraphs: TextRun[] }
  /** `start`: the first number of an ordered list, when it is not 1. */
  | { type: "list"; ordered: boolean; start?: number; items: TextRun[] }
  /**
   * A GitHub-style table: one header row (`head`, one cell per column), body rows of the same
   * width (markdown-it pads short rows and drops extra cells), and each column's alignment.
   */
  | { type: "table"; align: CellAlign[]; head: TextRun[]; rows: TextRun[][] }
  /** An image in a paragraph of its own (see Figure). */
  | Figure;

/**
 * A figure: `![alt](file.jpg "caption")` in a paragraph of its own, with an optional
 * `Credit: …` line under it. Its words are not part of the plain text notes anchor into.
 * The parser sets `file`, `alt`, `caption` and `credit`; the build (src/build/figures.ts)
 * sets the size and the web-sized variants, largest last.
 */
export interface Figure {
  type: "figure";
  /** The image's file name in the article's folder. */
  file: string;
  /** The text alternative: what the image shows (required). */
  alt: string;
  caption?: string;
  credit?: string;
  /** The source image's size in pixels, as displayed (after its EXIF orientation). */
  width: number;
  height: number;
  /** Media type of every variant (the source's format: image/jpeg, image/png or image/webp). */
  mediaType: string;
  /** Web-sized copies, never wider than the source, narrowest first; `path` is a URL path on the site. */
  variants: { width: number; height: number; path: string }[];
}

/** A table column's alignment as the Markdown's delimiter row gives it (`:--`, `:-:`, `--:`), or null. */
export type CellAlign = "left" | "center" | "right" | null;

/** The kinds of note, listed once: the annotations' schema (src/content/schema.ts) and the renderers' labels follow it. */
export const annotationKinds = ["context", "fact-check", "translation", "term", "update"] as const;

export type AnnotationKind = (typeof annotationKinds)[number];

export type SourceRef = AnnotationFields["sources"][number];

/**
 * A note: the fields an editor writes, as their one description outputs them
 * (src/model/annotation-fields.ts), with the body parsed and what the build works out.
 */
export interface Annotation extends Omit<AnnotationFields, "body"> {
  /** 1-based, in order of the anchors in the text. */
  number: number;
  /** Where the phrase is in the article's plain text (not in the page's: see src/render/page-anchors.ts). */
  position: { start: number; end: number };
  /** The note's Markdown source (the editor's `body`), and its parsed paragraphs (no notes inside notes). */
  markdown: string;
  body: TextRun[];
}

/**
 * What lists of articles need (index, sitemap, OPDS): everything but the text and the notes.
 * The fields an editor writes are the front matter's, as its one description gives them
 * (src/model/front-matter.ts: title, dek, language, source, author, published and updated as
 * ISO 8601 instants, tags); the others the build works out.
 */
export interface ArticleMeta extends FrontMatter {
  slug: string;
  wordCount: number;
  /** How many annotations the article has. */
  noteCount: number;
}

export interface Article extends ArticleMeta {
  blocks: Block[];
  annotations: Annotation[];
}

export interface Corpus {
  site: Site;
  /** Newest first (by `published`, then slug). */
  articles: Article[];
}

/** Any list of articles with its site: a Corpus, or the worker's Catalog. */
export interface Listing {
  site: Site;
  articles: readonly ArticleMeta[];
}

/**
 * What the worker bundles, so that its size does not grow with the text of every article:
 * each article's metadata, and in full only the newest `site.feedItems` (the feeds carry
 * their text). Every article's full model is also a static asset (`/_model/<slug>.json`),
 * read by the worker the first time an isolate needs it.
 */
export interface Catalog {
  site: Site;
  /** Newest first. */
  articles: ArticleMeta[];
  /**
   * The articles the site-wide feeds carry in full: the newest `site.feedItems`, newest first.
   * They are bundled because every feed needs their text; their own pages reuse these models
   * instead of reading them from the static assets (src/worker/data.ts). `site.feedItems` is the
   * feeds' length: the bundling follows from it and has no setting of its own.
   */
  feedArticles: Article[];
  /** The collection EPUBs (per tag, per month, by volume), for OPDS and links: src/collections/plan.ts (the build always lists them; a catalog made by hand may not). */
  collections?: CollectionInfo[];
  /**
   * Every tag, by slug, with its articles as indexes into `articles` (newest first): worked out
   * by the build (src/model/catalog.ts) so that an isolate's first tag page reads it instead of
   * going through 10,000 articles' tags. A catalog made by hand may leave it out.
   */
  tags?: CatalogTag[];
}

export type CollectionKind = "tag" | "month";

/**
 * One volume of a collection EPUB as lists show it (the catalog, OPDS, links): everything but
 * its articles. The plan that makes them is src/collections/plan.ts.
 */
export interface CollectionInfo {
  /** URL path, percent-encoded as in a link: "/collections/tags/china.epub", "/collections/months/2025-02.2.epub". */
  path: string;
  kind: CollectionKind;
  /** The tag's slug, or "YYYY-MM". */
  key: string;
  /** The tag as written, or the month in words ("February 2025"). */
  name: string;
  /** The book's title: "China — articles tagged China, 2025", "February 2025", with ", volume 2 of 3" when cut. */
  title: string;
  /** 1-based; `volumes` is how many the collection has. */
  volume: number;
  volumes: number;
  /** How many articles this volume holds. */
  count: number;
  /** The newest `updated` instant among them: the book's dcterms:modified and ZIP timestamp. */
  updated: string;
  /** The EPUB's size in bytes, once the build has made it (absent from a plan alone): lists show and link only the books that exist. */
  bytes?: number;
}

/** A book the site links: its size is known. */
export type ListedCollection = CollectionInfo & { bytes: number };

export interface CatalogTag {
  slug: string;
  /** The tag as first written (src/model/tags.ts). */
  name: string;
  articles: number[];
}
