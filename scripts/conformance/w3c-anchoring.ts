/**
 * W3C anchors anchor on the page they name. For every article, /articles/<slug>/annotations.jsonld
 * is read, and each note's target page is fetched from the running worker and parsed by jsdom
 * (the HTML standard's tree construction, so the DOM is the one a browser builds; the text a
 * W3C client reads is `textContent`, which needs no layout, so no browser is needed).
 *
 * As Hypothesis anchors (github.com/hypothesis/client, src/annotator/anchoring/): the root is
 * `document.body`, or the element a FragmentSelector / CssSelector names when the text selectors
 * refine it (`refinedBy`); the TextQuoteSelector is matched against the root's rendered text
 * (`textContent` with each <br> read as a space), and the TextPositionSelector counts UTF-16 code
 * units of the raw `textContent`. Held to the W3C definitions, strictly:
 *   - `prefix` + `exact` + `suffix` occurs exactly once in the text (the note's phrase is found
 *     exactly once: Hypothesis's fuzzy matching would hide a context that no longer matches);
 *   - the position selects `exact`, at the place the quote was found;
 *   - the target's source is the page's canonical URL, and the collection's ids, its creator's
 *     homepage and every other URL of the site in it start with the same site URL as the page.
 */
import type { Check, Problems } from "./check.ts";
import { parseHtml, type DomDocument, type DomElement, type DomNode } from "./dom.ts";
import type { Live } from "./live.ts";
import { builtModel } from "./model.ts";
import { fold, quote } from "./text.ts";

type Json = Record<string, unknown>;

interface Selector {
  type?: string;
  exact?: string;
  prefix?: string;
  suffix?: string;
  start?: number;
  end?: number;
  value?: string;
  refinedBy?: Selector | Selector[];
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The annotations of a collection whose pages are embedded (`first`, then each `next`). */
export function collectionItems(collection: Json): Json[] {
  const items: Json[] = [];
  const seen = new Set<unknown>();
  for (let page = collection["first"] as Json | undefined; page && typeof page === "object" && !seen.has(page); page = page["next"] as Json | undefined) {
    seen.add(page);
    items.push(...asArray(page["items"] as Json[] | undefined));
  }
  return items;
}

/** The root's text as Hypothesis reads it: raw textContent, and rendered text with <br> as a space (and where those spaces are). */
export function rootTexts(root: DomElement): { raw: string; rendered: string; brs: number[] } {
  let rendered = "";
  const brs: number[] = [];
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) rendered += node.textContent ?? "";
    else if (node.nodeType === 1) {
      if ((node as DomElement).tagName === "BR") {
        brs.push(rendered.length);
        rendered += " ";
        return;
      }
      for (const child of node.childNodes) walk(child);
    }
  };
  walk(root);
  return { raw: root.textContent ?? "", rendered, brs };
}

/** Every index where `needle` occurs in `text` (overlapping occurrences included). */
export function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};
const commonSuffix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};

const show = (text: string, at: number, before: number, after: number) =>
  `${quote(text.slice(Math.max(0, at - before), at), before + 2)} ‖ ${quote(text.slice(at, at + after), after + 2)}`;

