/**
 * Synthetic corpora for the scale benchmark: N articles of 700–1200 words, each with 8
 * annotations citing 1–3 sources, written as a real content folder the build accepts:
 *   <dir>/site.yaml
 *   <dir>/articles/<slug>/article.md         front matter + Markdown (headings, a quote, a list,
 *                                             emphasis, links, curly quotes, accented words)
 *   <dir>/articles/<slug>/annotations.yaml    8 notes, each anchored to a phrase found once
 * Deterministic: the same seed gives the same bytes.
 *
 *   node scripts/bench/corpus.ts --articles 100 --out /tmp/corpus [--seed 1]
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export interface CorpusOptions {
  dir: string;
  articles: number;
  seed?: number;
}

export interface GeneratedArticle {
  slug: string;
  words: number;
  annotations: number;
}

/** mulberry32: a small, fast, seedable PRNG (also the search ranking test's). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nouns = (
  "government minister policy trade agreement harbour council report budget election market region border ministry summit " +
  "economy industry village city province railway bridge river coast farmer worker union company bank currency price " +
  "contract treaty delegation committee official spokesman statement readout archive record letter document interview " +
  "survey study figure estimate forecast decade century season winter summer harvest shipment cargo vessel port route " +
  "school hospital court judge lawyer police army navy officer soldier ceasefire talks dispute crisis recovery reform " +
  "strategy partnership neighbour alliance audience reader editor newspaper broadcaster translation phrase meaning"
).split(" ");
const verbs = (
  "said argued noted announced reported confirmed denied suggested warned promised expected rejected approved signed " +
  "opened closed raised lowered crossed visited welcomed described questioned explained recalled estimated published"
).split(" ");
const adjectives = (
  "recent official public regional national local economic political strategic annual former current senior formal " +
  "early late quiet brief lengthy careful notable unusual familiar modest steady rapid gradual careful wider deeper"
).split(" ");
const fillers = ("the a its their this that these several many few some most every each another").split(" ");
const links = ("in on at by for with from after before during under over across between against toward").split(" ");
const names = ("Lisbon Tallinn Mombasa Valparaíso Gdańsk Hanoi Kraków Reykjavík Montréal Dakar Tbilisi Osaka Bergen Cádiz Quito").split(" ");
const publishers = ["The Harbour Gazette", "Northern Review", "Coastal Times", "The Meridian", "Provincial Herald"];
const kinds = ["context", "fact-check", "translation", "term", "update"] as const;

interface Run {
  /** Markdown source of the run. */
  md: string;
  /** Its plain text (what anchors match against). */
  plain: string;
  /** Plain word spans free of Markdown marks: candidate anchors. */
  phrases: string[];
}

class Writer {
  readonly rnd: () => number;
  constructor(seed: number) {
    this.rnd = prng(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)]!;
  }
  word(): string {
    const r = this.rnd();
    return r < 0.3 ? this.pick(nouns) : r < 0.42 ? this.pick(verbs) : r < 0.57 ? this.pick(adjectives) : r < 0.77 ? this.pick(fillers) : r < 0.95 ? this.pick(links) : this.pick(names);
  }
  /** One sentence, as plain words; the caller adds marks. */
  sentence(): string[] {
    const n = this.int(9, 24);
    const words = Array.from({ length: n }, () => this.word());
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return words;
  }
  /** A paragraph: sentences with a few marks, a curly-quoted phrase or a dash now and then. */
  paragraph(sentences: number): Run {
    const md: string[] = [];
    const plain: string[] = [];
    const phrases: string[] = [];
    for (let s = 0; s < sentences; s++) {
      const words = this.sentence();
      const end = this.rnd() < 0.1 ? "?" : ".";
      const style = this.rnd();
      // Marks and punctuation go on the first words; the rest of the sentence stays plain
      // and supplies anchor phrases.
      const head = words.slice(0, 3);
      const tail = words.slice(3);
      let headMd = head.join(" ");
      let headPlain = headMd;
      if (style < 0.12) [headMd, headPlain] = [`*${head.join(" ")}*`, head.join(" ")];
      else if (style < 0.2) [headMd, headPlain] = [`**${head.join(" ")}**`, head.join(" ")];
      else if (style < 0.3) [headMd, headPlain] = [`[${head.join(" ")}](https://example.org/ref/${this.int(1, 99999)})`, head.join(" ")];
      else if (style < 0.4) [headMd, headPlain] = [`“${head.join(" ")}”`, `“${head.join(" ")}”`];
      else if (style < 0.45) [headMd, headPlain] = [`${head.join(" ")} –`, `${head.join(" ")} –`];
      md.push(`${headMd} ${tail.join(" ")}${end}`);
      plain.push(`${headPlain} ${tail.join(" ")}${end}`);
      for (let i = 0; i + 5 <= tail.length; i += 5) phrases.push(tail.slice(i, i + this.int(3, 5)).join(" "));
    }
    return { md: md.join(" "), plain: plain.join(" "), phrases };
  }
  title(): string {
    const words = [this.pick(adjectives), this.pick(nouns), this.pick(verbs), this.pick(links), this.pick(names), this.pick(nouns)];
    return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  }
}

