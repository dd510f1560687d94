/**
 * Figures: `![alt](file.png "caption")` in a paragraph of its own, with an optional
 * `Credit: …` line. Every problem an editor can make, with its exact message and line; the
 * build's web sizes made with sharp; the figure in the page, the feeds, the EPUB and the JSON.
 */
import { Validator } from "@cfworker/json-schema";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { epubcheckProblems } from "../../scripts/conformance/epubcheck.ts";
import { epubcheckJar } from "../../scripts/conformance/tools.ts";
import { figureKey } from "../../src/build/figure-cache.ts";
import { figureBytes, forgetMadeFigures, makeFigures, variantWidths } from "../../src/build/figures.ts";
import { articleJsonSchema } from "../../src/build/json-schema.ts";
import { ContentError } from "../../src/content/errors.ts";
import { loadCorpus } from "../../src/build/content-files.ts";
import { parseMarkdown } from "../../src/content/markdown.ts";
import { makeEpub } from "../../src/epub/book.ts";
import type { Article, Corpus, Figure } from "../../src/model/document.ts";
import { renderFeedContent } from "../../src/render/feeds/content.ts";
import { renderArticlePage } from "../../src/render/html/article.ts";
import { renderArticleJson } from "../../src/render/json/article.ts";
import { readBook } from "./epub-corpus.ts";

const FIXTURES = "test/fixtures/articles";
const SLUG = "fixture-figure-and-table";
const ALT = "Nine small boats, red, blue and orange, moored in a row along a grey harbour wall under a pale sun";
/** A real PNG for the cover (EPUBCheck reads it). */
const coverPng = async () => new Uint8Array(await sharp({ create: { width: 160, height: 240, channels: 3, background: "#8a3b12" } }).png().toBuffer());
const problemsOf = (source: string, folder?: string) => parseMarkdown(source, folder ? { hasFile: (name) => existsSync(join(folder, name)) } : {}).problems;

describe("parseMarkdown: figures", () => {
  it("reads the alt text, the caption from the title and the credit from the line below", () => {
    const { blocks, problems } = parseMarkdown(`Text.\n\n![Boats at *the* wall](boats.jpg "The wall at dawn.")\nCredit: Jane Doe / Example Agency\n\nMore.`);
    expect(problems).toEqual([]);
    expect(blocks[1]).toEqual({
      type: "figure",
      file: "boats.jpg",
      alt: "Boats at the wall",
      caption: "The wall at dawn.",
      credit: "Jane Doe / Example Agency",
      width: 0,
      height: 0,
      mediaType: "",
      variants: [],
    });
  });

  it("leaves out a caption and a credit that are not given", () => {
    expect(parseMarkdown("![Boats](boats.png)").blocks).toEqual([{ type: "figure", file: "boats.png", alt: "Boats", width: 0, height: 0, mediaType: "", variants: [] }]);
  });

  it("keeps the figure's words out of the plain text notes anchor into", () => {
    const { blocks } = parseMarkdown(`One.\n\n![Boats](boats.png "Caption")\n\nTwo.`);
    expect(blocks.filter((b) => b.type === "paragraph")).toHaveLength(2);
  });

  it("requires alt text, naming the file and the line", () => {
    expect(problemsOf("Text.\n\n![](boats.jpg)")).toEqual([{ line: 3, message: `image "boats.jpg" has no alt text: describe what it shows between the brackets, as in ![Boats moored at the harbour wall](boats.jpg)` }]);
    expect(problemsOf("![  ](boats.jpg)")).toHaveLength(1);
  });

  it("requires a file in the article's folder with an image's name", () => {
    const message = (name: string) => `image "${name}" must be a file in the article's folder, named with letters, digits, hyphens, underscores and dots, ending in .jpg, .jpeg, .png or .webp`;
    expect(problemsOf("![Boats](https://example.org/boats.jpg)")).toEqual([{ line: 1, message: message("https://example.org/boats.jpg") }]);
    expect(problemsOf("![Boats](../other/boats.jpg)")).toEqual([{ line: 1, message: message("../other/boats.jpg") }]);
    expect(problemsOf("![Boats](<my boats.jpg>)")).toEqual([{ line: 1, message: message("my boats.jpg") }]);
    expect(problemsOf("![Boats](boats.gif)")).toEqual([{ line: 1, message: message("boats.gif") }]);
  });

  it("reports a file that is not in the article's folder", () => {
    expect(problemsOf("Text.\n\n![Boats](boats.jpg)", join(FIXTURES, SLUG))).toEqual([{ line: 3, message: `image "boats.jpg" is not in the article's folder: put the file next to article.md, or correct its name` }]);
    expect(problemsOf("![Boats](harbour-wall.png)", join(FIXTURES, SLUG))).toEqual([]);
  });

  it("requires the image to stand alone in its paragraph", () => {
    const message = `an image must be a paragraph of its own, with at most a "Credit: …" line under it: put a blank line before and after it`;
    expect(problemsOf("See ![Boats](boats.jpg) here.")).toEqual([{ line: 1, message }]);
    expect(problemsOf("![Boats](boats.jpg)\nMore text.")).toEqual([{ line: 1, message }]);
  });

  it("refuses an image inside a heading, a list, a quote or a table", () => {
    const message = (where: string) => `an image inside a ${where} is not supported: put it in a paragraph of its own, at the top level`;
    expect(problemsOf("## A ![Boats](boats.jpg)")).toEqual([{ line: 1, message: message("heading") }]);
    expect(problemsOf("- ![Boats](boats.jpg)")).toEqual([{ line: 1, message: message("list") }]);
    expect(problemsOf("> ![Boats](boats.jpg)")).toEqual([{ line: 1, message: message("block quote") }]);
    expect(problemsOf("| a |\n|---|\n| ![Boats](boats.jpg) |")).toEqual([{ line: 3, message: message("table") }]);
  });

  it("takes the credit as plain text only", () => {
    expect(problemsOf("Text.\n\n![Boats](boats.jpg)\nCredit: [Jane](https://example.org/jane)")).toEqual([{ line: 4, message: `a credit is plain text: remove the formatting or link from the "Credit:" line` }]);
  });
});

