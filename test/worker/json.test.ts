import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { allArticles, get, SEED } from "./helpers.ts";

describe("JSON", () => {
  it("serves article JSON that validates against the served JSON Schema", async () => {
    const schema = await (await get("/schema/article.json")).json<object>();
    const validator = new Validator(schema as never, "2020-12", false);
    for (const { slug } of await allArticles()) {
      const article = await (await get(`/articles/${slug}.json`)).json();
      const result = validator.validate(article);
      expect(result.errors, slug).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it("rejects JSON that breaks the schema (the check can fail)", async () => {
    const schema = await (await get("/schema/article.json")).json<object>();
    const article = await (await get(`/articles/${SEED}.json`)).json<Record<string, unknown>>();
    const validator = new Validator(schema as never, "2020-12", false);
    expect(validator.validate({ ...article, published: "yesterday" }).valid).toBe(false);
    const { title: _title, ...untitled } = article;
    expect(validator.validate(untitled).valid).toBe(false);
  });

  // Positions are checked against the served page's text in test/node/served-anchors.test.ts
  // (the deployable bundle in Miniflare, the page parsed by jsdom): workerd has no DOM parser.

  it("serves the notes as a W3C Web Annotation collection", async () => {
    const res = await get(`/articles/${SEED}/annotations.jsonld`);
    const doc = await res.json<any>();
    expect(doc["@context"]).toBe("http://www.w3.org/ns/anno.jsonld");
    expect(doc.type).toBe("AnnotationCollection");
    const items = doc.first.items;
    expect(doc.total).toBe(items.length);
    const article = await (await get(`/articles/${SEED}.json`)).json<any>();
    const siteUrl = article.url.slice(0, article.url.indexOf("/articles/"));
    for (const item of items) {
      expect(item.type).toBe("Annotation");
      expect(item.target.source).toBe(article.url);
      expect(item.creator.homepage).toBe(siteUrl); // the site made the notes, at the page's site URL
      expect(item.id.startsWith(`${siteUrl}/`)).toBe(true);
      const [quote, position] = item.target.selector;
      expect(quote.type).toBe("TextQuoteSelector");
      expect(position.type).toBe("TextPositionSelector");
      expect(position.end - position.start).toBe(quote.exact.length);
      expect(item.body[0]).toMatchObject({ type: "TextualBody", format: "text/markdown", language: "en" });
    }
    const zh = items.flatMap((i: any) => i.body).filter((b: any) => b.language === "zh");
    expect(zh.some((b: any) => b.value.includes("搬不走"))).toBe(true);
  });
});

describe("articles beyond the bundled feed items", () => {
  it("are read from the static assets and served like the newest", async () => {
    const index = { articles: await allArticles() };
    const feed = await (await get("/feed.json")).json<{ items: { url: string }[] }>();
    expect(feed.items.length).toBe(2); // npm run build:test lists two, so the older ones come from the assets
    const older = index.articles.slice(feed.items.length);
    expect(older.length).toBeGreaterThan(0);
    for (const { slug, title } of older) {
      const json = await (await get(`/articles/${slug}.json`)).json<{ title: string; blocks: unknown[] }>();
      expect(json.title).toBe(title);
      expect(json.blocks.length).toBeGreaterThan(0);
      expect((await get(`/articles/${slug}/annotations.jsonld`)).status).toBe(200);
    }
  });
});
