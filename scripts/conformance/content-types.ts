/**
 * Content-Type (and the headers that go with it) of every route in the URL contract (README.md,
 * "URLs"): the media type and any parameter listed below must match; charset may be added.
 */
import type { Check, Problems } from "./check.ts";
import type { Live } from "./live.ts";

export interface RouteExpectation {
  path: string;
  /** The media type with its parameters, e.g. `application/atom+xml;profile=opds-catalog;kind=acquisition`. */
  type: string;
  accept?: string;
  kind: "html" | "data" | "file" | "text";
}

/** Every route of the URL contract (README.md, "URLs"), for the given articles. */
export function routeExpectations(slugs: string[]): RouteExpectation[] {
  const routes: RouteExpectation[] = [
    { path: "/", type: "text/html", kind: "html" },
    { path: "/articles.json", type: "application/json", kind: "data" },
    { path: "/feed.xml", type: "application/rss+xml", kind: "data" },
    { path: "/atom.xml", type: "application/atom+xml", kind: "data" },
    { path: "/feed.json", type: "application/feed+json", kind: "data" },
    { path: "/opds.xml", type: "application/atom+xml;profile=opds-catalog;kind=acquisition", kind: "data" },
    { path: "/schema/article.json", type: "application/schema+json", kind: "data" },
    { path: "/sitemap.xml", type: "application/xml", kind: "text" },
    { path: "/robots.txt", type: "text/plain", kind: "text" },
    // The publication's lists, schemas and search (issue 12).
    { path: "/tags", type: "text/html", kind: "html" },
    { path: "/collections", type: "text/html", kind: "html" },
    { path: "/collections", accept: "application/json", type: "application/json", kind: "data" },
    { path: "/collections.json", type: "application/json", kind: "data" },
    { path: "/opds/tags.xml", type: "application/atom+xml;profile=opds-catalog;kind=navigation", kind: "data" },
    { path: "/opds/collections.xml", type: "application/atom+xml;profile=opds-catalog;kind=acquisition", kind: "data" },
    { path: "/schema/articles.json", type: "application/schema+json", kind: "data" },
    { path: "/schema/search.json", type: "application/schema+json", kind: "data" },
    { path: "/schema/collections.json", type: "application/schema+json", kind: "data" },
    { path: "/opensearch.xml", type: "application/opensearchdescription+xml", kind: "data" },
    { path: "/search?q=harbour", type: "text/html", kind: "html" },
    { path: "/search?q=harbour", accept: "application/json", type: "application/json", kind: "data" },
    { path: "/search.json?q=harbour", type: "application/json", kind: "data" },
    { path: "/search.opds?q=harbour", type: "application/atom+xml;profile=opds-catalog;kind=acquisition", kind: "data" },
  ];
  for (const slug of slugs) {
    routes.push(
      { path: `/articles/${slug}`, type: "text/html", kind: "html" },
      { path: `/articles/${slug}`, accept: "application/json", type: "application/json", kind: "data" },
      { path: `/articles/${slug}.json`, type: "application/json", kind: "data" },
      { path: `/articles/${slug}.epub`, type: "application/epub+zip", kind: "file" },
      { path: `/articles/${slug}/annotations.jsonld`, type: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"', kind: "data" },
    );
  }
  return routes;
}

interface MediaType {
  essence: string;
  params: Map<string, string>;
}

/** RFC 9110 §8.3.1: type/subtype, then `;name=value` (value possibly quoted); names and the type are case-insensitive. */
export function parseMediaType(value: string): MediaType | undefined {
  const [head = "", ...rest] = value.split(";");
  const essence = head.trim().toLowerCase();
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(essence)) return undefined;
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    let v = part.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    params.set(name, v);
  }
  return { essence, params };
}

/** Does `actual` (a Content-Type header or null) say `expected`? */
export function contentTypeProblems(what: string, actual: string | null, expected: string): Problems {
  if (actual === null) return [`${what}: no Content-Type header (expected ${expected})`];
  const want = parseMediaType(expected)!;
  const got = parseMediaType(actual);
  if (!got || got.essence !== want.essence) return [`${what}: Content-Type is "${actual}", expected ${expected}`];
  const problems: Problems = [];
  for (const [name, value] of want.params) {
    if (got.params.get(name) !== value) problems.push(`${what}: Content-Type "${actual}" lacks ${name}=${value} (expected ${expected})`);
  }
  const charset = got.params.get("charset");
  if (charset !== undefined && charset.toLowerCase() !== "utf-8") problems.push(`${what}: Content-Type charset is ${charset}, expected utf-8`);
  return problems;
}

/** The other headers each kind of route must send: a CSP without inline scripts on HTML, CORS on data, attachment on EPUBs, Vary on negotiated routes, a strong ETag and Cache-Control on all. */
export function routeHeaderProblems(what: string, route: Pick<RouteExpectation, "kind" | "accept">, headers: Headers): Problems {
  const problems: Problems = [];
  const csp = headers.get("Content-Security-Policy");
  if (route.kind === "html") {
    if (!csp) problems.push(`${what}: HTML without a Content-Security-Policy header`);
    else if (/script-src[^;]*('unsafe-inline'|'unsafe-eval'|\*)/.test(csp)) problems.push(`${what}: the Content-Security-Policy allows inline or any scripts: ${csp}`);
  }
  if (route.kind === "data" && headers.get("Access-Control-Allow-Origin") !== "*") problems.push(`${what}: feeds and JSON must send Access-Control-Allow-Origin: * (got ${headers.get("Access-Control-Allow-Origin") ?? "none"})`);
  if (route.kind === "file" && !/^attachment\b/i.test(headers.get("Content-Disposition") ?? "")) problems.push(`${what}: the EPUB must be sent with Content-Disposition: attachment (got ${headers.get("Content-Disposition") ?? "none"})`);
  if (route.accept && !(headers.get("Vary") ?? "").toLowerCase().split(/\s*,\s*/).includes("accept")) problems.push(`${what}: a negotiated response must send Vary: Accept (got ${headers.get("Vary") ?? "none"})`);
  if (!/^"[^"]*"$/.test(headers.get("ETag") ?? "")) problems.push(`${what}: no strong ETag (got ${headers.get("ETag") ?? "none"})`);
  if (!headers.get("Cache-Control")) problems.push(`${what}: no Cache-Control header`);
  return problems;
}

export const contentTypesCheck: Check = {
  name: "routes: Content-Type and headers of every route (the URL contract)",
  async run(live: Live) {
    const index = await live.index();
    const problems: Problems = [];
    for (const route of routeExpectations(index.articles.map((a) => a.slug))) {
      const what = `GET ${route.path}${route.accept ? ` (Accept: ${route.accept})` : ""}`;
      const res = await live.get(route.path, route.accept ? { headers: { Accept: route.accept } } : {});
      await res.arrayBuffer();
      if (res.status !== 200) {
        problems.push(`${what}: status ${res.status}, expected 200`);
        continue;
      }
      problems.push(...contentTypeProblems(what, res.headers.get("Content-Type"), route.type), ...routeHeaderProblems(what, route, res.headers));
    }
    return problems;
  },
};
