/**
 * `npm run new -- <URL>` (or a saved page or clipped text with `--url`): the draft made from the
 * original. Reads the page (src/import/fetch-page.ts, or the file), finds the article and its
 * metadata (src/import/extract.ts, src/import/clipped-text.ts), saves each figure's image beside
 * article.md, and writes the folder in one go: on any failure nothing is left behind, and an
 * existing article is never touched. Returns what it did and what is left for the editor.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { parseClipped } from "../import/clipped-text.ts";
import { ImportError, saveAndImport } from "../import/errors.ts";
import { extractArticle, type Extracted } from "../import/extract.ts";
import { decodeHtml, defaultLimits, fetchLimited, sizeText, type FetchLimits } from "../import/fetch-page.ts";
import type { Found, PageMetadata } from "../import/metadata.ts";
import { figureMarkdown, placeFigures, type FigureRef } from "../import/to-markdown.ts";
import { slugPattern } from "../content/schema.ts";
import { annotationsYaml, dateFromUrl, frontMatter, slugFromUrl } from "./new-article.ts";

export interface ImportInput {
  /** The original's address, or a saved .html, .txt or .md file. */
  source: string;
  /** The original's address when `source` is a file. */
  url?: string;
  slug?: string;
  /** Given on the command line: these win over what the page says. */
  title?: string;
  publisher?: string;
  date?: string;
  /** The site's language, for a page that does not say its own. */
  siteLanguage: string;
  /** This edition's date, YYYY-MM-DD. */
  today: string;
  limits?: FetchLimits;
}

export interface ImportReport {
  slug: string;
  dir: string;
  /** Each file written, with what it holds. */
  made: { file: string; what: string }[];
  /** Where each front-matter field came from. */
  found: string[];
  /** What is left for the editor, one line each. */
  todo: string[];
}

type Kind = "url" | "html" | "text";

function kindOf(source: string): Kind {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) return "url";
  const ext = extname(source).toLowerCase();
  if (ext === ".html" || ext === ".htm" || ext === ".xhtml") return "html";
  if (ext === ".txt" || ext === ".md") return "text";
  throw new ImportError(`${source} is neither a web address (http or https) nor a saved .html, .txt or .md file: give the original's address, or the file you saved`);
}

/** Advice when the web will not give the article. */
const fromAFile = (url: string) => `${saveAndImport(url)}, or paste its text in the seed's shape (title, link, standfirst, paragraphs) and import that: npm run new -- article.txt --url ${url}`;

export interface Original extends Extracted {
  kind: Kind;
  /** The page's address (after redirects), or --url for a file. */
  pageUrl: string;
  /** The saved page's folder, whose images may be read. */
  fileDir?: string;
}

/** The original's article and metadata, from the web or a saved file; ImportError when it cannot be read. */
export async function readOriginal(source: string, url: string | undefined, limits: Required<FetchLimits>): Promise<Original> {
  const kind = kindOf(source);
  if (kind === "url") {
    if (url !== undefined) throw new ImportError(`--url is for a saved file; ${source} is already an address: leave --url out`);
    const page = await fetchLimited(source, limits);
    if (page.type !== "text/html" && page.type !== "application/xhtml+xml") {
      throw new ImportError(`${source} is not a web page (it is ${page.type || "of no stated type"}): give the address of the article's page, or ${saveAndImport(source)}`);
    }
    return { kind, pageUrl: page.url, ...extractArticle(decodeHtml(page.body, page.charset), page.url, source, fromAFile(source)) };
  }
  if (!existsSync(source) || !statSync(source).isFile()) throw new ImportError(`${source} not found: give the path of the saved page or text`);
  if (!url) throw new ImportError(`${source} is a saved file: give the original's address with --url, e.g. npm run new -- ${source} --url https://example.com/2025/02/some-story/`);
  checkUrl(url);
  const fileDir = dirname(resolve(source));
  const bytes = readFileSync(source);
  if (bytes.byteLength > limits.maxBytes) throw new ImportError(`${source} is larger than the limit of ${sizeText(limits.maxBytes)}: save only the article's page`);
  if (kind === "html") {
    const advice = `check that ${source} is the article's page; or paste its text in the seed's shape (title, link, standfirst, paragraphs) and import that: npm run new -- article.txt --url ${url}`;
    return { kind, pageUrl: url, fileDir, ...extractArticle(withLocalImages(decodeHtml(bytes), fileDir), url, source, advice) };
  }
  const clipped = parseClipped(new TextDecoder().decode(bytes), extname(source).toLowerCase() === ".md" ? "md" : "txt");
  if (!clipped.markdown) throw new ImportError(`no paragraphs found in ${source}: a clipped text is the title, the link, the standfirst, then the paragraphs, each block separated by a blank line (as test/fixtures/seed/ has it)`);
  const metadata: PageMetadata = {};
  if (clipped.title) metadata.title = { value: clipped.title, from: "the text's first line" };
  if (clipped.dek) metadata.dek = { value: clipped.dek, from: "the text's standfirst" };
  return { kind, pageUrl: url, fileDir, metadata, markdown: clipped.markdown, figures: [], leftOut: [] };
}

