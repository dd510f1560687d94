/** Accept by specificity (RFC 9110 §12.5.1), both dispatchers agreeing, and errors that negotiate say so. */
import { describe, expect, it } from "vitest";
import { get, SEED } from "./helpers.ts";

const page = `/articles/${SEED}`;
const type = async (accept: string, init: RequestInit = {}) => (await get(page, { ...init, headers: { Accept: accept } })).headers.get("Content-Type");

const browsers = {
  chrome: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
  firefox: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  safari: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  curl: "*/*",
};

describe("negotiation by specificity", () => {
  it("gives axios's default Accept the JSON: it names application/json and reaches HTML only through */*", async () => {
    expect(await type("application/json, text/plain, */*")).toMatch(/^application\/json/);
  });

  it("gives browsers and curl the HTML", async () => {
    for (const [name, accept] of Object.entries(browsers)) expect(await type(accept), name).toMatch(/^text\/html/);
  });

  it("honours q-values, and ignores a malformed q rather than reading it as 0", async () => {
    expect(await type("text/html;q=0.1, */*")).toMatch(/^application\/json/);
    expect(await type("application/json;q=0.5, text/html;q=0.6")).toMatch(/^text\/html/);
    for (const q of ["abc", "-1", "NaN", "1.5", "0.12345"]) expect(await type(`application/json;q=${q}, text/html;q=0.9`), q).toMatch(/^application\/json/);
  });

  it("decides the same in both dispatchers: HEAD (the Hono app) and a warm GET (the fast path)", async () => {
    for (const accept of ["application/json, text/plain, */*", browsers.chrome, "application/json;q=abc, text/html;q=0.9"]) {
      const cold = await get(page, { headers: { Accept: accept } });
      const warm = await get(page, { headers: { Accept: accept } });
      const head = await get(page, { method: "HEAD", headers: { Accept: accept } });
      for (const res of [warm, head]) {
        expect(res.headers.get("Content-Type"), accept).toBe(cold.headers.get("Content-Type"));
        expect(res.headers.get("ETag"), accept).toBe(cold.headers.get("ETag"));
      }
    }
    // A percent-encoded path decodes to the same resource on both.
    const encoded = page.replace("articles", "%61rticles");
    expect((await get(encoded)).headers.get("ETag")).toBe((await get(encoded, { method: "HEAD" })).headers.get("ETag"));
    expect((await get(encoded)).headers.get("ETag")).toBe((await get(page)).headers.get("ETag"));
  });
});

describe("errors that negotiate", () => {
  it("send Vary: Accept on 404 and 405, in HTML and in JSON", async () => {
    for (const [path, method] of [["/nowhere", "GET"], [page, "POST"]] as const) {
      for (const accept of ["text/html", "application/json"]) {
        const res = await get(path, { method, headers: { Accept: accept } });
        expect(res.status).toBeGreaterThanOrEqual(404);
        expect(res.headers.get("Vary"), `${method} ${path} ${accept}`).toBe("Accept");
        await res.arrayBuffer();
      }
    }
  });

  it("do not send it where the answer is JSON whatever Accept says", async () => {
    const res = await get("/articles/missing.json", { headers: { Accept: "text/html" } });
    expect(res.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("Vary")).toBeNull();
  });
});
