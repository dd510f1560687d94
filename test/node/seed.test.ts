/**
 * The seed article in the built model: its words exactly as in the seed file, metadata only
 * as confirmed, and a full set of short, sourced annotations anchored where they say.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../src/build/build.ts";
import type { Annotation, Article, Corpus, TextRun } from "../../src/model/document.ts";

const repo = resolve(import.meta.dirname, "../..");
const SLUG = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";

/** The seed file: title, source link, dek, then the body, one paragraph per blank-line block. */
const seed = readFileSync(join(repo, "test/fixtures/seed/000_70805f0573b4dfd8.txt"), "utf8")
  .split(/\n\s*\n/)
  .map((p) => p.trim())
  .filter(Boolean);
const [seedTitle, seedLink, seedDek, ...seedBody] = seed;

/** Every source the annotations may cite: the sources whose facts were checked against the notes' wording, and no other. */
const confirmedSources = new Set([
  "http://big5.china.com.cn/gate/big5/xitheory.china.com.cn/2025-02/25/content_117731494.htm",
  "http://en.people.cn/n3/2025/0225/c90000-20280804.html",
  "http://flyingtranslation.com/ch/NewsView.asp?ID=20981",
  "http://www.jsgjzx.com.cn/20633/xjpwjsx/wjrz/202502/t20250225_8459865.shtml",
  "http://www.syxj.com.cn/a/202505/09/WS681da5a8a310a04af22be64e.html",
  "https://depimedia.com/vladimir-putin-and-xi-jinping-agree-on-schedule-of-their-upcoming-meetings-in-telephone-conversation",
  "https://en.mehrnews.com/news/228889/China-s-Xi-backs-Russia-on-Ukraine-peace-efforts-Kremlin",
  "https://euromaidanpress.com/2025/02/18/us-russia-hold-five-hour-talks-in-saudi-arabia-without-ukraines-participation/",
  "https://japantoday.com/category/world/top-russian-and-us-officials-are-set-to-hold-talks-on-ukraine-war-without-kyiv",
  "https://kommersant.ru/amp/7533070",
  "https://prospectmagazine.co.uk/world/united-states/69447/the-flaw-in-trumps-genius-china-strategy",
  "https://tass.com/politics/1999863",
  "https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/",
  "https://thediplomat.com/2025/03/why-a-possible-trump-putin-rapprochement-is-good-for-china/",
  "https://wenewsenglish.com/?p=312886",
  "https://www.interfax-russia.ru/index.php/rossiya-i-mir/putin-proinformiroval-predsedatelya-knr-o-rossiysko-amerikanskih-kontaktah",
  "https://www.irishtimes.com/world/asia-pacific/2025/02/24/xi-jinping-reiterates-desire-for-partnership-without-limits-with-vladimir-putin/",
  "https://www.newser.com/story/364465/rubio-we-see-incredible-opportunities-with-russia.html",
  "https://www.shafaq.com/en/World/US-Russia-open-high-stakes-talks-in-Saudi-Arabia-to-end-Ukraine-war",
  "https://www.thedailystar.net/news/world/news/peace-or-war-chinas-xi-hosts-massive-military-parade-putin-and-kim-3977391",
  "https://www.zerohedge.com/geopolitical/xi-putin-hold-call-ukraine-war-anniversary-amid-signs-peace-talks",
]);

let out: string;
let article: Article;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "folio-seed-"));
  await build({ contentDir: join(repo, "content"), outDir: join(out, "dist"), root: repo, articleFiles: false });
  const model = JSON.parse(readFileSync(join(out, "dist/model.json"), "utf8")) as Corpus;
  article = model.articles.find((a) => a.slug === SLUG)!;
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const runs = (a: Article): TextRun[] =>
  a.blocks.flatMap((b) => (b.type === "paragraph" || b.type === "heading" ? [b.content] : b.type === "quote" ? b.paragraphs : b.type === "list" ? b.items : b.type === "table" ? [...b.head, ...b.rows.flat()] : []));
const noteText = (n: Annotation) => n.body.map((r) => r.text).join(" ");
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe("the seed file", () => {
  it("has a title, a source link, a dek and 12 body paragraphs", () => {
    expect(seedLink).toBe("<https://thediplomat.com/>");
    expect(seedBody).toHaveLength(12);
  });
});

describe("the seed article's text", () => {
  it("is in the model under its slug", () => {
    expect(article).toBeDefined();
  });

  it("has the seed's title and dek, word for word", () => {
    expect(article.title).toBe(seedTitle);
    expect(article.dek).toBe(seedDek);
  });

  it("has the seed's 12 body paragraphs, word for word and in order", () => {
    expect(article.blocks.map((b) => b.type)).toEqual(Array(12).fill("paragraph"));
    expect(runs(article).map((r) => r.text)).toEqual(seedBody);
  });
});