export async function importArticle(articlesDir: string, input: ImportInput): Promise<ImportReport> {
  if (!existsSync(articlesDir)) throw new ImportError(`${articlesDir} not found: run this from the project folder, or point --articles at the folder of articles`);
  const limits = { ...defaultLimits, ...input.limits };
  const extracted = await readOriginal(input.source, input.url, limits);
  const { kind, pageUrl, fileDir } = extracted;
  const { metadata } = extracted;
  const given = (value: string | undefined, from: string): Found | undefined => (value ? { value, from } : undefined);
  const title = given(input.title, "--title") ?? metadata.title;
  const publisher = given(input.publisher, "--publisher") ?? metadata.publisher;
  const url = metadata.url ?? { value: kind === "url" ? pageUrl : input.url!, from: kind === "url" ? "the address fetched" : "--url" };
  const urlDate = dateFromUrl(url.value);
  const date = given(input.date, "--date") ?? metadata.date;
  if (input.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(input.date)) throw new ImportError(`--date "${input.date}" is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD" (as precisely as known)`);
  const language = metadata.language && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(metadata.language.value) ? metadata.language : undefined;

  const slug = input.slug ?? slugFromUrl(url.value);
  if (!slugPattern.test(slug)) throw new ImportError(`--slug "${slug}" is not URL-safe: use lowercase letters, digits and single hyphens`);
  const dir = join(articlesDir, slug);
  if (existsSync(dir)) throw new ImportError(`${dir} already exists: edit that article, or choose another slug with --slug`);

  const todo: string[] = [];
  const found = [title && `title from ${title.from}`, metadata.dek && `dek from ${metadata.dek.from}`, metadata.author && `author from ${metadata.author.from}`, publisher && `source.publisher from ${publisher.from}`, `source.url from ${url.from}`, date && `source.date from ${date.from}`, language && `language from ${language.from}`].filter((s): s is string => !!s);

  // Figures: each image saved beside article.md, under a name of its own.
  const images = await saveFigures(extracted.figures, limits, fileDir, todo);
  const body = placeFigures(extracted.markdown, images.map((i) => i?.file), extracted.figures);

  const missing = [!title && "title", !metadata.dek && "dek", !publisher && "source.publisher", !date && "source.date"].filter((s): s is string => !!s);
  if (missing.length) todo.unshift(`Fill in ${missing.join(", ")} in the front matter: the ${kind === "text" ? "text" : "page"} does not give ${missing.length === 1 ? "it" : "them"}.`);
  if (!date && urlDate) todo.push(`The URL's path holds ${urlDate}: write it as source.date if it is the original's date (the ${kind === "text" ? "text" : "page"} does not say).`);
  if (!metadata.author) todo.push(`No byline found: author is left out; add it if the original names one.`);
  if (!language) todo.push(`The ${kind === "text" ? "text" : "page"} does not say its language: language is the site's, "${input.siteLanguage}"; correct it if the article is in another.`);
  if (kind !== "url" && metadata.url && metadata.url.value !== input.url) todo.push(`source.url is the page's own address from ${metadata.url.from} (${metadata.url.value}), not --url: check it.`);
  images.forEach((image, i) => {
    if (image && !extracted.figures[i]!.alt) todo.push(`Write the alt text of ${image.file} (the page gives none): the build names it until you do.`);
  });
  for (const item of extracted.leftOut) {
    todo.push(item.kind === "paywall" ? `Left out ${item.what}: the text may stop where the notice stood; compare with the original.` : `Left out ${item.what}: Folio does not carry it; describe it in the text or a note if the article needs it.`);
  }
  if (metadata.paywalled) todo.push(`The page marks the article as not free to read (JSON-LD isAccessibleForFree: false): the text may be only its opening; if so, import the full text saved from a logged-in browser (npm run new -- page.html --url ${url.value}) or clipped (article.txt).`);

  const article = frontMatter({
    ...(title ? { title: title.value } : {}),
    ...(metadata.dek ? { dek: metadata.dek.value } : {}),
    language: language?.value ?? input.siteLanguage,
    ...(publisher ? { publisher: publisher.value } : {}),
    url: url.value,
    ...(date ? { date: date.value } : {}),
    ...(metadata.author ? { author: metadata.author.value } : {}),
    today: input.today,
  }) + `\n${body}\n`;

  mkdirSync(dir); // not recursive: fails if another process made it meanwhile
  const made: ImportReport["made"] = [];
  try {
    writeFileSync(join(dir, "article.md"), article, { flag: "wx" });
    made.push({ file: "article.md", what: `front matter, and ${count(body.split("\n\n").filter((b) => !/^!\[/.test(b)).length, "block")} of text` });
    writeFileSync(join(dir, "annotations.yaml"), annotationsYaml, { flag: "wx" });
    made.push({ file: "annotations.yaml", what: "no notes yet, one example in comments" });
    for (const image of images) {
      if (!image) continue;
      writeFileSync(join(dir, image.file), image.bytes, { flag: "wx" });
      made.push({ file: image.file, what: `figure, from ${image.src}` });
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { slug, dir, made, found, todo };
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImportError(`--url "${url}" is not a URL: give the original's full address, e.g. https://example.com/2025/02/some-story/`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ImportError(`--url ${url} is not an http(s) URL: give the original's web address`);
}

/** A saved page's images that sit beside it (a browser's "page_files/…") are read from there, as file: URLs. */
function withLocalImages(html: string, folder: string): string {
  return html.replace(/(<img\b[^>]*?\ssrc\s*=\s*)(["'])([^"']+)\2/gi, (all, before: string, quote: string, src: string) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) return all;
    let path: string;
    try {
      path = resolve(folder, decodeURIComponent(src.split(/[?#]/)[0]!));
    } catch {
      return all;
    }
    return existsSync(path) && statSync(path).isFile() ? `${before}${quote}${pathToFileURL(path).href}${quote}` : all;
  });
}

interface SavedImage {
  file: string;
  src: string;
  bytes: Uint8Array;
}

/** JPEG, PNG and WebP, by their first bytes (what the build's image step reads). */
function imageFormat(bytes: Uint8Array): "jpg" | "png" | "webp" | undefined {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x);
  if (at(0, 0xff, 0xd8, 0xff)) return "jpg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return "png";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "webp";
  return undefined;
}

async function saveFigures(figures: FigureRef[], limits: Required<FetchLimits>, fileDir: string | undefined, todo: string[]): Promise<(SavedImage | undefined)[]> {
  const names = new Set<string>();
  const out: (SavedImage | undefined)[] = [];
  for (const [i, figure] of figures.entries()) {
    const shown = figure.src.startsWith("file:") ? basename(fileURLToPath(figure.src)) : figure.src.startsWith("data:") ? "(an image written into the page as a data: URL)" : figure.src;
    const stem = nameStem(figure.src) || `figure-${i + 1}`;
    const suggested = (ext: string) => unique(`${stem}.${ext}`, names, false);
    const line = (file: string) => figureMarkdown(figure, file);
    let bytes: Uint8Array;
    try {
      if (figure.src.startsWith("file:")) {
        const path = fileURLToPath(figure.src);
        if (!fileDir || !path.startsWith(fileDir)) throw new ImportError(`${shown} is outside the saved page's folder`);
        bytes = readFileSync(path);
        if (bytes.byteLength > limits.maxBytes) throw new ImportError(`${shown} is larger than the limit of ${sizeText(limits.maxBytes)}`);
      } else {
        bytes = (await fetchLimited(figure.src, limits, "save the image beside article.md and add its figure line")).body;
      }
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      todo.push(`Image ${shown} was not saved (${error.message.split(": ")[0]!.replace(figure.src, "it")}): save it beside article.md and add ${JSON.stringify(line(suggested("jpg")))} where it stood.`);
      out.push(undefined);
      continue;
    }
    const format = imageFormat(bytes);
    if (!format) {
      todo.push(`Image ${shown} was left out: it is not JPEG, PNG or WebP, the formats Folio takes; convert it, save it beside article.md and add ${JSON.stringify(line(suggested("jpg")))} where it stood.`);
      out.push(undefined);
      continue;
    }
    const file = unique(`${stem}.${format}`, names, true);
    out.push({ file, src: shown, bytes });
  }
  return out;
}

/** "https://x/img/Ferry%20Boat.JPG?w=800" → "ferry-boat". */
function nameStem(src: string): string {
  let last = src;
  try {
    last = decodeURIComponent(new URL(src).pathname.split("/").pop() ?? "");
  } catch {
    // as written
  }
  return last
    .replace(/\.[a-z0-9]+$/i, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

function unique(name: string, taken: Set<string>, take: boolean): string {
  const dot = name.lastIndexOf(".");
  let candidate = name;
  for (let n = 2; taken.has(candidate) || candidate === "article.md" || candidate === "annotations.yaml"; n++) candidate = `${name.slice(0, dot)}-${n}${name.slice(dot)}`;
  if (take) taken.add(candidate);
  return candidate;
}
