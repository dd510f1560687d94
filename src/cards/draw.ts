/**
 * The cover of the EPUB (1600×2400, 2:3) and the Open Graph image of the web page (1200×630),
 * drawn as SVG from the title, the original's publisher and the words "annotated edition",
 * rasterized with resvg as renderer.ts sets it up, and written as PNG by png.ts (resvg's own
 * encoder only for a picture png.ts declines). The card threads do not render the whole card:
 * compose.ts renders only the block of text and lays it onto a background rendered once, for
 * the same bytes as `svgToPng(cardSvg(…))` here.
 *
 * The same resvg build and zlib give the same bytes (the tests check two runs and two time
 * zones). Glyphs the font lacks (CJK, emoji) are left out of the image; the title stays in
 * the book.
 */
import { Resvg, type RenderedImage } from "@resvg/resvg-js";
import { escape } from "../render/escape.ts";
import { encodeIndexedPng } from "./png.ts";
import { fontFamily as family, renderOptions } from "./renderer.ts";

export const colors = { paper: "#f3eee3", ink: "#1d1d1b", accent: "#7a1f1f", muted: "#5a554c" };

export interface CardText {
  title: string;
  /** The original's publisher, e.g. "The Diplomat". */
  source: string;
  /** The site's name, shown small as the imprint. */
  site: string;
}

export interface Layout {
  width: number;
  height: number;
  margin: number;
  /** Top of the title's first line. */
  titleTop: number;
  titleSizes: [max: number, min: number];
  sourceSize: number;
  labelSize: number;
  siteSize: number;
  band: number;
}

const cover: Layout = { width: 1600, height: 2400, margin: 150, titleTop: 520, titleSizes: [150, 72], sourceSize: 84, labelSize: 60, siteSize: 52, band: 70 };
const og: Layout = { width: 1200, height: 630, margin: 72, titleTop: 100, titleSizes: [78, 36], sourceSize: 38, labelSize: 28, siteSize: 24, band: 18 };

const lineHeight = 1.12;
/** Everything under the title, from the end of its last line: the rule, the source and the label. */
const below = (l: Layout, size: number) => size * 0.55 + l.sourceSize * 1.45 + l.labelSize * 1.5;
const siteBaseline = (l: Layout) => l.height - l.margin * 0.75;
const titleRoom = (l: Layout, size: number) => siteBaseline(l) - l.siteSize * 2 - below(l, size) - l.titleTop;

/**
 * What the font can draw: Source Serif 4 has Latin, Greek and Cyrillic. Other scripts and
 * emoji would come out as empty boxes, so they are left out of the image.
 */