/** Problems anchoring one annotation's target in the page's DOM. */
export function anchorProblems(where: string, document: DomDocument, selectors: Selector[]): Problems {
  let root: DomElement | null = document.body;
  let textSelectors = selectors;
  const scoped = selectors.find((s) => s.refinedBy && (s.type === "FragmentSelector" || s.type === "CssSelector"));
  if (scoped) {
    root = scoped.type === "FragmentSelector" ? document.getElementById(scoped.value ?? "") : document.querySelector(scoped.value ?? "");
    if (!root) return [`${where}: its ${scoped.type} ${quote(scoped.value ?? "")} names no element of the page`];
    textSelectors = asArray(scoped.refinedBy);
  }
  if (!root) return [`${where}: the page has no body`];
  const quoteSel = textSelectors.find((s) => s.type === "TextQuoteSelector");
  const position = textSelectors.find((s) => s.type === "TextPositionSelector");
  if (!quoteSel || typeof quoteSel.exact !== "string") return [`${where}: no TextQuoteSelector with an "exact"`];
  if (!position || typeof position.start !== "number" || typeof position.end !== "number") return [`${where}: no TextPositionSelector with numeric start and end`];

  const { raw, rendered, brs } = rootTexts(root);
  const exact = quoteSel.exact;
  const prefix = quoteSel.prefix ?? "";
  const suffix = quoteSel.suffix ?? "";
  const toRaw = (offset: number) => offset - brs.filter((b) => b < offset).length;
  const problems: Problems = [];
  const exactAt = occurrences(rendered, exact);
  const matches = occurrences(rendered, prefix + exact + suffix).map((i) => i + prefix.length);
  const rootName = scoped ? `the text of ${scoped.value}` : "the page's text";

  if (matches.length !== 1) {
    if (exactAt.length === 0) problems.push(`${where}: the quote ${quote(exact, 60)} is not in ${rootName}`);
    else {
      // The occurrence whose surroundings agree longest with the prefix and suffix (the one the editor meant).
      const agreement = (i: number) => commonSuffix(rendered.slice(Math.max(0, i - prefix.length), i), prefix) + commonPrefix(rendered.slice(i + exact.length, i + exact.length + suffix.length), suffix);
      const near = exactAt.reduce((a, b) => (agreement(b) > agreement(a) ? b : a));
      const context = prefix + exact + suffix;
      problems.push(
        matches.length === 0
          ? `${where}: prefix + exact + suffix ${quote(context, 120)} is not in ${rootName}; "exact" occurs ${exactAt.length} time(s), and where the page's text agrees best with the prefix and suffix it reads ${show(rendered, near, prefix.length || 20, exact.length + (suffix.length || 20))}` +
              `${prefix && !rendered.slice(0, near).endsWith(prefix) ? " (the prefix differs)" : ""}${suffix && !rendered.slice(near + exact.length).startsWith(suffix) ? " (the suffix differs)" : ""}`
          : `${where}: prefix + exact + suffix ${quote(context, 120)} occurs ${matches.length} times in ${rootName} (at ${matches.join(", ")}), so the quote does not say which is meant`,
      );
    }
  }

  const selected = raw.slice(position.start, position.end);
  if (selected !== exact)
    problems.push(`${where}: TextPositionSelector ${position.start}–${position.end} selects ${quote(fold(selected), 60)} in ${rootName}, not ${quote(exact, 60)}${exactAt.length ? ` (the quote is at ${exactAt.map(toRaw).join(", ")})` : ""}`);
  else if (matches.length === 1 && toRaw(matches[0]!) !== position.start)
    problems.push(`${where}: TextPositionSelector starts at ${position.start}, but the quote is found at ${toRaw(matches[0]!)} of ${rootName}`);
  return problems;
}

/** The page's site URL: its canonical URL without `/articles/<slug>`. */
export function siteUrlOf(canonical: string): string | undefined {
  return /^(https?:\/\/.+?)\/articles\/[^/]+$/.exec(canonical)?.[1];
}

