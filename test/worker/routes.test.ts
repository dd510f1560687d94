import { describe, expect, it } from "vitest";
import { get, SEED } from "./helpers.ts";

const routes: [path: string, type: string, snippet: string][] = [
  ["/", "text/html; charset=utf-8", "<h1>Folio</h1>"],
  [`/articles/${SEED}`, "text/html; charset=utf-8", "Cannot Be Moved Apart"],
  [`/articles/${SEED}.json`, "application/json; charset=utf-8", `"slug":"${SEED}"`],
  [`/articles/${SEED}/annotations.jsonld`, 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8', '"type":"AnnotationCollection"'],
  ["/articles.json", "application/json; charset=utf-8", `"slug":"${SEED}"`],
  ["/feed.xml", "application/rss+xml; charset=utf-8", "<rss"],
  ["/atom.xml", "application/atom+xml; charset=utf-8", 'xmlns="http://www.w3.org/2005/Atom"'],
  ["/feed.json", "application/feed+json; charset=utf-8", "https://jsonfeed.org/version/1.1"],
  ["/opds.xml", "application/atom+xml; profile=opds-catalog; kind=acquisition; charset=utf-8", "http://opds-spec.org/acquisition"],
  ["/schema/article.json", "application/schema+json; charset=utf-8", '"$schema":"https://json-schema.org/draft/2020-12/schema"'],
  ["/sitemap.xml", "application/xml; charset=utf-8", "<urlset"],
  ["/robots.txt", "text/plain; charset=utf-8", "Sitemap: "],
  ["/favicon.svg", "image/svg+xml", "<svg"],
];

describe("every route of the URL contract", () => {
  for (const [path, type, snippet] of routes) {
    it(`GET ${path}`, async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe(type);
      expect(res.headers.get("ETag")).toMatch(/^"[\w-]{27}"$/);
      expect(res.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
      expect(res.headers.get("Last-Modified")).toMatch(/GMT$/);
      const body = await res.text();
      expect(body).toContain(snippet);
      expect(res.headers.get("Content-Length")).toBe(String(new TextEncoder().encode(body).byteLength));
    });
  }
});
