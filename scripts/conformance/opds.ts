/**
 * The OPDS 1.2 catalog (https://specs.opds.io/opds-1.2): a well-formed Atom feed in which every
 * article has an acquisition link (rel http://opds-spec.org/acquisition, type application/epub+zip)
 * whose URL, fetched from the worker, answers 200 application/epub+zip; the same for the
 * collections' feed (the root's rel="subsection" of kind=acquisition), which must list every
 * collection EPUB the build made (dist/catalog.json), each link's `length` its size.
 */
import { XMLParser } from "fast-xml-parser";
import type { Check, Problems } from "./check.ts";
import { contentTypeProblems } from "./content-types.ts";
import type { Live } from "./live.ts";
import { builtCatalog, builtModel } from "./model.ts";
import { isAbsoluteWebUrl, quote } from "./text.ts";
import { wellFormedProblems } from "./xml-well-formed.ts";
import { tagsOf } from "../../src/model/tags.ts";

export interface Acquisition {
  title: string;
  href: string;
  /** The link's `length` attribute (RFC 4287 §4.2.7.6), when it has one. */
  length?: string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => ["entry", "link"].includes(name) });
type Node = Record<string, unknown>;
const acquisitionRel = /^http:\/\/opds-spec\.org\/acquisition(\/(open-access|borrow|buy|sample|subscribe))?$/;

/** The catalog's acquisition links, and what is wrong with it. */
export function readOpds(what: string, xml: string, expectedEntries?: number): { problems: Problems; acquisitions: Acquisition[] } {
  const problems = wellFormedProblems(what, xml);
  if (problems.length > 0) return { problems, acquisitions: [] };
  const feed = (parser.parse(xml) as Node)["feed"] as Node | undefined;
  if (!feed) return { problems: [`${what}: not an Atom <feed> document`], acquisitions: [] };
  if (feed["@xmlns"] !== "http://www.w3.org/2005/Atom") problems.push(`${what}: the feed is not in the Atom namespace`);
  const entries = (feed["entry"] ?? []) as Node[];
  if (expectedEntries !== undefined && entries.length !== expectedEntries) problems.push(`${what}: ${entries.length} entries, expected one per article (${expectedEntries})`);
  const acquisitions: Acquisition[] = [];
  entries.forEach((entry, i) => {
    const title = typeof entry["title"] === "string" ? entry["title"] : String((entry["title"] as Node | undefined)?.["#text"] ?? `entry ${i + 1}`);
    const where = `${what} entry ${quote(title, 50)}`;
    if (!entry["id"]) problems.push(`${where}: no id`);
    if (!entry["updated"]) problems.push(`${where}: no updated date`);
    const links = (entry["link"] ?? []) as Node[];
    const epubs = links.filter((l) => acquisitionRel.test(String(l["@rel"] ?? "")) && l["@type"] === "application/epub+zip");
    if (epubs.length === 0) {
      const rels = links.map((l) => `${l["@rel"]} (${l["@type"]})`).join(", ");
      problems.push(`${where}: no acquisition link (rel="http://opds-spec.org/acquisition" type="application/epub+zip"); its links: ${rels || "none"}`);
    }
    for (const link of epubs) {
      const href = String(link["@href"] ?? "");
      if (!isAbsoluteWebUrl(href)) problems.push(`${where}: acquisition href ${quote(href)} is not an absolute URL`);
      else acquisitions.push({ title, href, ...(link["@length"] !== undefined ? { length: String(link["@length"]) } : {}) });
    }
  });
  return { problems, acquisitions };
}

/** Every article needs an acquisition link to its own EPUB (/articles/<slug>.epub). */
export function missingAcquisitionProblems(what: string, slugs: string[], acquisitions: Acquisition[]): Problems {
  const listed = new Set(acquisitions.map((a) => new URL(a.href).pathname));
  return slugs.filter((slug) => !listed.has(`/articles/${slug}.epub`)).map((slug) => `${what}: the article ${slug} has no acquisition link to /articles/${slug}.epub`);
}

/** What a downloaded acquisition link must be. */
export function acquisitionResponseProblems(url: string, status: number, contentType: string | null, bytes: Uint8Array): Problems {
  if (status !== 200) return [`acquisition link ${url} answered ${status}, expected 200`];
  const problems = contentTypeProblems(`acquisition link ${url}`, contentType, "application/epub+zip");
  // An EPUB is a zip whose first entry is the stored file `mimetype` (EPUB OCF 3.2 §4.3).
  if (bytes.length < 58 || String.fromCharCode(...bytes.subarray(0, 4)) !== "PK\u0003\u0004") problems.push(`acquisition link ${url}: the body is not a zip file`);
  else if (new TextDecoder().decode(bytes.subarray(30, 58)) !== "mimetypeapplication/epub+zip") problems.push(`acquisition link ${url}: the zip does not start with the stored "mimetype" entry "application/epub+zip"`);
  return problems;
}

