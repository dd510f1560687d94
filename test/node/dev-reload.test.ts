/** The dev server's pure parts: the reload tag, the dev CSP, the error page, what a saved path means. */
import { describe, expect, it } from "vitest";
import { classify } from "../../src/dev/changes.ts";
import { errorPage } from "../../src/dev/error-page.ts";
import { devCsp, injectReloadTag, reloadTag } from "../../src/dev/reload.ts";

const production = "default-src 'none'; style-src 'sha256-abc='; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

describe("the dev CSP", () => {
  it("allows exactly the reload script and its event stream, and keeps every other directive", () => {
    const csp = devCsp(production, "http://127.0.0.1:8787");
    expect(csp).toBe(`${production}; script-src http://127.0.0.1:8787/__folio/reload.js; connect-src http://127.0.0.1:8787/__folio/events`);
  });

  it("adds to a script-src that exists, dropping its 'none'", () => {
    expect(devCsp("default-src 'none'; script-src 'none'", "http://h:1")).toBe("default-src 'none'; script-src http://h:1/__folio/reload.js; connect-src http://h:1/__folio/events");
  });
});

describe("the reload tag", () => {
  it("goes just before </head>, or at the end of a page without one", () => {
    expect(injectReloadTag("<html><head><title>x</title></head><body></body></html>")).toBe(`<html><head><title>x</title>${reloadTag}</head><body></body></html>`);
    expect(injectReloadTag("<p>bare</p>")).toBe(`<p>bare</p>${reloadTag}`);
  });
});

describe("the error page", () => {
  it("lists every problem as file:line field: message, escaped", () => {
    const html = errorPage({
      problems: [
        { file: "content/articles/a/article.md", line: 4, field: "dek", message: "must not be empty" },
        { file: "content/articles/b/annotations.yaml", line: 9, field: "[0].anchor.exact", message: '"<b>x</b>" matches nowhere' },
      ],
    });
    expect(html).toContain("<h1>2 problems in the content</h1>");
    expect(html).toContain("<li><code>content/articles/a/article.md:4 dek: must not be empty</code></li>");
    expect(html).toContain("content/articles/b/annotations.yaml:9 [0].anchor.exact: &quot;&lt;b&gt;x&lt;/b&gt;&quot; matches nowhere");
    expect(html).not.toContain("<b>x</b>");
    expect(html).toContain(reloadTag);
  });

  it("shows a failure that is not a content problem", () => {
    expect(errorPage({ error: "TypeError: <boom>" })).toContain("<pre>TypeError: &lt;boom&gt;</pre>");
  });
});

describe("what a saved path means", () => {
  const articles = ["content/articles"];
  it("names the article, the content, the worker or the build's code", () => {
    expect(classify("content/articles/some-story/article.md", articles, "content")).toEqual({ kind: "article", slug: "some-story" });
    expect(classify("content/articles/some-story", articles, "content")).toEqual({ kind: "article", slug: "some-story" });
    expect(classify("content/site.yaml", articles, "content")).toEqual({ kind: "content" });
    expect(classify("src/worker/index.ts", articles, "content")).toEqual({ kind: "worker" });
    expect(classify("src/render/html/layout.ts", articles, "content")).toEqual({ kind: "code" });
    expect(classify("src/epub/book.ts", articles, "content")).toEqual({ kind: "code" });
    expect(classify("src/import/extract.ts", articles, "content")).toEqual({ kind: "ignore" }); // npm run new's importer: no build reads it
  });

  it("ignores editors' swap and backup files", () => {
    for (const p of ["content/articles/a/.article.md.swp", "content/articles/a/article.md~", "content/articles/a/4913", "content/articles/a/.#article.md", "src/render/.x.ts.swp"]) {
      expect(classify(p, articles, "content"), p).toEqual({ kind: "ignore" });
    }
  });
});
