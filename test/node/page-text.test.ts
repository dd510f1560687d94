/**
 * src/render/page-text.ts reads a page's body text the way the DOM does: held against jsdom (the
 * HTML standard's tree construction) on every page Folio renders and on markup that trips a
 * naive reader.
 */
import { describe, expect, it } from "vitest";
import { parseHtml } from "../../scripts/conformance/dom.ts";
import { rootTexts } from "../../scripts/conformance/w3c-anchoring.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import { renderArticlePage } from "../../src/render/html/article.ts";
import { renderErrorPage } from "../../src/render/html/error-page.ts";
import { renderIndexPage } from "../../src/render/html/index-page.ts";
import { bodyText } from "../../src/render/page-text.ts";

/** What jsdom makes of the page: body.textContent, and the text with each <br> as a space. */
function domText(html: string): { raw: string; rendered: string } {
  const body = parseHtml(html, "https://folio.test/").body!;
  const { raw, rendered } = rootTexts(body);
  return { raw, rendered };
}

const corpus = loadCorpus({ contentDir: "content", articleDirs: ["content/articles", "test/fixtures/articles"] });

describe("the body text of a page, as the DOM has it", () => {
  it("matches jsdom on every page Folio renders", () => {
    const pages: [string, string][] = [
      ["index", renderIndexPage(corpus)],
      ["404", renderErrorPage(corpus.site, 404, "No page <here> & there")],
      ...corpus.articles.map((a): [string, string] => [a.slug, renderArticlePage(corpus.site, a)]),
    ];
    expect(corpus.articles.length).toBeGreaterThanOrEqual(4);
    for (const [name, html] of pages) expect(bodyText(html), name).toEqual(domText(html));
  });

  it("matches jsdom where a naive reader would not", () => {
    const cases = [
      // entities, a literal "<", comments, attributes holding ">" and quotes
      `<html><head><title>x</title></head><body><p title="a > b" data-x='"'>A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x1F98A; &#233;&nbsp;f 1 < 2</p><!-- not <b>text</b> --></body></html>`,
      // the content of script and style is text; entities there are not decoded
      `<!doctype html><html><head></head><body>a<script>if (1 < 2 && x) {}</script>b<style>p > a { content: "&amp;" }</style>c</body></html>`,
      // the newline right after <pre> is dropped, the second one kept
      `<body><pre>\n\nline</pre><p>one<br>two<br/>\nthree</p></body>`,
      // whitespace after </body> and </html> still lands in the body; CR LF is one newline
      `<html><head></head>\n<body>\r\n<p>x</p>\r</body>\n</html>\n`,
      // text in a table's cells, whitespace between its rows
      `<body><table>\n<tr><td>a</td>\n<td>b</td></tr>\n</table></body>`,
    ];
    for (const html of cases) expect(bodyText(html), html).toEqual(domText(html));
  });

  it("refuses markup it cannot read the way a browser would", () => {
    expect(() => bodyText("<body><p>&copy; 2026</p></body>")).toThrow(/&copy;/);
    expect(() => bodyText("<body><p>&amp 2026</p></body>")).toThrow(/&amp/);
    expect(() => bodyText("<body><template>hidden</template></body>")).toThrow(/<template>/);
    expect(() => bodyText("<body><svg><text>drawn</text></svg></body>")).toThrow(/<svg>/);
    expect(() => bodyText("<p>no body</p>")).toThrow(/no <body>/);
  });
});
