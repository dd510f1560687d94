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
 * 2. The block of text that differs (title, rule, source, label) is laid out on its own, and
 *    resvg's bounding box of its outlines, which holds every pixel they touch once widened to
 *    whole pixels, is widened by one pixel more. Only that rectangle is rendered, on the paper
 *    colour, by cropping the view to it: a crop by whole pixels moves every outline by a whole
 *    number of pixels, which leaves each pixel's coverage as it is.
 * 3. The PNG encoder takes the card row by row: the background's rows (a row the same as the
 *    one above only copied), and in the rows the rectangle crosses only its columns, the rest
 *    of such a row being paper, as in the row above.
 *
 * Where the block's rectangle would reach the band or the imprint (a title of stacked
 * combining marks, say), the whole card is rendered, as before.
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

/** The card as PNG, and the rectangle that was rendered for it, or undefined when the whole card was. */
export function composeCard(text: CardText, layout: Layout, parts: CardParts = cardParts(text, layout)): { png: Uint8Array; block: Rectangle | undefined } {
  const { width, height } = layout;
  const whole = () => ({ png: svgToPng(partsSvg(parts)), block: undefined });
  const block = new Resvg(`${parts.open}\n${parts.block}\n</svg>`, { ...renderOptions, background: colors.paper });
  const box = block.getBBox();
  if (!box) return whole();
  const left = Math.max(0, Math.floor(box.x) - 1);
  const right = Math.min(width, Math.ceil(box.x + box.width) + 1);
  const top = Math.max(0, Math.floor(box.y) - 1);
  const bottom = Math.min(height, Math.ceil(box.y + box.height) + 1);
  const bg = background(text, layout);
  if (right <= left || bottom <= top || bg.inked.some(([from, to]) => top < to && from < bottom)) return whole();

  box.x = left;
  box.y = top;
  box.width = right - left;
  box.height = bottom - top;
  block.cropByBBox(box);
  const image = block.render();
  if (image.width !== right - left || image.height !== bottom - top) return whole();
  const inner = image.pixels;

  const stride = width * 4;
  const innerStride = (right - left) * 4;
  const nothing = new Uint8Array(0);
  const png = encodeIndexedRows(width, height, (y): PngRow => {
    const row = bg.pixels.subarray(y * stride, (y + 1) * stride);
    if (y < top || y > bottom) return bg.sameAsAbove[y] === 1 ? { from: 0, to: 0, pixels: nothing } : row; // rows y and y - 1 both of the background
    if (y === bottom) return row;
    const own = inner.subarray((y - top) * innerStride, (y - top + 1) * innerStride);
    if (y > top) return { from: left, to: right, pixels: own }; // the rest of the row is paper, as in the row above
    const out = Buffer.from(row); // the block's first row, whole: the row above may be the band's
    own.copy(out, left * 4);
    return out;
  });
  return png ? { png, block: { left, top, right, bottom } } : whole();
}
