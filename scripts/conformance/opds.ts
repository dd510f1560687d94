/**
 * The OPDS 1.2 catalog (https://specs.opds.io/opds-1.2): a well-formed Atom feed in which every
 * article has an acquisition link (rel http://opds-spec.org/acquisition, type application/epub+zip)
 * whose URL, fetched from the worker, answers 200 application/epub+zip.
 */
import { XMLParser } from "fast-xml-parser";
import type { Check, Problems } from "./check.ts";
import { contentTypeProblems } from "./content-types.ts";
import type { Live } from "./live.ts";
import { builtModel } from "./model.ts";
import { isAbsoluteWebUrl, quote } from "./text.ts";
import { wellFormedProblems } from "./xml-well-formed.ts";

export interface Acquisition {
  title: string;
  href: string;
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
      else acquisitions.push({ title, href });
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

/** The EPUBs the catalog lists, as URLs on the running worker (shared with the EPUB check). */
export function listedEpubs(live: Live): Promise<{ problems: Problems; acquisitions: Acquisition[] }> {
  return live.once("opds", async () => {
    const { status, headers, body } = await live.text("/opds.xml");
    if (status !== 200) return { problems: [`GET /opds.xml answered ${status}`], acquisitions: [] };
    // One entry per article of the build (dist/model.json), not per article the worker's own index lists.
    const slugs = builtModel().articles.map((a) => a.slug);
    const read = readOpds("/opds.xml", body, slugs.length);
    const type = contentTypeProblems("GET /opds.xml", headers.get("Content-Type"), "application/atom+xml;profile=opds-catalog;kind=acquisition");
    const missing = missingAcquisitionProblems("/opds.xml", slugs, read.acquisitions);
    return { problems: [...type, ...read.problems, ...missing], acquisitions: read.acquisitions };
  });
}

export const opdsCheck: Check = {
  name: "feed /opds.xml: OPDS acquisition links answer 200 application/epub+zip",
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
