/**
 * The modules the worker bundles (src/build/worker-data.ts): imported as JavaScript, each
 * string parses back to the very JSON the build wrote, whatever the text holds.
 */
import { describe, expect, it } from "vitest";
import { jsString, workerDataModules } from "../../src/build/worker-data.ts";

const importSource = (source: string) => import(`data:text/javascript,${encodeURIComponent(source)}`) as Promise<Record<string, string>>;

describe("the worker's bundled data", () => {
  it("keeps every character of the JSON text: quotes, backslashes, line and paragraph separators, other scripts", async () => {
    const value = { title: `It's "quoted" \\ back\\slash \u2028 line \u2029 para, 中国, Ελλάδα, \u0000 nul, emoji 🙂, </script>`, list: ["'", "\\'", "\\\\"] };
    const json = JSON.stringify(value);
    const { text } = await importSource(`export const text = ${jsString(json)};`);
    expect(text).toBe(json);
    expect(JSON.parse(text!)).toEqual(value);
  });

  it("splits the pack table: the site's record in the catalog's module, the files' columns in their own", async () => {
    const catalog = JSON.stringify({ site: { title: "T" }, articles: [{ slug: "a" }] });
    const packs = JSON.stringify({ bound: 1, packs: [3], types: ["x"], path: ["/a"], pack: [0], size: [3], type: [0], etag: ['"e"'], modified: [0], site: { "/": { type: "text/html", size: 1, etag: '"s"' } } });
    const modules = workerDataModules(catalog, packs);
    const first = await importSource(modules.get("worker-catalog.js")!);
    const second = await importSource(modules.get("worker-packs.js")!);
    expect(first.catalog).toBe(catalog);
    expect(JSON.parse(first.siteRecord!)).toEqual({ "/": { type: "text/html", size: 1, etag: '"s"' } });
    const { site: _site, ...table } = JSON.parse(packs) as Record<string, unknown>;
    expect(JSON.parse(second.packTable!)).toEqual(table);
    expect(modules.get("worker-catalog.d.ts")).toContain("export declare const catalog: string;");
  });
});
