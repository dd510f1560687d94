/** CORS for scripts that revalidate and resume (Fetch standard: preflight and exposed headers). */
import { describe, expect, it } from "vitest";
import { get, SEED } from "./helpers.ts";

describe("CORS", () => {
  it("lets the preflight allow the headers of revalidation, resumption and negotiation", async () => {
    const res = await get("/feed.json", {
      method: "OPTIONS",
      headers: { Origin: "https://reader.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match, range" },
    });
    expect(res.status).toBe(204);
    const allowed = res.headers.get("Access-Control-Allow-Headers")!.toLowerCase().split(/\s*,\s*/);
    for (const h of ["if-none-match", "if-modified-since", "range", "if-range", "accept"]) expect(allowed, h).toContain(h);
    expect(res.headers.get("Access-Control-Allow-Methods")).toContain("GET");
  });

  it("exposes ETag, Last-Modified, Content-Range and Content-Disposition where CORS applies", async () => {
    for (const path of ["/feed.json", `/articles/${SEED}.json`, `/articles/${SEED}.epub`]) {
      const exposed = (await get(path)).headers.get("Access-Control-Expose-Headers")!.toLowerCase().split(/\s*,\s*/);
      for (const h of ["etag", "last-modified", "content-range", "content-disposition"]) expect(exposed, `${path} ${h}`).toContain(h);
    }
    const range = await get(`/articles/${SEED}.epub`, { headers: { Range: "bytes=0-9" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("Access-Control-Expose-Headers")).toContain("Content-Range");
    expect((await get("/")).headers.get("Access-Control-Expose-Headers")).toBeNull();
  });
});
