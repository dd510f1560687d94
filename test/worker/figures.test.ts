/** A figure's web-sized images: served as static files named by their hash, cached for a year as immutable. */
import { describe, expect, it } from "vitest";
import { get } from "./helpers.ts";

const SLUG = "fixture-figure-and-table";

type FigureJson = { type: "figure"; alt: string; width: number; height: number; mediaType: string; variants: { width: number; height: number; url: string }[] };

async function figure(): Promise<FigureJson> {
  const article = await (await get(`/articles/${SLUG}.json`)).json<{ blocks: { type: string }[] }>();
  return article.blocks.find((b) => b.type === "figure") as FigureJson;
}

describe("a figure's images", () => {
  it("are listed in the article JSON by absolute URL, narrowest first, never wider than the source", async () => {
    const f = await figure();
    expect(f.variants.map((v) => [v.width, v.height])).toEqual([
      [480, 320],
      [960, 640],
      [1200, 800],
    ]);
    for (const v of f.variants) expect(v.url).toMatch(new RegExp(`^https://[^/]+/articles/${SLUG}/figures/harbour-wall-${v.width}\\.[0-9a-f]{10}\\.png$`));
  });

  it("are served with their type, a strong ETag and a year of immutable caching", async () => {
    for (const v of (await figure()).variants) {
      const res = await get(new URL(v.url).pathname);
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("image/png");
      expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("ETag")).toMatch(/^"[\w-]{27}"$/);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(res.headers.get("Content-Length")).toBe(String(bytes.byteLength));
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // The IHDR chunk's width and height, big-endian, at bytes 16 and 20.
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      expect([view.getUint32(16), view.getUint32(20)]).toEqual([v.width, v.height]);
    }
  });

  it("answer If-None-Match with 304 carrying the same caching, and HEAD without a body", async () => {
    const path = new URL((await figure()).variants[0]!.url).pathname;
    const res = await get(path);
    const cached = await get(path, { headers: { "If-None-Match": res.headers.get("ETag")! } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(cached.headers.get("ETag")).toBe(res.headers.get("ETag"));
    expect(await cached.text()).toBe("");
    const head = await get(path, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Length")).toBe(res.headers.get("Content-Length"));
    expect(await head.text()).toBe("");
  });

  it("404 for a figure name the build did not make, and 405 for a POST", async () => {
    const path = new URL((await figure()).variants[0]!.url).pathname;
    expect((await get(path.replace(/\.[0-9a-f]{10}\./, ".0000000000."))).status).toBe(404);
    expect((await get(`/articles/${SLUG}/figures/harbour-wall.png`)).status).toBe(404);
    const post = await get(path, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toContain("GET");
  });

  it("are shown on the page from this origin, which the page's CSP allows", async () => {
    const res = await get(`/articles/${SLUG}`);
    expect(res.headers.get("Content-Security-Policy")).toContain("img-src 'self'");
    const html = await res.text();
    const f = await figure();
    const path = (i: number) => new URL(f.variants[i]!.url).pathname;
    expect(html).toContain(`<img src="${path(1)}" srcset="${path(0)} 480w, ${path(1)} 960w, ${path(2)} 1200w" sizes="(min-width: 42rem) 39.5rem, calc(100vw - 2.5rem)" width="960" height="640" alt="${f.alt}" loading="lazy" decoding="async"/>`);
  });
});
