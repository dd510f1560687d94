/**
 * What the worker bundles of the build's output, as JSON text in string literals, which the
 * worker parses with JSON.parse (src/worker/data.ts):
 *   dist/worker-catalog.js  catalog     dist/catalog.json, parsed at start-up
 *                           siteRecord  the pack table's record of site-wide outputs, parsed at
 *                                       start-up (every page's first response reads it)
 *   dist/worker-packs.js    packTable   the rest of dist/packs.json (where each built file is),
 *                                       parsed on the first lookup of a built file or model
 * Why text: a JSON import becomes a JavaScript object literal in the bundle, and V8 compiles a
 * literal of megabytes more slowly than JSON.parse reads the same text (10,000 articles make
 * about 5 MiB of catalog and 5 MiB of pack table). A string literal is the one form that both
 * wrangler's bundler and the test runner's take as it is; single-quoted, so that the JSON's
 * own double quotes need no escape. Two modules, because the test runner sends each module to
 * workerd in one WebSocket message, which has a size limit. Each has a .d.ts beside it.
 */
import type { PackTable } from "../model/assets.ts";
import type { OutputFiles } from "./output.ts";

const text = (files: OutputFiles, name: string): string => {
  const data = files.get(name);
  if (data === undefined) throw new Error(`the build made no ${name}, which the worker bundles`);
  return typeof data === "string" ? data : Buffer.from(data).toString("utf8");
};

/** JSON text as a single-quoted JavaScript string literal (JSON text has no raw line breaks but U+2028 and U+2029). */
export function jsString(json: string): string {
  return `'${json.replace(/[\\']/g, "\\$&").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")}'`;
}

const header = "// Made by the build (src/build/worker-data.ts): JSON text, parsed by src/worker/data.ts.";

/** The two modules' sources, by file name, from catalog.json and packs.json. */
export function workerDataModules(catalogJson: string, packsJson: string): Map<string, string> {
  const { site, ...table } = JSON.parse(packsJson) as PackTable;
  return new Map([
    ["worker-catalog.js", `${header}\nexport const catalog = ${jsString(catalogJson)};\nexport const siteRecord = ${jsString(JSON.stringify(site))};\n`],
    ["worker-catalog.d.ts", `${header}\n/** dist/catalog.json as text. */\nexport declare const catalog: string;\n/** The pack table's \`site\` record as text. */\nexport declare const siteRecord: string;\n`],
    ["worker-packs.js", `${header}\nexport const packTable = ${jsString(JSON.stringify(table))};\n`],
    ["worker-packs.d.ts", `${header}\n/** dist/packs.json without its \`site\` record, as text. */\nexport declare const packTable: string;\n`],
  ]);
}

/** Adds the modules to the output (after the packing step wrote packs.json). */
export function addWorkerData(files: OutputFiles): void {
  for (const [name, source] of workerDataModules(text(files, "catalog.json"), text(files, "packs.json"))) files.set(name, source);
}
