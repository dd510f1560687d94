/**
 * The EPUB build, article by article, beside pandoc making an EPUB 3 of the same article in
 * the same run. Folio: `makeEpub(site, article, cover)` from src/epub/book.ts, in this
 * process, warm (as the build calls it, once per article), with the cover the build already
 * rendered. Pandoc: one `pandoc -t epub3` process per article on Markdown with footnotes
 * generated from the same model (pandoc-markdown.ts), given the same cover image. The two
 * alternate, article by article, repetition by repetition. The build's other per-article work
 * (the cover and Open Graph PNGs, src/cards/draw.ts) is timed beside them.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Article, Corpus, Site } from "../../src/model/document.ts";
import { deflateRawSync } from "node:zlib";
import { articleMarkdown } from "./pandoc-markdown.ts";
import { repo, run, spread, type Spread } from "./util.ts";

type MakeEpub = (site: Site, article: Article, cover: Uint8Array) => Promise<Uint8Array>;

export interface EpubRow {
  slug: string;
  words: number;
  notes: number;
  folioMs: Spread;
  pandocMs: Spread;
  folioBytes: number;
  pandocBytes: number;
  coverBytes: number;
  /** The biggest image in each book (the cover): how the ZIP holds it. */
  folioImage?: ZipEntry;
  pandocImage?: ZipEntry;
  /** The cover PNG deflated again (as pandoc's ZIP does): bytes and ms at zlib levels 6 and 9. */
  coverDeflated?: { level: number; bytes: number; ms: number }[];
  /** The build's other per-article work, when src/cards/draw.ts (formerly src/epub/cover.ts) is there: cover and OG image PNGs. */
  coverMs?: Spread;
  ogMs?: Spread;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressed: number;
  size: number;
}

/** The entries of a ZIP, from its central directory (APPNOTE 4.3.12). */
export function zipDirectory(zip: Uint8Array): ZipEntry[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: ZipEntry[] = [];
  for (let at = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), n = at >= 0 ? b.readUInt16LE(at + 10) : 0, p = at >= 0 ? b.readUInt32LE(at + 16) : 0; n > 0; n--) {
    if (b.readUInt32LE(p) !== 0x02014b50) break;
    const nameLength = b.readUInt16LE(p + 28);
    out.push({ name: b.toString("utf8", p + 46, p + 46 + nameLength), method: b.readUInt16LE(p + 10), compressed: b.readUInt32LE(p + 20), size: b.readUInt32LE(p + 24) });
    p += 46 + nameLength + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return out;
}

const biggestImage = (zip: Uint8Array): ZipEntry | undefined =>
  zipDirectory(zip)
    .filter((e) => /\.(png|jpe?g|gif|webp)$/i.test(e.name))
    .sort((a, b) => b.size - a.size)[0];

type Card = (text: { title: string; source: string; site: string }) => Uint8Array;

/** src/cards/draw.ts's coverPng and ogImagePng (src/epub/cover.ts in older copies), loaded the same way. */
async function loadCards(root: string): Promise<{ cover: Card; og: Card } | undefined> {
  const file = ["src/cards/draw.ts", "src/epub/cover.ts"].map((f) => join(root, f)).find((f) => existsSync(f));
  if (!file) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { coverPng?: Card; ogImagePng?: Card };
  return typeof mod.coverPng === "function" && typeof mod.ogImagePng === "function" ? { cover: mod.coverPng, og: mod.ogImagePng } : undefined;
}

/** src/epub/book.ts's makeEpub, loaded by URL so this file does not pin its signature at type-check time. */
export async function loadMakeEpub(root: string = repo): Promise<MakeEpub | undefined> {
  const file = join(root, "src/epub/book.ts");
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { makeEpub?: MakeEpub };
  return typeof mod.makeEpub === "function" ? mod.makeEpub : undefined;
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** How long pandoc takes to start and exit doing nothing (`pandoc --version`), ms. */
export async function pandocStartup(pandoc: string, reps: number): Promise<Spread> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push((await run(pandoc, ["--version"], { timeoutMs: 60_000 })).ms);
  return spread(times);
}

/** `root`: the copy of the code to measure (its src/epub). */
export async function epubVsPandoc(root: string, pandoc: string, dists: { dist: string; limit: number }[], reps: number, scratch: string): Promise<EpubRow[]> {
  const makeEpub = await loadMakeEpub(root);
  const cards = await loadCards(root);
  if (!makeEpub) throw new Error(`${root}/src/epub/book.ts has no makeEpub(site, article, cover)`);
  mkdirSync(scratch, { recursive: true });
  const work: { site: Site; article: Article; cover: Uint8Array; coverFile: string; md: string }[] = [];
  for (const { dist, limit } of dists) {
    const corpus = JSON.parse(readFileSync(join(dist, "model.json"), "utf8")) as Corpus;
    for (const article of corpus.articles.slice(0, limit)) {
      const coverFile = join(dist, "assets/articles", article.slug, "cover.png");
      const md = join(scratch, `${article.slug}.md`);
      writeFileSync(md, articleMarkdown(corpus.site, article));
      work.push({ site: corpus.site, article, cover: new Uint8Array(readFileSync(coverFile)), coverFile, md });
    }
  }
  // One warm-up call: the first loads epub-gen-memory's templates.
  await makeEpub(work[0]!.site, work[0]!.article, work[0]!.cover);

  const rows: EpubRow[] = [];
  for (const w of work) {
    const folio: number[] = [];
    const pan: number[] = [];
    const coverMs: number[] = [];
    const ogMs: number[] = [];
    let folioBytes = 0;
    let folioBook: Uint8Array = new Uint8Array(0);
    const out = join(scratch, `${w.article.slug}.pandoc.epub`);
    const runFolio = async () => {
      const t = performance.now();
      const bytes = await makeEpub(w.site, w.article, w.cover);
      folio.push(performance.now() - t);
      folioBytes = bytes.byteLength;
      folioBook = bytes;
    };
    const runPandoc = async () => {
      const r = await run(pandoc, [w.md, "-f", "markdown", "-t", "epub3", "-o", out, "--epub-cover-image", w.coverFile], { timeoutMs: 120_000 });
      if (r.status !== 0) throw new Error(`pandoc failed on ${w.article.slug}: ${r.stderr}`);
      pan.push(r.ms);
    };
    const runCards = () => {
      if (!cards) return;
      const text = { title: w.article.title, source: w.article.source.publisher, site: w.site.title };
      let t = performance.now();
      cards.cover(text);
      coverMs.push(performance.now() - t);
      t = performance.now();
      cards.og(text);
      ogMs.push(performance.now() - t);
    };
    for (let i = 0; i < reps; i++) {
      runCards();
      if (i % 2) {
        await runPandoc();
        await runFolio();
      } else {
        await runFolio();
        await runPandoc();
      }
    }
    rows.push({
      slug: w.article.slug,
      words: w.article.wordCount,
      notes: w.article.annotations.length,
      folioMs: spread(folio),
      pandocMs: spread(pan),
      folioBytes,
      pandocBytes: statSync(out).size,
      coverBytes: w.cover.byteLength,
      ...optional("folioImage", biggestImage(folioBook)),
      coverDeflated: [6, 9].map((level) => {
        const t = performance.now();
        const bytes = deflateRawSync(w.cover, { level }).byteLength;
        return { level, bytes, ms: performance.now() - t };
      }),
      ...optional("pandocImage", biggestImage(new Uint8Array(readFileSync(out)))),
      ...(cards ? { coverMs: spread(coverMs), ogMs: spread(ogMs) } : {}),
    });
  }
  return rows;
}
