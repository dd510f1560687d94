import { describe, expect, it } from "vitest";
import { get, SEED } from "./helpers.ts";

const epub = `/articles/${SEED}.epub`;

async function whole(): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await get(epub);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("the EPUB route", () => {
  it("serves the book as an attachment with a strong ETag and long caching", async () => {
    const { res, bytes } = await whole();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/epub+zip");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${SEED}.epub"`);
    expect(res.headers.get("ETag")).toMatch(/^"[\w-]{27}"$/);
    expect(res.headers.get("Accept-Ranges")).toBe("bytes");
    expect(res.headers.get("Cache-Control")).toMatch(/max-age=86400/);
    expect(res.headers.get("Content-Length")).toBe(String(bytes.byteLength));
    // a zip whose first entry is the stored mimetype (OCF 3.3 §4.3)
    expect(new TextDecoder().decode(bytes.subarray(30, 58))).toBe("mimetypeapplication/epub+zip");
  });

  it("answers If-None-Match with 304 and HEAD without a body", async () => {
    const { res } = await whole();
    const etag = res.headers.get("ETag")!;
    const cached = await get(epub, { headers: { "If-None-Match": etag } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    const head = await get(epub, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Length")).toBe(res.headers.get("Content-Length"));
    expect(await head.text()).toBe("");
  });

  it("answers a single byte range with 206 and Content-Range", async () => {
    const { bytes } = await whole();
    for (const [range, start, end] of [["bytes=0-99", 0, 99], ["bytes=100-", 100, bytes.length - 1], ["bytes=-50", bytes.length - 50, bytes.length - 1], [`bytes=10-${bytes.length * 2}`, 10, bytes.length - 1]] as const) {
      const res = await get(epub, { headers: { Range: range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get("Content-Range")).toBe(`bytes ${start}-${end}/${bytes.length}`);
      const part = new Uint8Array(await res.arrayBuffer());
      expect(part).toEqual(bytes.subarray(start, end + 1));
      expect(res.headers.get("Content-Length")).toBe(String(part.byteLength));
    }
  });

  it("answers an unsatisfiable range with 416", async () => {
    const { bytes } = await whole();
    const res = await get(epub, { headers: { Range: `bytes=${bytes.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get("Content-Range")).toBe(`bytes */${bytes.length}`);
    await res.arrayBuffer();
  });

  it("ignores malformed and multiple ranges, sending the whole file", async () => {
    for (const range of ["bytes=5-1", "items=0-1", "bytes=0-1,5-6", "bytes=abc", "bytes="]) {
      const res = await get(epub, { headers: { Range: range } });
      expect(res.status, range).toBe(200);
      await res.arrayBuffer();
    }
  });

  it("honours If-Range: the range for the current validator, the whole file otherwise", async () => {
    const { res } = await whole();
    const etag = res.headers.get("ETag")!;
    const same = await get(epub, { headers: { Range: "bytes=0-9", "If-Range": etag } });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    const byDate = await get(epub, { headers: { Range: "bytes=0-9", "If-Range": res.headers.get("Last-Modified")! } });
    expect(byDate.status).toBe(206);
    await byDate.arrayBuffer();
    for (const stale of ['"an-older-etag"', `W/${etag}`, "Thu, 01 Jan 1970 00:00:00 GMT"]) {
      const changed = await get(epub, { headers: { Range: "bytes=0-9", "If-Range": stale } });
      expect(changed.status, stale).toBe(200);
      await changed.arrayBuffer();
    }
  });

  it("serves the cover and Open Graph images", async () => {
    for (const path of [`/articles/${SEED}/cover.png`, `/articles/${SEED}/og.png`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("image/png");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    }
  });

  it("is listed in the OPDS catalog with an acquisition link", async () => {
    const opds = await (await get("/opds.xml")).text();
    expect(opds).toMatch(new RegExp(`<link[^>]*rel="http://opds-spec.org/acquisition"[^>]*href="[^"]*/articles/${SEED}\\.epub"|<link[^>]*href="[^"]*/articles/${SEED}\\.epub"[^>]*rel="http://opds-spec.org/acquisition"`));
  });
});