describe("the seed article's metadata", () => {
  it("says only what is confirmed: The Diplomat, the canonical URL, February 2025, no author", () => {
    expect(article.source).toEqual({
      publisher: "The Diplomat",
      url: "https://thediplomat.com/2025/02/in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart/",
      date: "2025-02",
    });
    expect(article).not.toHaveProperty("author");
    expect(article.language).toBe("en");
  });

  it("has a slug equal to the source URL's last segment", () => {
    expect(article.source.url.replace(/\/$/, "").split("/").pop()).toBe(article.slug);
  });
});

describe("the seed article's annotations", () => {
  const find = (test: (n: Annotation) => boolean) => article.annotations.filter(test);

  it("are at least 8, numbered in reading order", () => {
    expect(article.annotations.length).toBeGreaterThanOrEqual(8);
    expect(article.annotations.map((n) => n.number)).toEqual(article.annotations.map((_, i) => i + 1));
    const starts = article.annotations.map((n) => n.position.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("each cite at least one source, all from the confirmed research", () => {
    for (const n of article.annotations) {
      expect(n.sources.length, n.id).toBeGreaterThanOrEqual(1);
      for (const s of n.sources) expect(confirmedSources, `${n.id}: ${s.url}`).toContain(s.url);
    }
  });

  it("are short: 80 words at most", () => {
    for (const n of article.annotations) expect(words(noteText(n)), n.id).toBeLessThanOrEqual(80);
  });

  it("are anchored where they say: the text at each position is the anchor's exact text", () => {
    const plain = runs(article)
      .map((r) => r.text)
      .join("\n\n");
    for (const n of article.annotations) {
      expect(plain.slice(n.position.start, n.position.end), n.id).toBe(n.anchor.exact);
      if (n.anchor.prefix) expect(plain.slice(0, n.position.start).endsWith(n.anchor.prefix), n.id).toBe(true);
      if (n.anchor.suffix) expect(plain.slice(n.position.end).startsWith(n.anchor.suffix), n.id).toBe(true);
    }
    // …and each run's note span covers the same text.
    const spans = runs(article).flatMap((r) => r.notes.map((s) => ({ id: s.id, text: r.text.slice(s.start, s.end) })));
    expect(spans).toEqual(article.annotations.map((n) => ({ id: n.id, text: n.anchor.exact })));
  });

  it("give the Chinese original of 'cannot be moved apart', tagged zh", () => {
    const [n] = find((n) => n.anchor.exact === "cannot be moved apart" && n.original?.lang === "zh");
    expect(n).toBeDefined();
    expect(n!.original!.text).toContain("搬不走");
  });

  it("say where the article's rendering of the Kremlin statement differs", () => {
    const kremlin = runs(article)[2]!; // "Putin agreed. A statement from the Kremlin…"
    const notes = find((n) => n.kind === "fact-check" && n.position.start >= kremlin.offset && n.position.end <= kremlin.offset + kremlin.text.length);
    expect(notes.length).toBeGreaterThanOrEqual(1);
    expect(notes.some((n) => /Kremlin/.test(noteText(n)) && n.original?.lang === "ru")).toBe(true);
  });

  it("cover the Riyadh talks of 18 February 2025", () => {
    expect(find((n) => /Riyadh/.test(noteText(n)) && /18 February 2025/.test(noteText(n)))).toHaveLength(1);
  });

  it("explain 'reverse Kissinger'", () => {
    const [n] = find((n) => n.anchor.exact.includes("reverse Kissinger"));
    expect(n?.kind).toBe("term");
    expect(noteText(n!)).toMatch(/Kissinger/);
  });

  it("say the 21 January 2025 contact was a video meeting", () => {
    expect(find((n) => /21 January 2025/.test(noteText(n)) && /video/.test(noteText(n))).length).toBeGreaterThanOrEqual(1);
  });

  it("report the SCO summit in Tianjin, as coming later", () => {
    const [n] = find((n) => /Tianjin/.test(noteText(n)) && /SCO|Shanghai Cooperation Organization/.test(noteText(n) + n.anchor.exact));
    expect(n).toBeDefined();
    expect(noteText(n!)).toMatch(/Later|after this article/);
  });

  it("report the 80th-anniversary events, saying they came after the article", () => {
    const notes = find((n) => /80th anniversary/.test(noteText(n)) && /\b(Later|after)\b/.test(noteText(n)));
    expect(notes.length).toBeGreaterThanOrEqual(1);
    for (const n of notes) expect(n.kind).toBe("update");
  });

  it("say what could and could not be verified about the English translation", () => {
    const [n] = find((n) => n.anchor.exact.includes("was removed"));
    expect(n).toBeDefined();
    expect(noteText(n!)).toMatch(/English/);
    expect(noteText(n!)).toMatch(/could not be checked|could be only partly checked/);
  });
});