describe("variantWidths", () => {
  it("makes 480, 960 and 1600 below a wide source, and never wider than the source", () => {
    expect(variantWidths(4000)).toEqual([480, 960, 1600]);
    expect(variantWidths(1600)).toEqual([480, 960, 1600]);
    expect(variantWidths(1200)).toEqual([480, 960, 1200]);
    expect(variantWidths(480)).toEqual([480]);
    expect(variantWidths(300)).toEqual([300]);
  });
});

describe("the fixture's figure", () => {
  let corpus: Corpus;
  let article: Article;
  let figure: Figure;
  let files: Map<string, { type: string; data: Uint8Array }>;
  beforeAll(async () => {
    corpus = loadCorpus({ contentDir: "content", articleDirs: [FIXTURES] });
    files = await makeFigures(corpus, { contentDir: "content", articleDirs: [FIXTURES] });
    article = corpus.articles.find((a) => a.slug === SLUG)!;
    figure = article.blocks.find((b): b is Figure => b.type === "figure")!;
  });

  it("is measured, and copied at each width as PNG named by its bytes' hash", async () => {
    expect([figure.width, figure.height, figure.mediaType]).toEqual([1200, 800, "image/png"]);
    expect(figure.caption).toBe("The boats at the wall on Monday morning, as the volunteers drew them.");
    expect(figure.credit).toBe("Drawing by Folio's test suite");
    expect([...files.keys()]).toEqual(figure.variants.map((v) => v.path.slice(1)));
    for (const v of figure.variants) {
      const data = files.get(v.path.slice(1))!.data;
      expect(figureBytes(v.path)).toBe(data);
      const meta = await sharp(data).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", v.width, v.height]);
      const hash = (await import("node:crypto")).createHash("sha256").update(data).digest("hex").slice(0, 10);
      expect(v.path).toBe(`/articles/${SLUG}/figures/harbour-wall-${v.width}.${hash}.png`);
    }
  });

  it("on the page: <figure>, a lazy <img> with srcset, sizes, width and height, and the caption with the credit", () => {
    const html = renderArticlePage(corpus.site, article);
    const [small, middle, large] = figure.variants.map((v) => v.path);
    expect(html).toContain(
      `<figure><img src="${middle}" srcset="${small} 480w, ${middle} 960w, ${large} 1200w" sizes="(min-width: 42rem) 39.5rem, calc(100vw - 2.5rem)" width="960" height="640" alt="${ALT}" loading="lazy" decoding="async"/>` +
        `<figcaption>The boats at the wall on Monday morning, as the volunteers drew them. <span class="credit">Drawing by Folio&#39;s test suite</span></figcaption></figure>`,
    );
  });

  it("in the feeds: the same figure with absolute URLs", () => {
    const html = renderFeedContent(corpus.site, article);
    const url = (i: number) => `${corpus.site.url}${figure.variants[i]!.path}`;
    expect(html).toContain(`<figure><img src="${url(1)}" srcset="${url(0)} 480w, ${url(1)} 960w, ${url(2)} 1200w"`);
    expect(html).not.toMatch(/(src|srcset)="\/articles/);
  });

  it("in the EPUB: the widest image embedded from the build's bytes, listed in the manifest, with accessibility metadata", async () => {
    const zip = await makeEpub(corpus.site, article, new Uint8Array([1]));
    const JSZip = (await import("jszip")).default;
    const entries = await JSZip.loadAsync(zip);
    const widest = figure.variants.at(-1)!;
    const name = widest.path.slice(widest.path.lastIndexOf("/") + 1);
    expect(await entries.file(`OEBPS/images/${name}`)!.async("uint8array")).toEqual(files.get(widest.path.slice(1))!.data);
    const book = await readBook(zip);
    expect(book.get("OEBPS/article.xhtml")).toContain(`<figure><img src="images/${name}" alt="${ALT}"/><figcaption>`);
    const opf = book.get("OEBPS/content.opf")!;
    expect(opf).toContain(`<item id="figure-1" href="images/${name}" media-type="image/png"/>`);
    expect(opf).toContain(`<meta property="schema:accessMode">visual</meta>`);
    expect(opf).toContain(`<meta property="schema:accessibilityFeature">alternativeText</meta>`);
    expect(opf).toContain("The cover image and the figure have text alternatives.");
    expect(Object.keys(entries.files).filter((k) => k.startsWith("OEBPS/images/"))).toEqual([`OEBPS/images/${name}`]);
  });

  it("makes an EPUB with the figure and the table that EPUBCheck passes with no error and no warning", async () => {
    // A checker that CI installs fails the test when missing; it never skips (as in same-words.test.ts).
    expect(existsSync(epubcheckJar), `${epubcheckJar} is missing: apt-get install epubcheck default-jre-headless`).toBe(true);
    expect(await epubcheckProblems(`${SLUG}.epub`, await makeEpub(corpus.site, article, await coverPng()))).toEqual([]);
  }, 120_000);

  it("in the article JSON: alt, caption, credit, size and absolute variant URLs, valid against the schema", () => {
    const json = JSON.parse(renderArticleJson(corpus.site, article)) as { blocks: { type: string }[] };
    const block = json.blocks.find((b) => b.type === "figure");
    expect(block).toEqual({
      type: "figure",
      file: "harbour-wall.png",
      alt: ALT,
      caption: figure.caption,
      credit: figure.credit,
      width: 1200,
      height: 800,
      mediaType: "image/png",
      variants: figure.variants.map(({ width, height, path }) => ({ width, height, url: `${corpus.site.url}${path}` })),
    });
    const validator = new Validator(articleJsonSchema() as never, "2020-12", false);
    expect(validator.validate(json).errors).toEqual([]);
    expect(validator.validate({ ...json, blocks: [{ ...block, alt: "" }] }).valid).toBe(false);
  });
});

describe("figure problems found by the build", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "folio-figures-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const article = (body: string) => `---\ntitle: T\ndek: D\nlanguage: en\nsource:\n  publisher: P\n  url: https://example.org/a\n  date: "2020"\npublished: "2026-01-01"\nupdated: "2026-01-01"\ntags: []\n---\n\n${body}\n`;
  const write = (name: string, files: Record<string, string | Uint8Array>) => {
    const content = join(dir, name);
    mkdirSync(join(content, "articles", "a"), { recursive: true });
    writeFileSync(join(content, "site.yaml"), "title: S\ndescription: D\nurl: https://example.org\nlanguage: en\npublisher:\n  name: P\nrights: R\n");
    for (const [file, data] of Object.entries(files)) writeFileSync(join(content, "articles", "a", file), data);
    return content;
  };

  it("names article.md and the line of a figure without alt text or without its file, with every other problem", () => {
    const content = write("missing", { "article.md": article("Text.\n\n![](gone.png)\n\n![Boats](also-gone.jpg)") });
    let error: unknown;
    try {
      loadCorpus({ contentDir: content, root: content });
    } catch (e) {
      error = e;
    }
    expect((error as ContentError).message.split("\n").slice(1)).toEqual([
      `articles/a/article.md:16 body: image "gone.png" has no alt text: describe what it shows between the brackets, as in ![Boats moored at the harbour wall](gone.png)`,
      `articles/a/article.md:16 body: image "gone.png" is not in the article's folder: put the file next to article.md, or correct its name`,
      `articles/a/article.md:18 body: image "also-gone.jpg" is not in the article's folder: put the file next to article.md, or correct its name`,
    ]);
  });

  it("turns a photograph by its EXIF orientation before measuring it, never makes a copy wider than it is shown, and drops its metadata", async () => {
    // Stored 2400×1000 and marked "turn a quarter" (orientation 6): displayed 1000×2400.
    const jpeg = await sharp({ create: { width: 2400, height: 1000, channels: 3, background: "#445566" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const content = write("photo", { "article.md": article("Text.\n\n![A grey field](photo.jpg)"), "photo.jpg": jpeg });
    const corpus = loadCorpus({ contentDir: content, root: content });
    const files = await makeFigures(corpus, { contentDir: content, root: content });
    const figure = corpus.articles[0]!.blocks.find((b): b is Figure => b.type === "figure")!;
    expect([figure.width, figure.height, figure.mediaType]).toEqual([1000, 2400, "image/jpeg"]);
    expect(figure.variants.map((v) => [v.width, v.height])).toEqual([
      [480, 1152],
      [960, 2304],
      [1000, 2400],
    ]);
    for (const v of figure.variants) {
      expect(v.path).toMatch(new RegExp(`^/articles/a/figures/photo-${v.width}\\.[0-9a-f]{10}\\.jpg$`));
      const meta = await sharp(files.get(v.path.slice(1))!.data).metadata();
      expect([meta.format, meta.width, meta.height, meta.orientation, meta.exif]).toEqual(["jpeg", v.width, v.height, undefined, undefined]);
    }
  });

  it("names an image file sharp cannot read, or one whose bytes are another format than its name says", async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#123456" } }).png().toBuffer();
    const content = write("unreadable", { "article.md": article("Text.\n\n![Boats](broken.png)\n\n![Boats](really-png.jpg)"), "broken.png": "not an image", "really-png.jpg": png });
    const corpus = loadCorpus({ contentDir: content, root: content });
    const error = await makeFigures(corpus, { contentDir: content, root: content }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      { file: "articles/a/broken.png", field: "", message: "cannot be read as an image (Input buffer contains unsupported image format): save it again as a JPEG, PNG or WebP file" },
      { file: "articles/a/really-png.jpg", field: "", message: "cannot be read as an image (the file holds png data, not jpg): save it again as a JPEG, PNG or WebP file" },
    ]);
  });
});

describe("the figure cache (figure-cache.ts)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "folio-figure-cache-"));
  });
  afterAll(() => {
    forgetMadeFigures();
    rmSync(dir, { recursive: true, force: true });
  });

  const sources = { contentDir: "content", articleDirs: [FIXTURES] };
  /** The fixture's figure made as by a fresh process, with the cache in `cacheDir`. */
  const made = async (cacheDir: string) => {
    forgetMadeFigures();
    return makeFigures(loadCorpus(sources), sources, undefined, { cacheDir });
  };
  const entries = (cacheDir: string) => readdirSync(cacheDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".bin"));

  it("keeps each figure's web sizes, and a later build takes them from the cache instead of encoding the image again", async () => {
    const cacheDir = join(dir, "kept");
    const cold = await made(cacheDir);
    expect(entries(cacheDir)).toHaveLength(1);
    const entry = join(cacheDir, entries(cacheDir)[0]!);
    // Change one byte of the first variant in the entry: a build that reads the cache serves it.
    const bytes = readFileSync(entry);
    const first = bytes.indexOf(10) + 1 + 40;
    bytes[first] = bytes[first]! ^ 0xff;
    writeFileSync(entry, bytes);
    const warm = await made(cacheDir);
    const [path, file] = [...cold][0]!;
    expect(warm.get(path)!.data).not.toEqual(file.data);
    expect([...warm.keys()]).toEqual([...cold.keys()]);
    for (const [p, f] of [...warm].slice(1)) expect(f.data).toEqual(cold.get(p)!.data);
  });

  it("makes an entry that does not add up again, with the same bytes as a build without a cache", async () => {
    const cacheDir = join(dir, "truncated");
    const cold = await made(cacheDir);
    const entry = join(cacheDir, entries(cacheDir)[0]!);
    writeFileSync(entry, readFileSync(entry).subarray(0, -1));
    const again = await made(cacheDir);
    expect([...again].map(([p, f]) => [p, f.data])).toEqual([...cold].map(([p, f]) => [p, f.data]));
    const fresh = await made(join(dir, "fresh"));
    expect([...fresh].map(([p, f]) => [p, f.data])).toEqual([...cold].map(([p, f]) => [p, f.data]));
    expect(readFileSync(entry)).toEqual(readFileSync(join(dir, "fresh", entries(join(dir, "fresh"))[0]!))); // written whole again
  });

  it("keys an entry by the image's bytes and its file name, so a changed image or a renamed file is made again", () => {
    const png = new Uint8Array([1, 2, 3]);
    expect(figureKey("a.png", png)).toBe(figureKey("a.png", Uint8Array.from(png)));
    expect(figureKey("a.png", png)).not.toBe(figureKey("b.png", png));
    expect(figureKey("a.png", png)).not.toBe(figureKey("a.png", new Uint8Array([1, 2, 4])));
  });
});
