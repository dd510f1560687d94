/**
 * A card's PNG made by rendering only what differs between articles, with the same bytes as
 * rendering the whole card (draw.ts's `svgToPng(cardSvg(…))`; cards-compose.test.ts compares
 * them on many titles).
 *
 * Most of a card's cost is resvg's, and resvg's cost grows with the canvas, whatever is drawn
 * on it: an empty 1600×2400 canvas costs nearly as much as a whole cover. Most of a cover is the
 * same on every card of a site: the paper, the band at the top and the imprint at the foot. So:
 *
 * 1. That background is rendered once per thread, for each layout and site name.
 * 2. The block of text that differs (title, rule, source, label) is parsed once, and of it only
 *    rectangles round its elements are rendered, on the paper colour, by cropping the view of
 *    the whole block to each: a rectangle round each line of the title, the rule, the source
 *    and the label, from the boxes of their outlines (draw.ts's `elements`), widened to whole
 *    pixels and by two more; rectangles that share a row are merged into one round them all (a
 *    descender reaching into the next line's rectangle, say). A crop by whole pixels moves
 *    every outline by a whole number of pixels, which leaves each pixel's coverage as it is,
 *    and it draws an outline the same only if it holds the whole outline (resvg clips one that
 *    crosses the crop's edge, and clipping cuts its curves differently): so each outline lies
 *    wholly inside one rectangle and wholly above or below every other, and draws nothing there.
 *    Outside the rectangles the block draws nothing, so those pixels are the background's;
 *    a rectangle's outermost pixels are checked to be the background's too.
 * 3. The PNG encoder takes the card row by row: the background's rows (a row the same as the
 *    one above only copied), and in the rows a rectangle crosses only its columns, the rest
 *    of such a row being paper, as in the row above.
 *
 * Where a rectangle would reach the band or the imprint (a title of stacked combining marks,
 * say) or leave the card, the whole card is rendered, as before. resvg renders a rectangle at
 * a cost that grows with its area, whatever is drawn in it, so the gaps between the lines and
 * beside the short ones are not rendered at all.
 */
import { Resvg } from "@resvg/resvg-js";
import { cardParts, colors, partsSvg, svgToPng, type CardParts, type CardText, type Layout } from "./draw.ts";
import { encodeIndexedRows, type PngRow } from "./png.ts";
import { renderOptions } from "./renderer.ts";

interface Background {
  /** The whole card without its block of text, RGBA. */
  pixels: Buffer;
  /** Rows with something on them besides the paper: the band and the imprint, [from, to). */
  inked: [number, number][];
  /** 1 where row y has the same pixels as row y - 1. */
  sameAsAbove: Uint8Array;
}

/** Backgrounds by layout and site name; a build has one site, so this stays small. */
const backgrounds = new Map<string, Background>();
const maxBackgrounds = 8;

function background(text: CardText, layout: Layout): Background {
  const key = JSON.stringify([layout, text.site]);
  let found = backgrounds.get(key);
  if (found) return found;
  const parts = cardParts(text, layout);
  const pixels = new Resvg(`${parts.open}\n${parts.paper}\n${parts.band}\n${parts.imprint}\n</svg>`, renderOptions).render().pixels;
  const imprint = new Resvg(`${parts.open}\n${parts.imprint}\n</svg>`, renderOptions).getBBox();
  const inked: [number, number][] = [[0, Math.ceil(layout.band)]];
  if (imprint) inked.push([Math.floor(imprint.y) - 1, Math.ceil(imprint.y + imprint.height) + 1]);
  const stride = layout.width * 4;
  const sameAsAbove = new Uint8Array(layout.height);
  for (let y = 1; y < layout.height; y++) sameAsAbove[y] = pixels.compare(pixels, (y - 1) * stride, y * stride, y * stride, (y + 1) * stride) === 0 ? 1 : 0;
  found = { pixels, inked, sameAsAbove };
  if (backgrounds.size >= maxBackgrounds) backgrounds.delete(backgrounds.keys().next().value!);
  backgrounds.set(key, found);
  return found;
}

/** The card as PNG, the same bytes as `svgToPng(cardSvg(text, layout))`; `parts`: cardParts(text, layout), if made already. */
export function composedCardPng(text: CardText, layout: Layout, parts: CardParts = cardParts(text, layout)): Uint8Array {
  return composeCard(text, layout, parts).png;
}

