/**
 * Byte ranges for built files (RFC 9110 §14). One range is answered with 206; several are
 * answered with the whole file (allowed: a server may ignore Range); a range that starts past
 * the end is 416. If-Range with a different validator means "send the whole new file".
 */
import { etagListMatches } from "./conditional.ts";

export type RangeDecision = { kind: "full" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

/** `lastModified` is the Last-Modified the response sends (IMF-fixdate), if any. */
export function decideRange(headers: Headers, size: number, etag: string, lastModified: string | undefined): RangeDecision {
  const range = headers.get("Range");
  if (range === null) return { kind: "full" };
  const ifRange = headers.get("If-Range");
  if (ifRange !== null && !ifRangeHolds(ifRange.trim(), etag, lastModified)) return { kind: "full" };

  const m = /^bytes\s*=\s*(.+)$/i.exec(range.trim());
  if (!m) return { kind: "full" }; // unknown unit or malformed: ignore the header
  const specs = m[1]!.split(",").map((s) => s.trim());
  if (specs.length !== 1) return { kind: "full" };
  const spec = /^(\d*)-(\d*)$/.exec(specs[0]!);
  if (!spec || (spec[1] === "" && spec[2] === "")) return { kind: "full" };
  if (spec[1] === "") {
    // suffix range: the last N bytes
    const n = Number(spec[2]);
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(spec[1]);
  const last = spec[2] === "" ? Infinity : Number(spec[2]);
  if (last < start) return { kind: "full" }; // invalid range-spec: ignore the header
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(last, size - 1) };
}

/**
 * If-Range holds for a strong ETag match, or for exactly the Last-Modified date (RFC 9110
 * §13.1.5). The date is the build that first made these bytes, so a date from a build that
 * made other bytes never matches.
 */
function ifRangeHolds(value: string, etag: string, lastModified: string | undefined): boolean {
  if (value.startsWith('"') || value.startsWith("W/")) return etagListMatches(value, etag, "strong") && !value.includes(",");
  return lastModified !== undefined && value === lastModified;
}
