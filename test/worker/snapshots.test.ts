/** What clients receive, pinned: the fixtures and the seed carry fixed dates, so these are stable. */
import { describe, expect, it } from "vitest";
import { get } from "./helpers.ts";

describe("served documents", () => {
  for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/opds.xml", "/articles.json", "/articles/fixture-tea-house-glossary.json", "/articles/fixture-tea-house-glossary/annotations.jsonld", "/sitemap.xml"]) {
    it(path, async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatchSnapshot();
    });
  }
});