/** Every feed-level link of an OPDS (Atom) document, in order. */
export function allFeedLinks(xml: string): { rel: string; href: string; type: string }[] {
  try {
    const feed = (parser.parse(xml) as Node)["feed"] as Node | undefined;
    return ((feed?.["link"] ?? []) as Node[]).map((l) => ({ rel: String(l["@rel"] ?? "alternate"), href: String(l["@href"] ?? ""), type: String(l["@type"] ?? "") }));
  } catch {
    return []; // wellFormedProblems reports it
  }
}

/** The root's subsection of one kind ("navigation": by tag; "acquisition": the collections). */
export function subsection(xml: string, kind: "navigation" | "acquisition"): { href: string; type: string } | undefined {
  return allFeedLinks(xml).find((l) => l.rel === "subsection" && l.type.includes(`kind=${kind}`));
}

/** The collection EPUBs the build made (their paths) against the ones a feed lists: each once, none else. */
export function collectionListProblems(what: string, built: string[], acquisitions: Acquisition[]): Problems {
  const listed = acquisitions.map((a) => decodeURI(new URL(a.href).pathname));
  const problems = built.filter((path) => !listed.includes(decodeURI(path))).map((path) => `${what}: the collection EPUB ${path} is not listed`);
  const seen = new Set<string>();
  for (const path of listed) {
    if (seen.has(path)) problems.push(`${what}: ${path} is listed more than once`);
    seen.add(path);
    if (!built.some((b) => decodeURI(b) === path)) problems.push(`${what}: ${path} is listed, but the build made no such collection`);
  }
  return problems;
}

/** The feed-level links of an OPDS (Atom) document: rel → href (the first of each rel). */
export function feedLinks(xml: string): Map<string, { href: string; type: string }> {
  const links = new Map<string, { href: string; type: string }>();
  try {
    const feed = (parser.parse(xml) as Node)["feed"] as Node | undefined;
    for (const l of (feed?.["link"] ?? []) as Node[]) {
      const rel = String(l["@rel"] ?? "alternate");
      if (!links.has(rel)) links.set(rel, { href: String(l["@href"] ?? ""), type: String(l["@type"] ?? "") });
    }
  } catch {
    // wellFormedProblems reports it
  }
  return links;
}

/**
 * An acquisition feed over all its pages (RFC 5005: following rel="next" from the first), with
 * the problems of each page and of the paging itself (a loop, a next that does not answer).
 */
export async function readPagedOpds(live: Live, first: string, type = "application/atom+xml;profile=opds-catalog;kind=acquisition"): Promise<{ problems: Problems; acquisitions: Acquisition[]; pages: string[] }> {
  const problems: Problems = [];
  const acquisitions: Acquisition[] = [];
  const pages: string[] = [];
  for (let path: string | undefined = first; path; ) {
    if (pages.includes(path)) {
      problems.push(`${first}: following next comes back to ${path}`);
      break;
    }
    pages.push(path);
    const { status, headers, body } = await live.text(path);
    if (status !== 200) {
      problems.push(`GET ${path} answered ${status}`);
      break;
    }
    problems.push(...contentTypeProblems(`GET ${path}`, headers.get("Content-Type"), type));
    const read = readOpds(path, body);
    problems.push(...read.problems);
    acquisitions.push(...read.acquisitions);
    const next = feedLinks(body).get("next")?.href;
    path = next ? new URL(next).pathname : undefined;
  }
  return { problems, acquisitions, pages };
}

/** The EPUBs the catalog lists over all its pages, as URLs on the running worker (shared with the EPUB check). */
export function listedEpubs(live: Live): Promise<{ problems: Problems; acquisitions: Acquisition[] }> {
  return live.once("opds", async () => {
    const read = await readPagedOpds(live, "/opds.xml");
    // One entry per article of the build (dist/model.json), not per article the worker's own index lists.
    const slugs = builtModel().articles.map((a) => a.slug);
    const count = read.acquisitions.length !== slugs.length ? [`/opds.xml: ${read.acquisitions.length} acquisition entries over ${read.pages.length} pages, expected one per article (${slugs.length})`] : [];
    const missing = missingAcquisitionProblems("/opds.xml", slugs, read.acquisitions);
    return { problems: [...read.problems, ...count, ...missing], acquisitions: read.acquisitions };
  });
}

