/**
 * Everything a card's pixels and PNG bytes depend on besides its SVG: resvg's options, the
 * fonts it is given, resvg's version, how the card is put together from parts, the PNG encoder
 * and zlib. Its own module, without
 * resvg itself, so that the card cache can key on it in a thread that never renders.
 *
 * resvg draws text only with fonts it is given: Source Serif 4 (SIL OFL) from an npm package,
 * never the system's fonts, so the image does not depend on what fonts a machine has.
 */
import type { ResvgRenderOptions } from "@resvg/resvg-js";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pngEncoderVersion } from "./png.ts";

const require = createRequire(import.meta.url);
const fontDir = dirname(require.resolve("@expo-google-fonts/source-serif-4/package.json"));

export const fontFamily = "Source Serif 4";

export const renderOptions: ResvgRenderOptions = {
  font: {
    fontFiles: ["400Regular/SourceSerif4_400Regular.ttf", "400Regular_Italic/SourceSerif4_400Regular_Italic.ttf", "600SemiBold/SourceSerif4_600SemiBold.ttf"].map((f) => join(fontDir, f)),
    loadSystemFonts: false,
    defaultFontFamily: fontFamily,
  },
  textRendering: 2, // geometricPrecision: no hinting, so widths scale with the size
  shapeRendering: 2,
};

/**
 * Names the way a card is put together from separately rendered parts (compose.ts), for the
 * card cache's key: change it with anything there that could change a pixel.
 */
export const composeVersion = "block-on-background-1";

/** Names the renderer for the card cache's key: a change to any part of it misses. */
export function rendererKey(): string {
  const fonts = createHash("sha256");
  for (const file of renderOptions.font?.fontFiles ?? []) fonts.update(readFileSync(file));
  return JSON.stringify({
    resvg: (require("@resvg/resvg-js/package.json") as { version: string }).version,
    options: { ...renderOptions, font: { ...renderOptions.font, fontFiles: fonts.digest("hex") } },
    compose: composeVersion,
    encoder: pngEncoderVersion,
    zlib: process.versions.zlib,
  });
}
