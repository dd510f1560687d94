/**
 * /opensearch.xml: an OpenSearch 1.1 description document (Draft 6), so that browsers offer
 * the site's search in the address bar and e-readers can search the catalogue.
 * ShortName is at most 16 characters and Description at most 1024 (the spec's limits); both
 * are plain text. Results pages count from 1 (`pageOffset` default), one template per format.
 */
import type { Site } from "../model/document.ts";
import { searchPaths } from "../search/urls.ts";
import { escape } from "./escape.ts";
import { absolute, paths } from "./urls.ts";

export interface OpenSearchOptions {
  /** Path of an OPDS (Atom) results feed taking `q` and `page`, when the worker serves one. */
  opdsSearchPath?: string;
}

/** Cuts to `max` code points, at a space when there is one in the last third. */
function cut(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  if (chars.length <= max) return chars.join("");
  const head = chars.slice(0, max).join("");
  const space = head.lastIndexOf(" ");
  return space > (max * 2) / 3 ? head.slice(0, space) : head;
}

export function renderOpenSearch(site: Site, options: OpenSearchOptions = {}): string {
  const template = (path: string) => `${absolute(site.url, path)}?q={searchTerms}&page={startPage?}`;
  const urls: [string, string][] = [
    ["text/html", template(searchPaths.html)],
    ["application/json", template(searchPaths.json)],
    ...(options.opdsSearchPath ? ([["application/atom+xml;profile=opds-catalog;kind=acquisition", template(options.opdsSearchPath)]] as [string, string][]) : []),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
<ShortName>${escape(cut(site.title, 16))}</ShortName>
<Description>${escape(cut(`Search ${site.title}: ${site.description}`, 1024))}</Description>
${urls.map(([type, t]) => `<Url type="${escape(type)}" template="${escape(t)}"/>`).join("\n")}
<Url type="application/opensearchdescription+xml" rel="self" template="${escape(absolute(site.url, searchPaths.openSearch))}"/>
<Image type="image/svg+xml">${escape(absolute(site.url, paths.favicon))}</Image>
<Language>${escape(site.language)}</Language>
<InputEncoding>UTF-8</InputEncoding>
<OutputEncoding>UTF-8</OutputEncoding>
</OpenSearchDescription>
`;
}
