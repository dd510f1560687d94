/**
 * What the build recorded about each output the worker serves, keyed by URL path: its media
 * type, size, strong ETag (sha256 of the bytes) and the instant its bytes last changed, which
 * is carried from build to build while the bytes stay the same (src/build/validators.ts).
 */
export interface Recorded {
  type: string;
  size: number;
  etag: string;
  /** ISO instant, whole seconds: the build that first made these bytes (set by the validators step). */
  modified?: string;
}

/**
 * dist/assets.json, bundled into the worker: the built files (EPUBs, covers), the site-wide
 * outputs (index, feeds, …) and the pages of the newest articles (those bundled in full).
 * Every article's own pages are also recorded beside its model (`validatorsPath`), so the
 * bundle does not grow with the older ones.
 */
export type AssetManifest = Record<string, Recorded>;

/** Where the record of an article's own rendered outputs is stored among the static assets. */
export function validatorsPath(slug: string): string {
  return `/_model/${slug}.validators.json`;
}
