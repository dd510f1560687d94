/**
 * Property tests of HTTP semantics (fast-check): random paths (percent-encodings, `..`, unicode,
 * very long), methods and headers (Accept, If-None-Match, If-Modified-Since, Range, with
 * oversized and malformed values). Whatever comes in, the worker never answers 5xx, and the
 * status is the one the rules give:
 *   known path, GET/HEAD   304 when a validator matches, else 206/416 for a byte range of a
 *                          built file, else 200 (a malformed header is ignored)
 *   known path, OPTIONS    204
 *   known path, other      405 with Allow
 *   known path + "/" or "//"  301 to the canonical path for GET/HEAD, 404 otherwise
 *   unknown path           404, whatever the method
 * The ETag and Last-Modified a conditional request quotes are read first with a plain GET.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { allArticles, get, ORIGIN } from "./helpers.ts";

const RUNS = 300;

let known: string[] = [];
/** Built files (EPUB, PNG): the only resources answering Range. */
let files = new Set<string>();

beforeAll(async () => {
  const index = { articles: await allArticles() };
  const site = ["/", "/articles.json", "/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", "/schema/article.json", "/sitemap.xml", "/robots.txt", "/favicon.svg", "/page/2", "/articles/page/2.json", "/opds/page/2.xml", "/schema/articles.json", "/tags", "/tags/test-fixture", "/tags/test-fixture/page/2", "/tags/test-fixture.json", "/tags/test-fixture/feed.xml", "/tags/test-fixture/atom.xml", "/tags/test-fixture/feed.json", "/tags/test-fixture/opds.xml", "/opds/tags.xml"];
  const perArticle = index.articles.flatMap(({ slug }) => [`/articles/${slug}`, `/articles/${slug}.json`, `/articles/${slug}/annotations.jsonld`]);
  const built = index.articles.flatMap(({ slug }) => [`/articles/${slug}.epub`, `/articles/${slug}/cover.png`, `/articles/${slug}/og.png`]);
  known = [...site, ...perArticle, ...built];
  files = new Set(built);
  for (const path of known) expect((await get(path)).status, path).toBe(200);
});

// ---- arbitraries ----

const methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"] as const;
type Method = (typeof methods)[number];
const method = fc.constantFrom(...methods);

/** Text a Headers value may hold (printable ASCII; Latin-1 makes workerd warn on every request), up to `max` characters. */
const headerText = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max }).map((s) => s.trim());
const oversized = fc.integer({ min: 4_000, max: 12_000 }).chain((n) => fc.constantFrom("x", ",", '"', ";", "*", "9").map((c) => c.repeat(n)));

const accept = fc.option(
  fc.oneof(
    fc.constantFrom("application/json", "text/html", "*/*", "application/json;q=0.9, text/html;q=0.1", "text/html;q=0, application/*", "application/json;q=NaN", ";;;,,,q=)(", "image/png"),
    headerText(200),
    oversized,
  ),
  { nil: undefined },
);

