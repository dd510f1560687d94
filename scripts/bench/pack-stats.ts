/** The pack table of a built output (src/build/packs.ts), for the scale rows. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { indexPacks, type PackTable } from "../../src/model/assets.ts";
import { spread } from "./util.ts";

export interface PackStats {
  packs: number;
  files: number;
  /** dist/packs.json, bytes. */
  tableBytes: number;
  /** JSON.parse of the whole table and its index (indexPacks), ms: what the worker would pay if it read the table whole, median of 5 in Node. */
  parseMs: number;
  largestPackBytes: number;
}

/** The pack table of a built output, and how long it takes to read. */
export function packStats(dist: string): PackStats {
  const text = readFileSync(join(dist, "packs.json"), "utf8");
  const times: number[] = [];
  let table: PackTable | undefined;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    table = JSON.parse(text) as PackTable;
    indexPacks(table);
    times.push(performance.now() - t);
  }
  return { packs: table!.packs.length, files: table!.path.length, tableBytes: Buffer.byteLength(text), parseMs: spread(times).median, largestPackBytes: Math.max(0, ...table!.packs) };
}