const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
const countWords = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** One article's files; `index` makes the slug and dates unique. */
function articleFiles(w: Writer, index: number, total: number): { slug: string; markdown: string; annotations: string; words: number } {
  const title = w.title();
  const slug = `${title.toLowerCase().normalize("NFD").replace(/[^a-z0-9 ]/g, "").trim().split(/\s+/).slice(0, 5).join("-")}-${index + 1}`;
  const target = w.int(700, 1080);
  const blocks: { md: string; runs: Run[] }[] = [];
  let words = 0;
  let kindNo = 0;
  const extras = ["heading", "quote", "list", "heading"];
  while (words < target) {
    const para = w.paragraph(w.int(2, 5));
    blocks.push({ md: para.md, runs: [para] });
    words += countWords(para.plain);
    if (blocks.length % 3 === 0 && kindNo < extras.length && words < target - 150) {
      const extra = extras[kindNo++]!;
      if (extra === "heading") {
        const h = `${w.pick(adjectives)} ${w.pick(nouns)} ${w.pick(links)} ${w.pick(names)}`;
        const text = h.charAt(0).toUpperCase() + h.slice(1);
        blocks.push({ md: `## ${text}`, runs: [{ md: text, plain: text, phrases: [] }] });
        words += countWords(text);
      } else if (extra === "quote") {
        const q = w.paragraph(2);
        blocks.push({ md: `> ${q.md}`, runs: [q] });
        words += countWords(q.plain);
      } else {
        const items = Array.from({ length: w.int(3, 4) }, () => w.paragraph(1));
        blocks.push({ md: items.map((i) => `- ${i.md}`).join("\n"), runs: items });
        words += items.reduce((n, i) => n + countWords(i.plain), 0);
      }
    }
  }
  const plain = blocks.flatMap((b) => b.runs.map((r) => r.plain)).join("\n\n");

  // 8 notes, each on a phrase found exactly once, spread over different runs.
  const candidates = blocks.flatMap((b) => b.runs).filter((r) => r.phrases.length > 0);
  const notes: string[] = [];
  const step = candidates.length / 8;
  for (let n = 0; n < 8; n++) {
    const run = candidates[Math.floor(n * step)]!;
    const phrase = run.phrases.find((p) => plain.indexOf(p) === plain.lastIndexOf(p) && plain.includes(p));
    if (!phrase) throw new Error(`corpus: no unique phrase for note ${n + 1} of ${slug}; try another seed`);
    const kind = kinds[n % kinds.length]!;
    const body = w.paragraph(w.int(1, 3));
    const sources = Array.from({ length: w.int(1, 3) }, (_, s) => `    - title: ${yamlString(`${w.pick(publishers)}, ${w.title()}`)}\n      url: https://example.org/source/${index + 1}/${n + 1}/${s + 1}`);
    const original = kind === "translation" ? `  original:\n    lang: fr\n    text: ${yamlString("la phrase d’origine, citée telle quelle")}\n` : "";
    notes.push(
      `- id: note-${n + 1}-${kind}\n  kind: ${kind}\n  anchor:\n    exact: ${yamlString(phrase)}\n  body: ${yamlString(body.md)}\n${original}  sources:\n${sources.join("\n")}\n`,
    );
  }

  // Newest first by index: article 1 is the newest; dates step back one day per article.
  const day = new Date(Date.UTC(2026, 10, 28) - Math.floor((index * 86400000 * 365) / Math.max(total, 365)));
  const date = day.toISOString().slice(0, 10);
  const front = [
    "---",
    `title: ${yamlString(title)}`,
    `dek: ${yamlString(w.paragraph(1).plain)}`,
    "language: en",
    "source:",
    `  publisher: ${yamlString(w.pick(publishers))}`,
    `  url: https://example.org/${date.slice(0, 7)}/${slug}/`,
    `  date: "${date.slice(0, 7)}"`,
    ...(index % 3 === 0 ? [`author: ${yamlString(`${w.pick(names)} Reporter`)}`] : []),
    `published: "${date}"`,
    `updated: "${date}"`,
    `tags: [${yamlString(w.pick(nouns))}, ${yamlString(w.pick(names))}]`,
    "---",
    "",
  ].join("\n");
  return { slug, markdown: `${front}\n${blocks.map((b) => b.md).join("\n\n")}\n`, annotations: notes.join("\n"), words: countWords(plain) };
}

const siteYaml = `# A synthetic site for benchmarks (scripts/bench/corpus.ts).
title: Folio
description: Synthetic articles for Folio's scale benchmark.
url: https://folio.example.com
language: en
publisher:
  name: Folio
  url: https://folio.example.com
feedItems: 20
rights: Synthetic text generated for benchmarks.
`;

/** Writes the corpus into `dir` (replacing it) and returns what it wrote. */
export function generateCorpus(options: CorpusOptions): GeneratedArticle[] {
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(join(options.dir, "articles"), { recursive: true });
  writeFileSync(join(options.dir, "site.yaml"), siteYaml);
  const w = new Writer(options.seed ?? 1);
  const out: GeneratedArticle[] = [];
  for (let i = 0; i < options.articles; i++) {
    const a = articleFiles(w, i, options.articles);
    const folder = join(options.dir, "articles", a.slug);
    mkdirSync(folder);
    writeFileSync(join(folder, "article.md"), a.markdown);
    writeFileSync(join(folder, "annotations.yaml"), a.annotations);
    out.push({ slug: a.slug, words: a.words, annotations: 8 });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { articles: { type: "string", default: "10" }, out: { type: "string" }, seed: { type: "string", default: "1" } } });
  if (!values.out) {
    console.error("usage: node scripts/bench/corpus.ts --articles N --out DIR [--seed S]");
    process.exit(1);
  }
  const made = generateCorpus({ dir: values.out, articles: Number(values.articles), seed: Number(values.seed) });
  const words = made.map((a) => a.words);
  console.log(`Wrote ${made.length} articles (${Math.min(...words)}–${Math.max(...words)} words, 8 notes each) to ${values.out}`);
}