/** Percent-encode what the URL parser would otherwise drop, split or reinterpret (controls, space, ?, #, \). */
const pathSafe = (s: string) => s.replace(/[\u0000-\u0020\u007f#?\\]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`);

const segment = fc.oneof(
  fc.constantFrom("..", ".", "%2e%2e", "%2E", "%2F", "%00", "%zz", "%", "%E0%A4%A", "%C0%AE%C0%AE", "%ff%fe", "%25", "articles", "feed.xml", "a.epub", ".json", ""),
  fc.string({ unit: "grapheme", maxLength: 20 }).map(pathSafe),
  fc.string({ unit: "binary", maxLength: 20 }).map(pathSafe),
  fc.integer({ min: 0, max: 255 }).map((n) => `%${n.toString(16).padStart(2, "0")}`),
  fc.integer({ min: 200, max: 3000 }).map((n) => "a".repeat(n)),
);

/** A path that names no resource, whatever normalization does: its last segment starts with "~". */
const unknownPath = fc
  .tuple(fc.option(fc.constantFrom(...["/", "/articles/", "/feed.xml/"]), { nil: "/" }), fc.array(segment, { maxLength: 6 }), fc.string({ unit: "grapheme-ascii", minLength: 0, maxLength: 30 }))
  .map(([base, segments, last]) => `${base}${segments.map((s) => `${s}/`).join("")}~${pathSafe(last).replace(/[/.]/g, "_")}`);

/** A known path, perhaps with unreserved characters percent-encoded (RFC 3986 §6.2.2.2: the same URI). */
const knownPath = () =>
  fc.tuple(fc.constantFrom(...known), fc.array(fc.boolean(), { maxLength: 200 })).map(([path, encode]) =>
    [...path].map((c, i) => (encode[i] && /[A-Za-z0-9._~-]/.test(c) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c)).join(""),
  );

const query = fc.option(fc.string({ unit: "grapheme-ascii", maxLength: 40 }).map((q) => `?${q.replace(/#/g, "%23")}`), { nil: "" });

type Validator = { kind: "none" } | { kind: "matching"; value: (etag: string) => string } | { kind: "other"; value: string };
const inmValidator: fc.Arbitrary<Validator> = fc.oneof(
  fc.constant({ kind: "none" } as const),
  fc.constantFrom<Validator>(
    { kind: "matching", value: (etag) => etag },
    { kind: "matching", value: (etag) => `W/${etag}` },
    { kind: "matching", value: () => "*" },
    { kind: "matching", value: (etag) => `"nope", ${etag}` },
  ),
  fc.oneof(fc.constantFrom('"other"', "garbage", 'W/"', ",,,", '"', "W/W/x"), headerText(100).map((s) => `x${s}`), oversized).map((value): Validator => ({ kind: "other", value })),
);
type DateValidator = { kind: "none" } | { kind: "matching" } | { kind: "other"; value: string };
const imsValidator: fc.Arbitrary<DateValidator> = fc.oneof(
  fc.constant({ kind: "none" } as const),
  fc.constant({ kind: "matching" } as const),
  fc.oneof(fc.constantFrom("Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 99 Nov 99999 99:99:99 GMT", "not a date", "0", "-1", ""), oversized).map((value): DateValidator => ({ kind: "other", value })),
);
type RangeHeader = { kind: "none" } | { kind: "partial"; value: string } | { kind: "unsatisfiable"; value: string } | { kind: "ignored"; value: string };
const range: fc.Arbitrary<RangeHeader> = fc.oneof(
  fc.constant({ kind: "none" } as const),
  fc.constantFrom("bytes=0-99", "bytes=-10", "bytes=5-", "bytes=0-0", `bytes=0-${"9".repeat(400)}`, "BYTES = 1-2").map((value): RangeHeader => ({ kind: "partial", value })),
  fc.constantFrom("bytes=999999999-", "bytes=99999999999999999999999-", "bytes=-0").map((value): RangeHeader => ({ kind: "unsatisfiable", value })),
  fc.oneof(fc.constantFrom("bytes=", "bytes=-", "bytes=abc", "bytes=5-2", "bytes=0-1,3-4", "items=0-5", "bytes 0-5"), headerText(100).map((s) => `x${s}`), oversized).map((value): RangeHeader => ({ kind: "ignored", value })),
);

// ---- the rules ----

function expectedForKnown(m: Method, path: string, inm: Validator, ims: DateValidator, r: RangeHeader): number[] {
  if (m === "OPTIONS") return [204];
  if (m !== "GET" && m !== "HEAD") return [405];
  if (inm.kind === "matching") return [304];
  if (inm.kind === "none" && ims.kind === "matching") return [304];
  if (files.has(decodeURIComponent(path)) && r.kind === "partial") return [206];
  if (files.has(decodeURIComponent(path)) && r.kind === "unsatisfiable") return [416];
  return [200];
}

async function send(m: Method, path: string, headers: Record<string, string>): Promise<Response> {
  const body = m === "POST" || m === "PUT" || m === "PATCH" ? "x=1" : null;
  return get(path, { method: m, headers, body });
}

const runs = { numRuns: RUNS, endOnFailure: true };

describe("random requests to known paths get the status the rules give", () => {
  it("for any method, validators, range and Accept", async () => {
    await fc.assert(
      fc.asyncProperty(knownPath(), query, method, accept, inmValidator, imsValidator, range, async (path, q, m, acc, inm, ims, r) => {
        const base: Record<string, string> = acc === undefined ? {} : { Accept: acc };
        // The validators of the variant this Accept selects.
        const plain = await get(path + q, { headers: base });
        await plain.arrayBuffer();
        expect(plain.status).toBe(200);
        const etag = plain.headers.get("ETag")!;
        const headers = { ...base };
        if (inm.kind === "matching") headers["If-None-Match"] = inm.value(etag);
        if (inm.kind === "other") headers["If-None-Match"] = inm.value;
        if (ims.kind === "matching") headers["If-Modified-Since"] = plain.headers.get("Last-Modified")!;
        if (ims.kind === "other") headers["If-Modified-Since"] = ims.value;
        if (r.kind !== "none") headers["Range"] = r.value;

        const res = await send(m, path + q, headers);
        const body = await res.arrayBuffer();
        const label = `${m} ${path}${q} ${JSON.stringify(headers).slice(0, 300)}`;
        expect(res.status, label).toBeLessThan(500);
        expect(expectedForKnown(m, path, inm, ims, r), label).toContain(res.status);
        if (res.status === 405) expect(res.headers.get("Allow"), label).toMatch(/GET/);
        if (m === "HEAD" || res.status === 304 || res.status === 204) expect(body.byteLength, label).toBe(0);
      }),
      runs,
    );
  });
});

describe("random requests to unknown paths get 404", () => {
  it("for any path of junk, encodings, dot segments, unicode and great length", async () => {
    await fc.assert(
      fc.asyncProperty(unknownPath, query, method, accept, inmValidator, range, async (path, q, m, acc, inm, r) => {
        const headers: Record<string, string> = acc === undefined ? {} : { Accept: acc };
        if (inm.kind === "other") headers["If-None-Match"] = inm.value;
        if (inm.kind === "matching") headers["If-None-Match"] = "*";
        if (r.kind !== "none") headers["Range"] = r.value;
        const res = await send(m, path + q, headers);
        await res.arrayBuffer();
        const label = `${m} ${path.slice(0, 200)}${q} (worker sees ${new URL(ORIGIN + path).pathname.slice(0, 200)})`;
        expect(res.status, label).toBe(404);
      }),
      runs,
    );
  });
});

describe("a known path with a trailing or doubled slash", () => {
  const variants = () =>
    fc.tuple(fc.constantFrom(...known.filter((p) => p !== "/")), fc.constantFrom("trailing", "doubled-first", "doubled-last")).map(([path, how]) => {
      const variant = how === "trailing" ? `${path}/` : how === "doubled-first" ? `/${path}` : path.replace(/\/([^/]*)$/, "//$1");
      return { path, variant };
    });

  it("redirects GET and HEAD to the canonical path with 301, and is unknown to other methods", async () => {
    await fc.assert(
      fc.asyncProperty(variants(), query, method, async ({ path, variant }, q, m) => {
        const res = await send(m, variant + q, {});
        await res.arrayBuffer();
        const label = `${m} ${variant}${q}`;
        if (m === "GET" || m === "HEAD") {
          expect(res.status, label).toBe(301);
          const location = new URL(res.headers.get("Location")!, ORIGIN);
          expect(location.pathname + location.search, label).toBe(path + new URL(ORIGIN + variant + q).search);
        } else expect(res.status, label).toBe(404);
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });
});
