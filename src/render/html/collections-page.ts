/**
 * /collections (and its later pages): every collection EPUB the build made, months newest first,
 * then tags by slug (src/collections/listing.ts), each with its number of articles and its size;
 * and the part of a tag's page that links the tag's own book.
 */
import type { ListedCollection, Site } from "../../model/document.ts";
import { pagePath, type Page } from "../../model/paging.ts";
import { escape } from "../escape.ts";
import { opdsAcquisitionType, opdsCollectionsTitle } from "../feeds/opds.ts";
import { absolute, contentTypes, paths } from "../urls.ts";
import { pageSuffix, pagerHead, pagerNav } from "./article-list.ts";
import { renderPage } from "./layout.ts";
import { articleCount, humanBytes, thousands } from "../numbers.ts";

/** A download link to one volume; its text is the book's title, so it says which book on its own. */
function bookLink(c: ListedCollection, text = c.title): string {
  return `<a href="${escape(c.path)}" type="${contentTypes.epub}" download>${escape(text)}</a>`;
}

/** "12 articles · EPUB, 1.2 MB" */
function bookFacts(c: ListedCollection): string {
  return `${articleCount(c.count)} · EPUB, ${humanBytes(c.bytes)}`;
}

/** On a tag's page: the tag as one EPUB, or its volumes, each with its size. "" when the build made none. */
export function tagBooks(books: readonly ListedCollection[]): string {
  if (books.length === 0) return "";
  if (books.length === 1) {
    const [book] = books as [ListedCollection];
    return `<p class="small">This tag as one EPUB: ${bookLink(book)} (${escape(bookFacts(book))})</p>`;
  }
  const items = books.map((b) => `<li>${bookLink(b)} <span class="small">${escape(bookFacts(b))}</span></li>`).join("\n");
  return `<section aria-labelledby="tag-books"><h2 id="tag-books">This tag as EPUB, in ${books.length} volumes</h2>
<ul>
${items}
</ul></section>`;
}

const headings = { month: "By month, newest first", tag: "By tag" } as const;

export function renderCollectionsPage(site: Site, page: Page<ListedCollection>): string {
  const json = pagePath(paths.collectionsJson, page.number);
  const head = [
    ...pagerHead(site, page),
    `<link rel="alternate" type="application/json" href="${escape(absolute(site.url, json))}">`,
    `<link rel="alternate" type="${escape(opdsAcquisitionType)}" href="${escape(absolute(site.url, paths.opdsCollections))}" title="${escape(`${site.title} (${opdsCollectionsTitle}, OPDS)`)}">`,
  ].join("\n");
  // The page's books under the heading of their kind (a page may hold the last months and the first tags).
  const sections = (["month", "tag"] as const)
    .map((kind) => {
      const books = page.items.filter((c) => c.kind === kind);
      if (books.length === 0) return "";
      const items = books.map((c) => {
        const tag = c.kind === "tag" ? ` · <a href="${escape(paths.tag(c.key))}">the tag's page</a>` : "";
        return `<li>${bookLink(c)} <span class="small">${escape(bookFacts(c))}${tag}</span></li>`;
      });
      return `<section aria-labelledby="by-${kind}"><h2 id="by-${kind}">${headings[kind]}</h2>
<ul>
${items.join("\n")}
</ul></section>`;
    })
    .filter((s) => s !== "")
    .join("\n");
  const total = page.total;
  const body = `<h1>Collections</h1>
<p class="dek">Every tag and every month of publication as one EPUB, oldest article first, with each article's notes: ${thousands(total)} book${total === 1 ? "" : "s"}. A collection too large for one file comes in volumes.</p>
${sections || "<p>No collection yet.</p>"}
${pagerNav(page, "Earlier", "Later")}
<p class="small">E-readers: <a href="${paths.opdsCollections}">OPDS catalog of the collections</a> · data: <a href="${escape(json)}">JSON</a></p>`;
  return renderPage({ site, path: page.path, title: `Collections${pageSuffix(page)} · ${site.title}`, description: `Every tag and month of ${site.title} as one EPUB.`, language: site.language, head, body });
}