/** Pixels [left, right) × [top, bottom) of the card. */
export interface Rectangle {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Whole pixels round each box, widened by two more on every side: a path's coverage never
 * leaves the whole pixels round its points, and the two spare pixels hold any rounding between
 * a box measured elsewhere and the outline where it is drawn (a few ten-thousandths of a pixel).
 */
const spare = 2;

/**
 * The rectangles to render for the block's elements, top to bottom: one round each element,
 * those that share a row merged into one round them all, so that no row crosses two rectangles
 * and each element's outline lies wholly inside one rectangle and wholly above or below every
 * other. Undefined if an element reaches outside the card.
 */
export function blockRectangles(parts: CardParts, layout: Layout): Rectangle[] | undefined {
  const rectangles: Rectangle[] = [];
  for (const { box } of parts.elements) {
    if (!box) continue;
    const r = { left: Math.floor(box.x) - spare, top: Math.floor(box.y) - spare, right: Math.ceil(box.x + box.width) + spare, bottom: Math.ceil(box.y + box.height) + spare };
    if (!(r.left >= 0 && r.top >= 0 && r.right <= layout.width && r.bottom <= layout.height)) return undefined; // NaN too
    rectangles.push(r);
  }
  rectangles.sort((a, b) => a.top - b.top);
  const merged: Rectangle[] = [];
  for (const r of rectangles) {
    const last = merged[merged.length - 1];
    if (last && r.top < last.bottom) merged[merged.length - 1] = { left: Math.min(last.left, r.left), top: last.top, right: Math.max(last.right, r.right), bottom: Math.max(last.bottom, r.bottom) };
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * resvg-js's `crop` option, which copies what was rendered into a smaller picture after
 * rendering, set so as to copy nothing: resvg-js copies only when the crop is a rectangle at
 * least a pixel wide, and a crop from 0 to 0 is not. The view is cropped before rendering
 * instead (`cropByBBox`), and the picture rendered is taken as it is, one copy of it fewer.
 */
const uncropped = { left: 0, top: 0, right: 0, bottom: 0 };

/** The card as PNG, and the rectangles that were rendered for it, or undefined when the whole card was. */
export function composeCard(text: CardText, layout: Layout, parts: CardParts = cardParts(text, layout)): { png: Uint8Array; rectangles: Rectangle[] | undefined } {
  const { width, height } = layout;
  const whole = () => ({ png: svgToPng(partsSvg(parts)), rectangles: undefined });
  const rectangles = blockRectangles(parts, layout);
  const bg = background(text, layout);
  if (!rectangles || rectangles.some((r) => bg.inked.some(([from, to]) => r.top < to && from < r.bottom))) return whole();
  const block = new Resvg(`${parts.open}\n${parts.block}\n</svg>`, { ...renderOptions, background: colors.paper, crop: uncropped });
  const crop = block.getBBox();
  // resvg's box of the whole block, a check on the boxes of its elements: it lies within the rectangles
  if (!crop || rectangles.length === 0) return whole();
  const [first, last] = [rectangles[0]!, rectangles.at(-1)!];
  if (!(crop.y >= first.top && crop.y + crop.height <= last.bottom && rectangles.some((r) => r.left <= crop.x) && rectangles.some((r) => crop.x + crop.width <= r.right))) return whole();

  const stride = width * 4;
  const images: Buffer[] = [];
  for (const r of rectangles) {
    crop.x = r.left;
    crop.y = r.top;
    crop.width = r.right - r.left;
    crop.height = r.bottom - r.top;
    block.cropByBBox(crop);
    const image = block.render();
    if (image.width !== r.right - r.left || image.height !== r.bottom - r.top) return whole();
    const pixels = image.pixels;
    if (!borderIsBackground(pixels, r, bg.pixels, stride)) return whole();
    images.push(pixels);
  }

  const nothing = new Uint8Array(0);
  let k = 0; // the first rectangle that does not end above row y
  const png = encodeIndexedRows(width, height, (y): PngRow => {
    while (k < rectangles.length && rectangles[k]!.bottom <= y) k++;
    const row = bg.pixels.subarray(y * stride, (y + 1) * stride);
    const r = rectangles[k];
    if (r && r.top <= y) {
      const innerStride = (r.right - r.left) * 4;
      const own = images[k]!.subarray((y - r.top) * innerStride, (y - r.top + 1) * innerStride);
      if (y > r.top) return { from: r.left, to: r.right, pixels: own }; // the rest of the row is paper, as in the row above
      const out = Buffer.from(row); // a rectangle's first row, whole: the row above may be the band's or another rectangle's
      own.copy(out, r.left * 4);
      return out;
    }
    if (k > 0 && rectangles[k - 1]!.bottom === y) return row; // the row above was a rectangle's
    return bg.sameAsAbove[y] === 1 ? { from: 0, to: 0, pixels: nothing } : row; // rows y and y - 1 both of the background
  });
  return png ? { png, rectangles } : whole();
}

/**
 * Whether a rendered rectangle's outermost pixels are those of the background there (paper): a
 * check that no outline was cut by its edge, which would have drawn ink there.
 */
function borderIsBackground(pixels: Buffer, r: Rectangle, background: Buffer, stride: number): boolean {
  const w = (r.right - r.left) * 4;
  const h = r.bottom - r.top;
  const at = (y: number) => y * stride + r.left * 4;
  if (pixels.compare(background, at(r.top), at(r.top) + w, 0, w) !== 0) return false;
  if (pixels.compare(background, at(r.bottom - 1), at(r.bottom - 1) + w, (h - 1) * w, h * w) !== 0) return false;
  for (let y = 1; y < h - 1; y++) {
    if (pixels.readUInt32LE(y * w) !== background.readUInt32LE(at(r.top + y))) return false;
    if (pixels.readUInt32LE((y + 1) * w - 4) !== background.readUInt32LE(at(r.top + y) + w - 4)) return false;
  }
  return true;
}
