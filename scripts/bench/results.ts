/** The shape of one benchmark run, saved as bench/results.json and rendered into BENCHMARKS.md. */
import type { EpubRow } from "./epub-vs-pandoc.ts";
import type { Size } from "./bundle-size.ts";
import type { PackStats } from "./pack-stats.ts";
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
  /** "200": the plain GET; "304": the same path with If-None-Match of its own ETag. */
  kind: "200" | "304";
  status: number;
  bytes: number;
  /** Names of the response headers Folio sent (the baseline sends the same), and their total size in bytes. */
  headerNames?: string[];
  headerBytes?: number;
  folio: LoadFigures;
  /** A constant worker sending Folio's captured status, headers and body for this request. */
  baseline: LoadFigures;
  ratio: Spread;
  /** 304 rows: a constant worker's 304 that carries only an ETag. */
  etagOnly?: LoadFigures;
  ratioEtagOnly?: Spread;
  /** EPUB only: the same file served by the disk service directly (no worker in front). */
  direct?: LoadFigures;
  ratioDirect?: Spread;
}

/**
 * The load run of `npm run test:conformance` (scripts/conformance/load.ts) against `wrangler
 * dev`, taken by the benchmark run from the file that run wrote (`source`), as it was.
 */
export interface ConformanceLoad {
  source: string;
  date: string;
  target: string;
  durationSeconds: number;
  connections: number;
  threads: number;
  routes: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  socketErrors: Record<string, number>;
  non2xxOr3xx: number;
  warmup: { seconds: number; rssKiB: { start: number; end: number } };
  memoryKiB: { start: number; end: number; max: number };
}

/** One row of the dev loop (issue 11): an edit saved → the open page shows it. */
export interface DevLoopRow {
  articles: number;
  /** Save to the page showing the edit, ms. */
  totalMs: Spread;
  /** Where the time goes, where measured. */
  buildMs?: Spread;
  bundleMs?: Spread;
  reloadMs?: Spread;
  /** How many times wrangler reported reloading the worker (a re-bundle or restart) over the rounds. */
  restarts?: number;
}

/**
 * One row of the cost of a change (issue 16), scripts/bench/incremental.ts: a cold build, the
 * build after one note changed, and edit → page in dev, on one corpus. Rows may be measured by
 * a run of their own and merged into a results file, so each says when and on which code.
 */
export interface ChangeCostRow {
  articles: number;
  date: string;
  /** As Results.codeFingerprint, of the code this row measured. */
  codeFingerprint: string;
  /** No cache, no previous output. */
  coldMs: Spread;
  /** GNU time's maximum resident set of the build process, KiB. */
  coldRssKiB: Spread;
  /** One note's body changed, warm cache, previous output in place. */
  oneNoteMs: Spread;
  oneNoteRssKiB: Spread;
  /** Edit → page through `npm run dev`, on the same project. */
  dev?: DevLoopRow;
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
  /** Files under dist/assets (what Workers Static Assets would upload) and their total bytes. */
  assetFiles?: number;
  assetBytes?: number;
  /** The largest single asset file, bytes. */
  largestAssetBytes?: number;
  /** The pack table (src/build/packs.ts): packs, logical files, its bytes and parse time. */
  pack?: PackStats;
  /** Routes of scale-routes.ts beyond the index and the articles (tag, search, …), as measured. */
  routes?: { name: string; path: string; paged: boolean; status: number; bytes: number; firstMs: number; us?: Spread }[];
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

/**
 * The cards two ways in one run (scripts/bench/cards.ts): each article's cover and OG image
 * rendered whole, as before, and as the build makes them now (src/cards/compose.ts).
 */
export interface CardsBench {
  /** When it was measured (the rest of a results file may be older), and the 1-minute load average before and after. */
  date: string;
  load: [number, number];
  articlesPerRound: number;
  rounds: number;
  /** Width and height of the cover and of the OG image. */
  cover: [number, number];
  og: [number, number];
  /** Per article (cover and OG image), one thread: CPU ms and wall ms, the median of the rounds. */
  oldCpuMs: Spread;
  newCpuMs: Spread;
  oldWallMs: Spread;
  newWallMs: Spread;
  /** Old CPU time over new, within each round. */
  ratio: Spread;
  /** PNGs the new way made, compared with the old way's PNG of the same card. */
  compared: number;
  identical: number;
  /** Over the PNGs that were not identical: pixels that differ, and the largest difference of one channel (0–255). */
  differingPixels: number;
  maxChannelDiff: number;
  /** PNG bytes of an article's two cards, the mean over the compared articles (the same titles both ways). */
  oldBytesPerArticle: number;
  newBytesPerArticle: number;
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
  /** The synthetic corpora as generated: words and annotations per article (min and max over all sizes). */
  corpus?: { words: { min: number; max: number }; annotations: { min: number; max: number } };
  /** Copied by the run from the conformance suite's load file, when there is one. */
  load?: ConformanceLoad;
  devLoop?: DevLoopRow[];
  /** The cost of a change (issue 16), scripts/bench/incremental.ts. */
  changeCost?: ChangeCostRow[];
  cards?: CardsBench;
}
