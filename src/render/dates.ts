/** Human-readable dates for pages and books, in English, always UTC (never the reader's or builder's zone). */

const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2025" → "2025", "2025-02" → "February 2025", "2025-02-24…" → "24 February 2025". */
export function humanDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split("-");
  if (!m) return y!;
  const month = months[Number(m) - 1]!;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** "2026-11-28T00:00:00.000Z" → "2026-11-28" (for <time datetime>). */
export function isoDay(instant: string): string {
  return instant.slice(0, 10);
}
