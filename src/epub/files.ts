/** The files inside the book, all in epub-gen-memory's OEBPS/ folder beside content.opf. */
export const bookFiles = {
  article: "article.xhtml",
  endnotes: "endnotes.xhtml",
  cover: "cover.xhtml",
  coverImage: "cover.png",
  nav: "toc.xhtml",
  ncx: "toc.ncx",
  css: "style.css",
} as const;
