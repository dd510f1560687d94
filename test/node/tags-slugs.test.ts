/** Tag slugs, the tag index, and the build error for two tags making one URL. */
import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/content/errors.ts";
import { tagOccurrences, tagPath, tagProblems, tagSlug, tagsOf } from "../../src/model/tags.ts";

describe("tagSlug", () => {
  it.each([
    ["China", "china"],
    ["Côte d’Ivoire", "cote-d-ivoire"],
    ["Kraków", "krakow"],
    ["  South   China Sea ", "south-china-sea"],
    ["C++ & Rust", "c-rust"],
    ["ﬁnance", "finance"],
    ["Ｆｕｌｌ　Ｗｉｄｔｈ", "full-width"],
    ["2026 election", "2026-election"],
    ["Россия", "россия"],
    ["中国", "中国"],
    ["नमस्ते", "नमस्ते"],
    ["한국", "한국"],
    ["שלום עולם", "שלום-עולם"],
    ["--", ""],
    ["🦊", ""],
  ])("%s → %s", (tag, slug) => {
    expect(tagSlug(tag)).toBe(slug);
  });

  it("is stable: slugging a slug changes nothing", () => {
    for (const t of ["China", "Côte d’Ivoire", "Россия", "C++ & Rust"]) expect(tagSlug(tagSlug(t))).toBe(tagSlug(t));
  });

  it("percent-encodes non-ASCII slugs in the path", () => {
    expect(tagPath("China")).toBe("/tags/china");
    expect(tagPath("Россия")).toBe("/tags/%D1%80%D0%BE%D1%81%D1%81%D0%B8%D1%8F");
  });
});

describe("tagProblems", () => {
  it("names both tags and both places when two spellings make one slug", () => {
    const problems = tagProblems([
      { tag: "South China Sea", file: "content/articles/a/article.md", line: 12, field: "tags[0]" },
      { tag: "south-china sea", file: "content/articles/b/article.md", line: 9, field: "tags[1]" },
    ]);
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!)).toBe(
      'content/articles/b/article.md:9 tags[1]: the tag "south-china sea" and the tag "South China Sea" (content/articles/a/article.md:12 tags[0]) both make the URL /tags/south-china-sea: spell them the same way, or make them differ in letters or digits',
    );
  });

  it("accepts one tag spelt in many ways of case and diacritics, and reports each other spelling of the slug once", () => {
    const at = (tag: string, slug: string) => ({ tag, file: `content/articles/${slug}/article.md`, field: "tags[0]" });
    expect(tagProblems([at("China", "a"), at("CHINA", "b"), at("Chína", "c")])).toEqual([]);
    const problems = tagProblems([at("C++", "a"), at("C", "b"), at("c", "c"), at("C#", "d")]);
    expect(problems.map((p) => p.file)).toEqual(["content/articles/b/article.md", "content/articles/d/article.md"]);
  });

  it("reports a tag with no letter or digit", () => {
    const [p] = tagProblems([{ tag: "!!!", file: "content/articles/a/article.md", field: "tags[2]" }]);
    expect(formatProblem(p!)).toBe('content/articles/a/article.md tags[2]: the tag "!!!" has no letter or digit, so it has no URL: use a word');
  });

  it("reads occurrences from articles", () => {
    const occ = tagOccurrences([{ slug: "a", tags: ["X", "Y"] }], (s) => `content/articles/${s}/article.md`);
    expect(occ).toEqual([
      { tag: "X", file: "content/articles/a/article.md", field: "tags[0]" },
      { tag: "Y", file: "content/articles/a/article.md", field: "tags[1]" },
    ]);
  });
});

describe("tagsOf", () => {
  it("lists each tag once with its articles in the order given, tags sorted by slug", () => {
    const a = { slug: "a", tags: ["Trade", "China"] };
    const b = { slug: "b", tags: ["China", "China"] };
    const c = { slug: "c", tags: ["Årsbok", "!!"] };
    const tags = tagsOf([a, b, c]);
    expect(tags.map((t) => [t.slug, t.name, t.articles.map((x) => x.slug)])).toEqual([
      ["arsbok", "Årsbok", ["c"]],
      ["china", "China", ["a", "b"]],
      ["trade", "Trade", ["a"]],
    ]);
  });
});
