/**
 * The build's figures step: each figure's image, read from its article's folder, is measured
 * and copied at web sizes with sharp (libvips), in its own format:
 *   articles/<slug>/figures/<name>-<width>.<hash>.<ext>   for width in 480, 960, 1600,
 * never wider than the source (a smaller source gives fewer variants, the widest its own
 * width). The hash is the variant's bytes', so a replaced image gets new URLs and every variant
 * can be cached for a year as immutable (src/worker/policy.ts). Metadata (EXIF, GPS) is not
 * copied; the EXIF orientation is applied first.
 *
 * The step sets each figure block's size and variants in place, and keeps the bytes for the
 * EPUB, which embeds the widest variant (src/epub/figures.ts holds them: `figureBytes`).
 * A figure already made, by an earlier build in this process or in the cache folder
 * (figure-cache.ts, keyed by its source's bytes), is not made again.
 * Node only.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Metadata, Sharp } from "sharp";
import { ContentError, type ContentProblem } from "../content/errors.ts";
import type { Corpus, Figure } from "../model/document.ts";
import { keepFigureBytes } from "../epub/figures.ts";
import { figureKey, openFigureCache, type MadeFigure } from "./figure-cache.ts";

// Kept where the books read them; still importable from here.
export { figureBytes } from "../epub/figures.ts";

export const figureWidths = [480, 960, 1600] as const;

export interface FigureSources {
  /** Folder holding site.yaml. */
  contentDir: string;
  /** Folders whose sub-folders are articles; defaults to <contentDir>/articles. */
  articleDirs?: string[];
  /** Paths in messages are shown relative to this folder (default: the working directory). */
  root?: string;
}

type Made = MadeFigure & Pick<Figure, "width" | "height" | "mediaType">;

/** Variants made by earlier builds in this process (the dev server's), by the source's hash. */
let madeBefore = new Map<string, Made>();

/** Forgets what earlier builds in this process made (tests: as a fresh process would). */
export function forgetMadeFigures(): void {
  madeBefore = new Map();
}

/** How each format is written; a PNG with a palette (a drawing, a chart) keeps one, much smaller. */
const formats: Record<string, { mediaType: string; encode: (image: Sharp, source: Metadata) => Sharp }> = {
  jpg: { mediaType: "image/jpeg", encode: (i) => i.jpeg({ quality: 82, mozjpeg: true }) },
  jpeg: { mediaType: "image/jpeg", encode: (i) => i.jpeg({ quality: 82, mozjpeg: true }) },
  png: { mediaType: "image/png", encode: (i, source) => i.png({ compressionLevel: 9, palette: source.isPalette === true }) },
  webp: { mediaType: "image/webp", encode: (i) => i.webp({ quality: 80 }) },
};

/** The widths to make for a source this wide: the standard ones below it, and its own if under the widest. */
export function variantWidths(sourceWidth: number): number[] {
  const below = figureWidths.filter((w) => w < sourceWidth);
  return sourceWidth <= figureWidths[figureWidths.length - 1]! ? [...below, sourceWidth] : [...figureWidths];
}

/** Makes every figure's variants; sets each figure's size and variants; returns the files keyed by URL path without the leading slash. */
export async function makeFigures(corpus: Corpus, sources: FigureSources, progress: (line: string) => void = () => {}, options: { cacheDir?: string } = {}): Promise<Map<string, { type: string; data: Uint8Array }>> {
  const cache = options.cacheDir === undefined ? undefined : openFigureCache(options.cacheDir);
  const files = new Map<string, { type: string; data: Uint8Array }>();
  const problems: ContentProblem[] = [];
  const dirs = sources.articleDirs ?? [join(sources.contentDir, "articles")];
  const show = (path: string) => relative(sources.root ?? process.cwd(), path) || path;
  const made = new Map<string, Made>();
  const bytes = new Map<string, Uint8Array>();
  for (const article of corpus.articles) {
    const figures = article.blocks.filter((b): b is Figure => b.type === "figure");
    if (figures.length === 0) continue;
    const folder = dirs.map((d) => join(d, article.slug)).find((f) => existsSync(join(f, "article.md")))!;
    for (const figure of figures) {
      const file = join(folder, figure.file);
      let result: Made;
      try {
        const source = readFileSync(file);
        const key = figureKey(figure.file, source); // the name is in the variants' names
        const known = made.get(key) ?? madeBefore.get(key) ?? cache?.get(key);
        result = known ?? (await variantsOf(source, figure.file));
        if (!known) cache?.put(key, result);
        made.set(key, result);
      } catch (error) {
        problems.push({ file: show(file), field: "", message: `cannot be read as an image (${(error as Error).message}): save it again as a JPEG, PNG or WebP file` });
        continue;
      }
      figure.width = result.width;
      figure.height = result.height;
      figure.mediaType = result.mediaType;
      figure.variants = result.variants.map((v) => {
        const path = `/articles/${article.slug}/figures/${v.name}`;
        files.set(path.slice(1), { type: result.mediaType, data: v.data });
        bytes.set(path, v.data);
        return { width: v.width, height: v.height, path };
      });
    }
    progress(`figures ${article.slug}: ${figures.length}`);
  }
  if (problems.length > 0) throw new ContentError(problems);
  madeBefore = made;
  keepFigureBytes(bytes);
  return files;
}

async function variantsOf(source: Buffer, file: string): Promise<Made> {
  // Loaded only when an image is made: a site without figures (or a rebuild in the dev server) never needs sharp, whose loading is a sixth of a second.
  const { default: sharp } = await import("sharp");
  const ext = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
  const format = formats[ext]!;
  const meta = await sharp(source).metadata();
  const formatOf: Record<string, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };
  if (formatOf[meta.format] !== format.mediaType) throw new Error(`the file holds ${meta.format ?? "no known"} data, not ${ext}`);
  // EXIF orientations 5 to 8 turn the image a quarter: its displayed width is its stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  const stem = file.slice(0, file.lastIndexOf("."));
  const variants = await Promise.all(
    variantWidths(width).map(async (w) => {
      const { data, info } = await format.encode(sharp(source).rotate().resize({ width: w, withoutEnlargement: true }), meta).toBuffer({ resolveWithObject: true });
      const hash = createHash("sha256").update(data).digest("hex").slice(0, 10);
      return { width: info.width, height: info.height, name: `${stem}-${info.width}.${hash}.${ext}`, data: new Uint8Array(data) };
    }),
  );
  return { width, height, mediaType: format.mediaType, variants };
}
