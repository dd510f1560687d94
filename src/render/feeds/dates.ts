/**
 * Dates as each format wants them. Inputs are the model's ISO 8601 instants; outputs are UTC,
 * so they are the same in every time zone. Nothing here reads the clock.
 */

const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

function instant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO 8601 date: ${JSON.stringify(iso)}`);
  return date;
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * RFC 822 date as RSS 2.0 wants it, with a four-digit year (RFC 1123) and a numeric zone
 * rather than "GMT": "2026-11-28T00:00:00.000Z" → "Sat, 28 Nov 2026 00:00:00 +0000".
 */
export function rfc822(iso: string): string {
  const d = instant(iso);
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** RFC 3339 for Atom, OPDS and JSON Feed: "2026-11-28T00:00:00.000Z" → "2026-11-28T00:00:00Z" (milliseconds kept if any). */
export function rfc3339(iso: string): string {
  return instant(iso).toISOString().replace(/\.000Z$/, "Z");
}
