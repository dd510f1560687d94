/**
 * Conditional requests (RFC 9110 §13). If-None-Match uses the weak comparison, accepts lists
 * and `*`; If-Modified-Since is read only when If-None-Match is absent. Malformed values never
 * fail a request: they simply don't match.
 */

/** True when the client's copy is current and the answer is 304 Not Modified. */
export function notModified(headers: Headers, etag: string, modified: string): boolean {
  const inm = headers.get("If-None-Match");
  if (inm !== null) return etagListMatches(inm, etag, "weak");
  const ims = headers.get("If-Modified-Since");
  if (ims === null) return false;
  const since = parseHttpDate(ims);
  if (since === undefined) return false;
  return Math.floor(Date.parse(modified) / 1000) <= Math.floor(since / 1000);
}

/** Does any entity tag in `list` (or `*`) match `etag`? */
export function etagListMatches(list: string, etag: string, comparison: "weak" | "strong"): boolean {
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

/** IMF-fixdate, RFC 850 and asctime forms (RFC 9110 §5.6.7); undefined when unreadable. */
export function parseHttpDate(value: string): number | undefined {
  if (value.length > 64 || !/^[A-Za-z]{3},? ?\s*[\w -]+:\d\d:\d\d( GMT)?|^[A-Za-z]{3} [A-Za-z]{3}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO instant → IMF-fixdate ("Sat, 28 Nov 2026 00:00:00 GMT"). */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
