/** What the build made, bundled into the worker: the document model and the manifest of built files. */
import type { AssetManifest } from "../model/assets.ts";
import type { Corpus } from "../model/document.ts";
import model from "../../dist/model.json";
import manifest from "../../dist/assets.json";
import articleSchema from "../../dist/article.schema.json";

export const corpus = model as unknown as Corpus;
export const assets = manifest as unknown as AssetManifest;
export const schema = articleSchema as Record<string, unknown>;
