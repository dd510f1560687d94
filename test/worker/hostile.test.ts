import { describe, expect, it } from "vitest";
import { get, ORIGIN, SEED } from "./helpers.ts";
import { exports } from "cloudflare:workers";

describe("odd requests never get a 5xx", () => {
  const paths = [
    "/..", "/../../etc/passwd", "/%2e%2e/%2e%2e/", "/articles/%2e%2e", "/%zz", "/%", "/articles/%E0%A4%A", "/%00", "/articles/%00.json",
    `/${"a".repeat(8000)}`, `/articles/${SEED}%2F`, "//", "///feed.xml", "/articles/", "/articles", "/articles/.json", "/articles/..epub",
    "/articles/%3Cscript%3E", "/index.html", "/\u00e9", "/articles/" + SEED.toUpperCase(), "/feed.xml?%zz=1&a=%", "/?" + "x".repeat(10000),
  ];
  for (const path of paths) {
    it(`GET ${path.slice(0, 60)}`, async () => {
      const res = await get(path);
      expect(res.status).toBeLessThan(500);
      await res.arrayBuffer();
    });
  }

  it("survives odd headers", async () => {
    const odd: Record<string, string>[] = [
      { Accept: "x".repeat(20000) },
      { Accept: "application/json;q=NaN, text/html;q=2" },
      { "If-None-Match": '"' + "a".repeat(5000) },
      { "If-Modified-Since": "Sat, 99 Nov 99999 99:99:99 GMT" },
      { Range: "bytes=99999999999999999999999-" },
      { Range: "bytes=-" },
      { "Accept-Encoding": "\u0001" },
    ];
    for (const headers of odd) {
      const res = await get(`/articles/${SEED}`, { headers });
      expect(res.status, JSON.stringify(headers).slice(0, 80)).toBeLessThan(500);
    }
  });

  it("answers odd methods with 405 on a known path", async () => {
    // workerd's Request accepts only methods it knows; arbitrary tokens are tested over real HTTP.
    for (const method of ["PROPFIND", "MKCOL", "COPY", "LOCK", "PATCH"]) {
      const res = await exports.default.fetch(new Request(`${ORIGIN}/`, { method }));
      expect(res.status, method).toBe(405);
    }
  });
});
