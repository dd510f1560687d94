/**
 * A whole number with thousands separators, as toLocaleString("en") writes it, without it: the
 * first toLocaleString in an isolate builds a number formatter, about 3 ms of a first request.
 */
export const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/** "1.2 MB", "840 KB": a size as people read it (decimal units, as download sizes are usually given). */
export function humanBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** "12 articles", "One article". */
export function articleCount(n: number): string {
  return n === 1 ? "One article" : `${thousands(n)} articles`;
}
