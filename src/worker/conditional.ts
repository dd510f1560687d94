/**
 * Preconditions of a GET or HEAD (RFC 9110 §13.2.2), in the order the RFC gives:
 *   1. If-Match (strong comparison): false → 412;
 *   2. else If-Unmodified-Since: modified after the date → 412;
 *   3. If-None-Match (weak comparison): a match → 304;
 *   4. else If-Modified-Since: not modified since the date → 304;
 *   5. then Range and If-Range (range.ts).
 * Dates are read only when the build recorded when the bytes last changed. Malformed values
 * never fail a request: an unreadable date is ignored, an unreadable entity tag matches nothing.
 */

/** 200 to go on, 304 Not Modified, or 412 Precondition Failed. */
export function preconditions(headers: Headers, etag: string, modified: number | undefined): 200 | 304 | 412 {
  const im = headers.get("If-Match");
  if (im !== null) {
    if (!etagListMatches(im, etag, "strong")) return 412;
  } else if (modified !== undefined) {
    const ius = headers.get("If-Unmodified-Since");
    const since = ius === null ? undefined : parseHttpDate(ius);
    if (since !== undefined && modified > since) return 412;
  }
  const inm = headers.get("If-None-Match");
  if (inm !== null) return etagListMatches(inm, etag, "weak") ? 304 : 200;
  if (modified === undefined) return 200;
  const ims = headers.get("If-Modified-Since");
  if (ims === null) return 200;
  const since = parseHttpDate(ims);
  return since !== undefined && modified <= since ? 304 : 200;
}

/** Does any entity tag in `list` (or `*`) match `etag`? */
export function etagListMatches(list: string, etag: string, comparison: "weak" | "strong"): boolean {
  if (list === etag) return comparison === "weak" || !etag.startsWith("W/"); // the common case, without splitting
  if (list.trim() === "*") return true;
  const opaque = (tag: string) => tag.replace(/^W\//, "");
  for (const raw of list.split(",")) {
    const tag = raw.trim();
    if (!/^(W\/)?"[^"]*"$/.test(tag)) continue;
    if (comparison === "strong" && (tag.startsWith("W/") || etag.startsWith("W/"))) continue;
    if (opaque(tag) === opaque(etag)) return true;
  }
  return false;
}

/** IMF-fixdate, RFC 850 and asctime forms (RFC 9110 §5.6.7), in whole seconds; undefined when unreadable. */
export function parseHttpDate(value: string): number | undefined {
  if (value.length > 64 || !/^[A-Za-z]{3},? ?\s*[\w -]+:\d\d:\d\d( GMT)?|^[A-Za-z]{3} [A-Za-z]{3}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** ISO instant → IMF-fixdate ("Sat, 28 Nov 2026 00:00:00 GMT"). */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
