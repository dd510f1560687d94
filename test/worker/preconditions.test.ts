/** RFC 9110 §13.2.2: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since, If-Range, in that order. */
import { describe, expect, it } from "vitest";
import { get, SEED } from "./helpers.ts";

const page = `/articles/${SEED}`;
const epub = `/articles/${SEED}.epub`;
const shift = (date: string, seconds: number) => new Date(Date.parse(date) + seconds * 1000).toUTCString();

describe("If-Match and If-Unmodified-Since", () => {
  it("answer 412 when the ETag does not match, 200 when it does or for *", async () => {
    const first = await get("/feed.json");
    const etag = first.headers.get("ETag")!;
    const failed = await get("/feed.json", { headers: { "If-Match": '"other"' } });
    expect(failed.status).toBe(412);
    expect(await failed.text()).toBe("");
    expect(failed.headers.get("ETag")).toBe(etag);
    expect(failed.headers.get("Access-Control-Allow-Origin")).toBe("*");
    for (const value of [etag, `"x", ${etag}`, "*"]) expect((await get("/feed.json", { headers: { "If-Match": value } })).status, value).toBe(200);
    // If-Match compares strongly: a weak tag never matches.
    expect((await get("/feed.json", { headers: { "If-Match": `W/${etag}` } })).status).toBe(412);
  });

  it("answer 412 when the bytes changed after If-Unmodified-Since, and ignore unreadable dates", async () => {
    const lastModified = (await get("/atom.xml")).headers.get("Last-Modified")!;
    expect((await get("/atom.xml", { headers: { "If-Unmodified-Since": shift(lastModified, -1) } })).status).toBe(412);
    expect((await get("/atom.xml", { headers: { "If-Unmodified-Since": lastModified } })).status).toBe(200);
    expect((await get("/atom.xml", { headers: { "If-Unmodified-Since": "yesterday" } })).status).toBe(200);
  });

  it("read If-Unmodified-Since only without If-Match, and both before If-None-Match", async () => {
    const first = await get(page);
    const etag = first.headers.get("ETag")!;
    const past = shift(first.headers.get("Last-Modified")!, -86400);
    expect((await get(page, { headers: { "If-Match": etag, "If-Unmodified-Since": past } })).status).toBe(200);
    expect((await get(page, { headers: { "If-Match": '"other"', "If-None-Match": etag } })).status).toBe(412);
    expect((await get(page, { headers: { "If-Unmodified-Since": past, "If-None-Match": etag } })).status).toBe(412);
    expect((await get(page, { headers: { "If-Match": etag, "If-None-Match": etag } })).status).toBe(304);
  });

  it("apply to HEAD and to built files too", async () => {
    expect((await get("/", { method: "HEAD", headers: { "If-Match": '"other"' } })).status).toBe(412);
    expect((await get(epub, { headers: { "If-Match": '"other"', Range: "bytes=0-9" } })).status).toBe(412);
  });
});

describe("If-Modified-Since", () => {
  it("is read only without If-None-Match, and answers 304 from the recorded date", async () => {
    const lastModified = (await get("/feed.xml")).headers.get("Last-Modified")!;
    expect((await get("/feed.xml", { headers: { "If-Modified-Since": lastModified } })).status).toBe(304);
    expect((await get("/feed.xml", { headers: { "If-Modified-Since": shift(lastModified, -1) } })).status).toBe(200);
    expect((await get("/feed.xml", { headers: { "If-Modified-Since": lastModified, "If-None-Match": '"other"' } })).status).toBe(200);
  });
});

describe("304", () => {
  const allowed = new Set(["etag", "cache-control", "vary", "expires", "content-location", "access-control-allow-origin"]);
  const names = (res: Response) => [...res.headers.keys()];

  it("carries only what RFC 9110 §15.4.5 lists, plus the CORS origin where the 200 has it", async () => {
    for (const [path, init] of [["/", {}], [page, {}], [page, { Accept: "application/json" }], ["/feed.xml", {}], [epub, {}], ["/favicon.svg", {}]] as const) {
      const full = await get(path, { headers: init });
      const res = await get(path, { headers: { ...init, "If-None-Match": full.headers.get("ETag")! } });
      expect(res.status, path).toBe(304);
      for (const name of names(res)) expect(allowed.has(name), `${path} sends ${name} on 304`).toBe(true);
      expect(res.headers.get("ETag")).toBe(full.headers.get("ETag"));
      expect(res.headers.get("Cache-Control")).toBe(full.headers.get("Cache-Control"));
      expect(res.headers.get("Vary")).toBe(full.headers.get("Vary"));
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe(full.headers.get("Access-Control-Allow-Origin"));
      expect(full.headers.get("Last-Modified"), path).not.toBeNull();
      expect(res.headers.get("Last-Modified")).toBeNull();
    }
  });
});

describe("If-Range", () => {
  it("resumes only with the exact recorded date or the strong ETag, never with another build's date", async () => {
    const full = await get(epub);
    const lastModified = full.headers.get("Last-Modified")!;
    const range = (ifRange: string) => get(epub, { headers: { Range: "bytes=0-9", "If-Range": ifRange } });
    expect((await range(lastModified)).status).toBe(206);
    expect((await range(full.headers.get("ETag")!)).status).toBe(206);
    // A build that made other bytes recorded another date: the whole current file comes back.
    for (const other of [shift(lastModified, -1), shift(lastModified, 1), shift(lastModified, -86400)]) {
      const res = await range(other);
      expect(res.status, other).toBe(200);
      expect(res.headers.get("Content-Length")).toBe(full.headers.get("Content-Length"));
    }
  });
});
