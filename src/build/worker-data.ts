/**
 * dist/worker-data.js: what the worker bundles of the build's output, as JSON text in string
 * literals, which the worker parses with JSON.parse (src/worker/data.ts):
 *   catalog     dist/catalog.json, parsed at start-up
 *   siteRecord  the pack table's record of site-wide outputs, parsed at start-up (every page's
 *               first response reads it)
 *   packTable   the rest of dist/packs.json (where each built file is), parsed on the first
 *               lookup of a built file or an article's model
 * Why text: a JSON import becomes a JavaScript object literal in the bundle, and V8 compiles
 * a literal of megabytes more slowly than JSON.parse reads the same text (10,000 articles make
 * about 5 MiB of catalog and 5 MiB of pack table). A string literal is the one form that both
 * wrangler's bundler and the test runner's take as it is. dist/worker-data.d.ts types it.
 */
import type { PackTable } from "../model/assets.ts";
import type { OutputFiles } from "./output.ts";

const text = (files: OutputFiles, name: string): string => {
  const data = files.get(name);
  if (data === undefined) throw new Error(`the build made no ${name}, which the worker bundles`);
  return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
};

/** The module's source from catalog.json and packs.json as they are in `files`. */
export function workerDataModule(catalogJson: string, packsJson: string): string {
  const { site, ...table } = JSON.parse(packsJson) as PackTable;
  const lines = [
    "// Made by the build (src/build/worker-data.ts): JSON text, parsed by src/worker/data.ts.",
    `export const catalog = ${JSON.stringify(catalogJson)};`,
    `export const siteRecord = ${JSON.stringify(JSON.stringify(site))};`,
    `export const packTable = ${JSON.stringify(JSON.stringify(table))};`,
  ];
  return `${lines.join("\n")}\n`;
}

export const workerDataTypes = `// Made by the build (src/build/worker-data.ts).
/** dist/catalog.json as text. */
export declare const catalog: string;
/** The pack table's \`site\` record as text. */
export declare const siteRecord: string;
/** dist/packs.json without its \`site\` record, as text. */
export declare const packTable: string;
`;

/** Adds worker-data.js and worker-data.d.ts to the output (after the packing step wrote packs.json). */
export function addWorkerData(files: OutputFiles): void {
  files.set("worker-data.js", workerDataModule(text(files, "catalog.json"), text(files, "packs.json")));
  files.set("worker-data.d.ts", workerDataTypes);
}