/** Problems with the URLs of the collection: the site's own ones must all start with the page's site URL. */
export function collectionUrlProblems(what: string, collection: Json, siteUrl: string, canonical: string): Problems {
  const problems: Problems = [];
  const sameSite = (url: unknown) => typeof url === "string" && (url === siteUrl || url.startsWith(`${siteUrl}/`) || url.startsWith(`${siteUrl}#`));
  const check = (field: string, url: unknown) => {
    if (!sameSite(url)) problems.push(`${what}: ${field} is ${JSON.stringify(url)}, not on the page's site URL ${siteUrl}`);
  };
  check("the collection's id", collection["id"]);
  if (collection["creator"]) check("the collection's creator.homepage", (collection["creator"] as Json)["homepage"]);
  let pageNumber = 0;
  for (let page = collection["first"] as Json | undefined; page && typeof page === "object" && pageNumber < 1000; page = page["next"] as Json | undefined) {
    pageNumber++;
    check(`page ${pageNumber}'s id`, page["id"]);
    if (page["partOf"] !== undefined) check(`page ${pageNumber}'s partOf`, typeof page["partOf"] === "object" ? (page["partOf"] as Json)["id"] : page["partOf"]);
  }
  if (typeof collection["first"] === "string") check("the collection's first", collection["first"]);
  for (const item of collectionItems(collection)) {
    const id = String(item["id"] ?? "(no id)");
    check(`annotation ${id}: its id`, item["id"]);
    const creator = item["creator"] as Json | undefined;
    if (!creator) problems.push(`${what}: annotation ${id} has no creator`);
    else if (creator["homepage"] !== siteUrl && creator["homepage"] !== `${siteUrl}/`) problems.push(`${what}: annotation ${id}: creator.homepage is ${JSON.stringify(creator["homepage"])}, expected the page's site URL ${siteUrl}`);
    for (const target of asArray(item["target"] as Json | Json[] | undefined)) {
      if (target["source"] !== canonical) problems.push(`${what}: annotation ${id}: target.source is ${JSON.stringify(target["source"])}, expected the page's canonical URL ${canonical}`);
    }
  }
  return problems;
}

/** Everything wrong with one article's collection against the page it targets (`pages` by URL: the served HTML). */
export function anchoringProblems(what: string, collection: Json, pages: Map<string, string>, expectedTotal?: number): Problems {
  const problems: Problems = [];
  const items = collectionItems(collection);
  if (expectedTotal !== undefined && items.length !== expectedTotal) problems.push(`${what}: ${items.length} annotations, expected one per note (${expectedTotal})`);
  if (collection["total"] !== items.length) problems.push(`${what}: "total" is ${JSON.stringify(collection["total"])}, but the pages hold ${items.length} annotations`);
  const documents = new Map<string, DomDocument>();
  let canonical: string | undefined;
  for (const item of items) {
    const id = String(item["id"] ?? "(no id)");
    const fragment = id.includes("#") ? id.slice(id.indexOf("#")) : id;
    for (const target of asArray(item["target"] as Json | Json[] | undefined)) {
      const source = String(target["source"]);
      const html = pages.get(source);
      if (html === undefined) {
        problems.push(`${what} ${fragment}: its target ${source} was not served`);
        continue;
      }
      let document = documents.get(source);
      if (!document) {
        document = parseHtml(html, source);
        documents.set(source, document);
        canonical ??= document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? undefined;
      }
      problems.push(...anchorProblems(`${what} ${fragment}`, document, asArray(target["selector"] as Selector | Selector[] | undefined)));
    }
  }
  if (!canonical) return [...problems, `${what}: the target page has no <link rel="canonical"> (its site URL is unknown)`];
  const siteUrl = siteUrlOf(canonical);
  if (!siteUrl) return [...problems, `${what}: the page's canonical URL ${canonical} is not …/articles/<slug>`];
  return [...problems, ...collectionUrlProblems(what, collection, siteUrl, canonical)];
}

export const w3cAnchoringCheck: Check = {
  name: "W3C annotations: every note anchors on the served page as Hypothesis anchors it",
  async run(live: Live) {
    const model = builtModel();
    const problems: Problems = [];
    for (const article of model.articles) {
      const path = `/articles/${article.slug}/annotations.jsonld`;
      const { status, body } = await live.text(path);
      if (status !== 200) {
        problems.push(`GET ${path} answered ${status}`);
        continue;
      }
      const collection = JSON.parse(body) as Json;
      const pages = new Map<string, string>();
      for (const item of collectionItems(collection)) {
        for (const target of asArray(item["target"] as Json | Json[] | undefined)) {
          const source = target["source"];
          if (typeof source !== "string" || pages.has(source) || !/^https?:\/\//.test(source)) continue;
          const page = await live.get(new URL(live.local(source)).pathname, { headers: { Accept: "text/html" } });
          if (page.status === 200) pages.set(source, await page.text());
          else problems.push(`${path}: the target ${source} answered ${page.status} (as ${new URL(live.local(source)).pathname})`);
        }
      }
      problems.push(...anchoringProblems(path, collection, pages, article.annotations.length));
    }
    return problems;
  },
};