export function drawable(text: string): string {
  return text
    .replace(/\p{Extended_Pictographic}|[\u200D\uFE0E\uFE0F]|[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A piece of text's outline box in the title font at 100 px, with its baseline at y = 150, as
 * resvg gives it (getBBox: every point of the outlines, control points included; all four are
 * 32-bit floats). Kept for every text measured, by index into one array of floats: fitTitle
 * measures many, and compose.ts takes the box of each line it keeps from here.
 */
const measured = new Map<string, number>();
let boxes100 = new Float32Array(4 * 1024);

function box100(text: string): number {
  let at = measured.get(text);
  if (at === undefined) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="200"><text x="0" y="150" font-family="${family}" font-weight="600" font-size="100">${escape(text)}</text></svg>`;
    const box = new Resvg(svg, renderOptions).getBBox();
    at = measured.size * 4;
    if (at === boxes100.length) {
      const more = new Float32Array(boxes100.length * 2);
      more.set(boxes100);
      boxes100 = more;
    }
    boxes100.set(box ? [box.x, box.y, box.width, box.height] : [Number.NaN, Number.NaN, 0, 0], at);
    measured.set(text, at);
  }
  return at;
}

/** Width of a line of text in the title font at 100 px, from the outline's bounding box. */
function width100(text: string): number {
  const at = box100(text); // first: it may put a larger array in `boxes100`
  return boxes100[at + 2]!;
}

/** Greedy line breaking at spaces; a word wider than a line is broken between characters. */
function wrap(words: string[], size: number, max: number): string[] {
  const fits = (s: string) => (width100(s) * size) / 100 <= max;
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && fits(`${last} ${word}`)) lines[lines.length - 1] = `${last} ${word}`;
    else if (fits(word)) lines.push(word);
    else {
      let piece = "";
      for (const ch of word) {
        if (piece !== "" && !fits(piece + ch)) {
          lines.push(piece);
          piece = "";
        }
        piece += ch;
      }
      lines.push(piece);
    }
  }
  return lines;
}

/** The largest size at which the whole title fits; at the smallest, it is cut with "…". */
export function fitTitle(title: string, layout: Layout): { size: number; lines: string[] } {
  const words = drawable(title).split(" ").filter(Boolean);
  const max = layout.width - 2 * layout.margin;
  const [largest, smallest] = layout.titleSizes;
  for (let size = largest; size > smallest; size -= 2) {
    if (!words.every((w) => (width100(w) * size) / 100 <= max)) continue; // break words only at the smallest size
    const lines = wrap(words, size, max);
    if (lines.length * size * lineHeight <= titleRoom(layout, size)) return { size, lines };
  }
  const room = Math.max(1, Math.floor(titleRoom(layout, smallest) / (smallest * lineHeight)));
  const lines = wrap(words, smallest, max);
  if (lines.length > room) {
    lines.length = room;
    let last = `${lines[room - 1]!}…`;
    while (last.length > 1 && (width100(last) * smallest) / 100 > max) last = `${[...last].slice(0, -2).join("").trimEnd()}…`;
    lines[room - 1] = last;
  }
  return { size: smallest, lines };
}

/** A rectangle of the card, [x, x + width) × [y, y + height), in pixels, not whole ones. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One of the things the block of text draws: a line of the title, the rule, the source or the
 * label, as an SVG element of its own, and the box of its outlines where the card draws it:
 * resvg's bounding box of every point of them (control points included), undefined for an
 * element that draws nothing. The boxes of text are measured elsewhere (a line of the title at
 * 100 px, the source and the label at another height) and moved and scaled here: with hinting
 * off an outline scales and moves with its text, to within the rounding of 32-bit floats
 * (cards-compose.test.ts checks each box against the element measured where it is drawn).
 */
export interface BlockElement {
  svg: string;
  box: Box | undefined;
}

/**
 * The card's SVG in its parts, which `cardSvg` joins: the SVG element's opening tag, the paper, the band at the top, the block of text that differs between articles (the
 * title, the rule under it, the source and the label) and the imprint at the foot.
 * compose.ts renders the parts that every card of a site shares once per thread, and of the
 * block only the rectangles round its elements.
 */
export interface CardParts {
  open: string;
  paper: string;
  band: string;
  block: string;
  imprint: string;
  /** What the block draws, element by element: the title's lines, the rule, the source, the label. */
  elements: BlockElement[];
}

const sourceSvg = (l: Layout, y: string, source: string) =>
  `<text x="${l.margin}" y="${y}" font-family="${family}" font-style="italic" font-size="${l.sourceSize}" fill="${colors.ink}">${escape(drawable(source))}</text>`;
const labelSvg = (l: Layout, y: string) =>
  `<text x="${l.margin}" y="${y}" font-family="${family}" font-size="${l.labelSize}" letter-spacing="${(l.labelSize * 0.12).toFixed(1)}" fill="${colors.accent}">ANNOTATED EDITION</text>`;

/** Boxes of a source or the label with its baseline at y = 0, by what the element draws; a site has few sources. */
const elementBoxes = new Map<string, Box | undefined>();
const maxElementBoxes = 256;

/** The box of an element drawn by `svg(y)` with its baseline at y (as written in the card: one decimal). */
function movedBox(l: Layout, svg: (y: string) => string, y: string): Box | undefined {
  const key = svg("0");
  let box: Box | undefined;
  if (elementBoxes.has(key)) box = elementBoxes.get(key);
  else {
    const found = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}">${key}</svg>`, renderOptions).getBBox();
    box = found && { x: found.x, y: found.y, width: found.width, height: found.height };
    if (elementBoxes.size >= maxElementBoxes) elementBoxes.delete(elementBoxes.keys().next().value!);
    elementBoxes.set(key, box);
  }
  return box && { ...box, y: box.y + Number(y) };
}

export function cardParts(text: CardText, layout: Layout): CardParts {
  const { width, height, margin } = layout;
  const { size, lines } = fitTitle(text.title, layout);
  const titleEnd = layout.titleTop + lines.length * size * lineHeight;
  const rule = titleEnd + size * 0.55;
  const sourceY = rule + layout.sourceSize * 1.45;
  const labelY = sourceY + layout.labelSize * 1.5;
  const baselines = lines.map((_, i) => (layout.titleTop + size * (1 + i * lineHeight)).toFixed(1));
  const tspans = lines.map((l, i) => `<tspan x="${margin}" y="${baselines[i]}">${escape(l)}</tspan>`);
  const titleOpen = `<text font-family="${family}" font-weight="600" font-size="${size}" fill="${colors.ink}">`;
  const ruleBox = { x: margin, y: rule.toFixed(1), width: (size * 1.6).toFixed(1), height: Math.max(3, size / 18).toFixed(1) };
  const ruleSvg = `<rect x="${ruleBox.x}" y="${ruleBox.y}" width="${ruleBox.width}" height="${ruleBox.height}" fill="${colors.accent}"/>`;
  const source = sourceSvg(layout, sourceY.toFixed(1), text.source);
  const label = labelSvg(layout, labelY.toFixed(1));
  const scale = size / 100;
  const elements: BlockElement[] = lines.map((line, i) => {
    const at = box100(line);
    const [x, y, w, h] = boxes100.subarray(at, at + 4);
    const box = Number.isNaN(x) ? undefined : { x: margin + x! * scale, y: Number(baselines[i]) + (y! - 150) * scale, width: w! * scale, height: h! * scale };
    return { svg: `${titleOpen}${tspans[i]}</text>`, box };
  });
  elements.push(
    { svg: ruleSvg, box: { x: ruleBox.x, y: Number(ruleBox.y), width: Number(ruleBox.width), height: Number(ruleBox.height) } },
    { svg: source, box: movedBox(layout, (y) => sourceSvg(layout, y, text.source), sourceY.toFixed(1)) },
    { svg: label, box: movedBox(layout, (y) => labelSvg(layout, y), labelY.toFixed(1)) },
  );
  return {
    open: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    paper: `<rect width="${width}" height="${height}" fill="${colors.paper}"/>`,
    band: `<rect width="${width}" height="${layout.band}" fill="${colors.accent}"/>`,
    block: `${titleOpen}${tspans.join("")}</text>\n${ruleSvg}\n${source}\n${label}`,
    imprint: `<text x="${margin}" y="${siteBaseline(layout)}" font-family="${family}" font-weight="600" font-size="${layout.siteSize}" letter-spacing="${(layout.siteSize * 0.2).toFixed(1)}" fill="${colors.muted}">${escape(drawable(text.site).toUpperCase())}</text>`,
    elements,
  };
}

/** The whole card's SVG from its parts. */
export function partsSvg(p: CardParts): string {
  return `${p.open}\n${p.paper}\n${p.band}\n${p.block}\n${p.imprint}\n</svg>`;
}

export function cardSvg(text: CardText, layout: Layout): string {
  return partsSvg(cardParts(text, layout));
}

/** A card's SVG as pixels, with the fonts above and no others. */
export function rasterize(svg: string): RenderedImage {
  return new Resvg(svg, renderOptions).render();
}

/** A card's SVG as PNG. */
export function svgToPng(svg: string): Uint8Array {
  const image = rasterize(svg);
  return encodeIndexedPng(image.pixels, image.width, image.height) ?? new Uint8Array(image.asPng());
}

/** The EPUB cover, 1600×2400, rendered whole: the reference that compose.ts, which the build uses, is tested against. */
export function coverPng(text: CardText): Uint8Array {
  return svgToPng(cardSvg(text, cover));
}

/** The Open Graph image of the article page, 1200×630, rendered whole (as `coverPng`). */
export function ogImagePng(text: CardText): Uint8Array {
  return svgToPng(cardSvg(text, og));
}

export const layouts = { cover, og };
export type LayoutName = keyof typeof layouts;
