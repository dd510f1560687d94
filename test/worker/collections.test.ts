import { describe, expect, it } from "vitest";
import catalogJson from "../../dist/catalog.json";
import type { Catalog } from "../../src/model/document.ts";
import { get } from "./helpers.ts";

const catalog = catalogJson as unknown as Catalog;
const tag = "/collections/tags/test-fixture.epub";
const month = "/collections/months/2026-11.epub";

async function whole(path: string): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await get(path);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("the collection EPUBs", () => {
  it("are listed in the catalog, a tag's and a month's, with kind, key and volume", () => {
    const listed = catalog.collections!.map((c) => `${c.kind} ${c.key} ${c.volume}/${c.volumes} ${c.path}`);
    expect(listed).toContain(`tag test-fixture 1/1 ${tag}`);
    expect(listed).toContain(`month 2026-11 1/1 ${month}`);
    expect(catalog.collections!.find((c) => c.path === month)!.title).toBe("November 2026");
  });

  it("serve every listed volume as an attachment with a strong ETag", async () => {
    for (const c of catalog.collections!) {
      const { res, bytes } = await whole(c.path);
      expect(res.status, c.path).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/epub+zip");
      expect(res.headers.get("ETag")).toMatch(/^"[\w-]{27}"$/);
      expect(res.headers.get("Accept-Ranges")).toBe("bytes");
      expect(res.headers.get("Content-Length")).toBe(String(bytes.byteLength));
      expect(new TextDecoder().decode(bytes.subarray(30, 58))).toBe("mimetypeapplication/epub+zip");
    }
    expect((await get(tag)).headers.get("Content-Disposition")).toBe(`attachment; filename="tag-test-fixture.epub"`);
    expect((await get(month)).headers.get("Content-Disposition")).toBe(`attachment; filename="month-2026-11.epub"`);
  });

  it("answer If-None-Match with 304 and HEAD without a body", async () => {
    const { res } = await whole(tag);
    const cached = await get(tag, { headers: { "If-None-Match": res.headers.get("ETag")! } });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe("");
    const head = await get(month, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("answer a byte range with 206 and Content-Range", async () => {
    const { bytes } = await whole(month);
    const res = await get(month, { headers: { Range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("Content-Range")).toBe(`bytes 100-199/${bytes.length}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  it("answer 404 for a collection the content does not have, and 405 for POST", async () => {
    const missing = await get("/collections/tags/no-such-tag.epub");
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
    const post = await get(tag, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toContain("GET");
    await post.arrayBuffer();
  });
});
