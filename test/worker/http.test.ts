import { describe, expect, it } from "vitest";
import { get, SEED } from "./helpers.ts";

const page = `/articles/${SEED}`;

describe("conditional requests", () => {
  it("answers If-None-Match with the current ETag with 304 and no body", async () => {
    const first = await get(page);
    const etag = first.headers.get("ETag")!;
    const res = await get(page, { headers: { "If-None-Match": etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("ETag")).toBe(etag);
    expect(res.headers.get("Cache-Control")).toBe(first.headers.get("Cache-Control"));
    expect(res.headers.get("Content-Type")).toBeNull();
  });

  it("matches an ETag within a list, weakly, and *", async () => {
    const etag = (await get("/feed.xml")).headers.get("ETag")!;
    for (const value of [`"nope", ${etag}`, `W/${etag}`, "*", `  ${etag}  ,"x"`]) {
      expect((await get("/feed.xml", { headers: { "If-None-Match": value } })).status, value).toBe(304);
    }
  });

  it("sends the full response when the ETag differs or is malformed", async () => {
    for (const value of ['"other"', "garbage", 'W/"', ",,,", ""]) {
      expect((await get("/feed.xml", { headers: { "If-None-Match": value } })).status, value).toBe(200);
    }
  });

  it("uses If-Modified-Since only without If-None-Match", async () => {
    const res = await get("/atom.xml");
    const lastModified = res.headers.get("Last-Modified")!;
    expect((await get("/atom.xml", { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    expect((await get("/atom.xml", { headers: { "If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT" } })).status).toBe(200);
    expect((await get("/atom.xml", { headers: { "If-Modified-Since": lastModified, "If-None-Match": '"other"' } })).status).toBe(200);
    expect((await get("/atom.xml", { headers: { "If-Modified-Since": "not a date" } })).status).toBe(200);
  });

  it("gives each negotiated variant its own ETag", async () => {
    const html = await get(page);
    const json = await get(page, { headers: { Accept: "application/json" } });
    expect(html.headers.get("ETag")).not.toBe(json.headers.get("ETag"));
    const res = await get(page, { headers: { Accept: "application/json", "If-None-Match": html.headers.get("ETag")! } });
    expect(res.status).toBe(200);
  });
});

describe("methods", () => {
  it("answers HEAD with the GET headers and no body", async () => {
    for (const path of ["/", page, "/feed.xml", "/articles.json"]) {
      const full = await get(path);
      const head = await get(path, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe("");
      for (const h of ["Content-Type", "ETag", "Cache-Control", "Last-Modified", "Content-Length"]) expect(head.headers.get(h), `${path} ${h}`).toBe(full.headers.get(h));
    }
  });

  it("answers other methods on a known path with 405 and Allow", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await get(page, { method, body: method === "DELETE" ? null : "x" });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    }
  });

  it("answers OPTIONS with 204, Allow and CORS", async () => {
    const res = await get("/feed.json", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("answers unknown paths with 404 whatever the method", async () => {
    for (const method of ["GET", "POST", "OPTIONS"]) expect((await get("/nowhere", { method })).status, method).toBe(404);
  });
});

describe("negotiation", () => {
  it("sends JSON to a client that prefers it, with Vary: Accept on both variants", async () => {
    const json = await get(page, { headers: { Accept: "application/json" } });
    expect(json.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("Vary")).toBe("Accept");
    expect((await json.json<{ slug: string }>()).slug).toBe(SEED);
    const html = await get(page, { headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    expect(html.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("Vary")).toBe("Accept");
  });

  it("weighs q-values and wildcards", async () => {
    const type = async (accept: string) => (await get(page, { headers: { Accept: accept } })).headers.get("Content-Type");
    expect(await type("text/html;q=0.5, application/json")).toMatch(/^application\/json/);
    expect(await type("application/json;q=0.4, text/*;q=0.5")).toMatch(/^text\/html/);
    expect(await type("*/*")).toMatch(/^text\/html/);
    expect(await type("application/*")).toMatch(/^application\/json/);
    expect(await type("application/json;q=0")).toMatch(/^text\/html/);
    expect(await type(";;;,,,q=)(")).toMatch(/^text\/html/);
  });

  it("answers 404 in JSON to a client that asks for JSON", async () => {
    const res = await get("/articles/missing", { headers: { Accept: "application/json" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect((await res.json<{ error: { status: number } }>()).error.status).toBe(404);
    const html = await get("/articles/missing");
    expect(html.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(await html.text()).toContain("Page not found");
    expect((await get("/articles/missing.json")).headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  });
});

describe("headers", () => {
  it("sends a strict CSP and the security headers on HTML, including errors", async () => {
    for (const path of ["/", page, "/nowhere"]) {
      const res = await get(path);
      const csp = res.headers.get("Content-Security-Policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    }
  });

  it("allows the inline stylesheet by the hash the CSP names", async () => {
    const res = await get("/");
    const html = await res.text();
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(res.headers.get("Content-Security-Policy")).toContain(`'sha256-${hash}'`);
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  });

  it("allows any origin on JSON and feeds, not on HTML", async () => {
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", "/articles.json", `/articles/${SEED}.json`, `/articles/${SEED}/annotations.jsonld`]) {
      expect((await get(path)).headers.get("Access-Control-Allow-Origin"), path).toBe("*");
    }
    expect((await get("/")).headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("redirects a trailing slash to the canonical path, keeping the query", async () => {
    const res = await get(`${page}/?utm=x`);
    expect(res.status).toBe(301);
    expect(new URL(res.headers.get("Location")!, "https://x").pathname + new URL(res.headers.get("Location")!, "https://x").search).toBe(`${page}?utm=x`);
    expect((await get("/feed.xml/")).status).toBe(301);
    expect((await get("/nowhere/")).status).toBe(404);
  });
});
