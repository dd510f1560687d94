/** The shape of one benchmark run, saved as bench/results.json and rendered into BENCHMARKS.md. */
import type { EpubRow } from "./epub-vs-pandoc.ts";
import type { Size } from "./bundle-size.ts";
import type { Spread } from "./util.ts";

export interface LoadFigures {
  rps: Spread;
  p50: Spread;
  p99: Spread;
  errors: number;
}

export interface RouteRow {
  name: string;
  path: string;
  status: number;
  bytes: number;
  folio: LoadFigures;
  baseline: LoadFigures;
  ratio: Spread;
  /** EPUB only: the same file served by the disk service directly (no worker in front). */
  direct?: LoadFigures;
  ratioDirect?: Spread;
}

export interface IsolateRow {
  name: string;
  status: number;
  us: Spread;
  constantUs: Spread;
  ratio: Spread;
  firstMs: number;
}

export interface ScaleRow {
  articles: number;
  /** Cold builds: the card cache emptied first. */
  buildS: Spread;
  /** One more build right after, nothing changed (the card cache full). */
  warmBuildS?: number;
  /** The oldest article, whose model the worker reads from the assets when it is not bundled. */
  oldSlug?: string;
  oldUs?: Spread;
  oldFirstMs?: number;
  /** stderr lines the build printed while running (its progress). */
  progressLines: number;
  modelBytes: number;
  bundle: Size;
  startupMs?: Spread;
  articleUs?: Spread;
  articleConstantUs?: Spread;
  indexUs?: Spread;
  indexFirstMs?: number;
  indexBytes?: number;
  articleBytes?: number;
  rps?: Spread;
  baselineRps?: Spread;
  ratio?: Spread;
}

export interface Results {
  date: string;
  quick: boolean;
  minutes: number;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; loadStart: number[]; loadEnd: number[] };
  versions: Record<string, string>;
  settings: {
    wrk: { threads: number; connections: number; seconds: number; reps: number; warmupSeconds: number };
    isolate: { ms: number; batch: number; runs: number };
    startupRuns: number;
    buildReps: number;
    buildReps1000: number;
    epubReps: number;
    sizes: number[];
  };
  skipped: string[];
  notes: string[];
  seedSlug: string;
  /** sha256 (12 hex digits) of the src/ the run measured, copied at its start. */
  codeFingerprint: string;
  bundle?: { total: Size; code: Size; wrangler: string; codeWrangler: string; modelBytes: number };
  startup?: { name: string; ms: Spread }[];
  routes?: RouteRow[];
  isolate?: IsolateRow[];
  epub?: EpubRow[];
  /** `pandoc --version`: the process start-up inside each pandoc figure. */
  pandocStartMs?: Spread;
  scale: ScaleRow[];
}