/** The collection EPUBs the collections' feed lists over its pages (shared with the EPUB check), against the build's list. */
export function listedCollectionEpubs(live: Live): Promise<{ problems: Problems; acquisitions: Acquisition[] }> {
  return live.once("opds collections", async () => {
    const root = await live.text("/opds.xml");
    const link = subsection(root.body, "acquisition");
    if (!link) return { problems: ['/opds.xml: no feed-level link rel="subsection" to an acquisition feed (kind=acquisition) of the collections'], acquisitions: [] };
    const first = new URL(link.href).pathname;
    const read = await readPagedOpds(live, first);
    const built = (builtCatalog().collections ?? []).filter((c) => c.bytes !== undefined).map((c) => c.path);
    const none = built.length === 0 ? ["dist/catalog.json lists no collection EPUB with a size: nothing to check (is src/collections making them?)"] : [];
    return { problems: [...read.problems, ...none, ...collectionListProblems(first, built, read.acquisitions)], acquisitions: read.acquisitions };
  });
}

/** /opds/tags.xml from the root's rel="subsection", and each tag's acquisition feed listing exactly the tag's articles. */
export const opdsTagsCheck: Check = {
  name: "feed OPDS by tag: the root's navigation feed, every tag's acquisition feed over its pages",
  async run(live) {
    const problems: Problems = [];
    const root = await live.text("/opds.xml");
    const nav = subsection(root.body, "navigation");
    if (!nav) return ["/opds.xml: no feed-level link rel=\"subsection\" to a navigation feed (kind=navigation)"];
    const model = builtModel();
    const expected = new Map(tagsOf(model.articles).map((t) => [t.slug, t.articles.map((a) => a.slug)]));
    const seen = new Set<string>();
    for (let path: string | undefined = new URL(nav.href).pathname; path; ) {
      const { status, headers, body } = await live.text(path);
      if (status !== 200) return [...problems, `GET ${path} answered ${status}`];
      problems.push(...contentTypeProblems(`GET ${path}`, headers.get("Content-Type"), "application/atom+xml;profile=opds-catalog;kind=navigation"), ...wellFormedProblems(path, body));
      const feed = (parser.parse(body) as Node)["feed"] as Node | undefined;
      for (const entry of (feed?.["entry"] ?? []) as Node[]) {
        const link = ((entry["link"] ?? []) as Node[]).find((l) => l["@rel"] === "subsection");
        const href = link ? String(link["@href"] ?? "") : "";
        const slug = /^\/tags\/([^/]+)\/opds\.xml$/.exec(href ? decodeURI(new URL(href).pathname) : "")?.[1];
        if (!slug || !String(link?.["@type"] ?? "").includes("kind=acquisition")) {
          problems.push(`${path}: an entry has no rel="subsection" link to a tag's acquisition feed (${quote(href)})`);
          continue;
        }
        seen.add(slug);
        const read = await readPagedOpds(live, new URL(href).pathname);
        problems.push(...read.problems);
        const listed = read.acquisitions.map((a) => /\/articles\/([^/]+)\.epub$/.exec(new URL(a.href).pathname)?.[1]);
        if (JSON.stringify(listed) !== JSON.stringify(expected.get(slug))) problems.push(`${href}: lists ${listed.join(", ")}; the tag's articles are ${(expected.get(slug) ?? []).join(", ")}`);
      }
      const next = feedLinks(body).get("next")?.href;
      path = next ? new URL(next).pathname : undefined;
    }
    for (const slug of expected.keys()) if (!seen.has(slug)) problems.push(`the navigation feed by tag has no entry for the tag ${slug}`);
    return problems;
  },
};

export const opdsCheck: Check = {
  name: "feed /opds.xml (every page): OPDS acquisition links answer 200 application/epub+zip",
  async run(live) {
    const listed = await listedEpubs(live);
    const problems = [...listed.problems];
    for (const { href } of listed.acquisitions) {
      const { status, headers, body } = await live.bytes(live.local(href));
      problems.push(...acquisitionResponseProblems(href, status, headers.get("Content-Type"), body));
    }
    return problems;
  },
};

export const opdsCollectionsCheck: Check = {
  name: "feed OPDS collections (every page): every collection EPUB listed once, its acquisition link answering 200 application/epub+zip of its length",
  async run(live) {
    const listed = await listedCollectionEpubs(live);
    const problems = [...listed.problems];
    for (const { href, length } of listed.acquisitions) {
      const { status, headers, body } = await live.bytes(live.local(href));
      problems.push(...acquisitionResponseProblems(href, status, headers.get("Content-Type"), body));
      if (status === 200 && length !== String(body.byteLength)) problems.push(`acquisition link ${href}: length="${length ?? ""}", but the file is ${body.byteLength} bytes`);
    }
    return problems;
  },
};
