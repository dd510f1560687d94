/**
 * Anchoring annotations the W3C Web Annotation way: a TextQuoteSelector (`exact`, with
 * optional `prefix` and `suffix`) must select exactly one place in the article's plain text.
 * https://www.w3.org/TR/annotation-model/#text-quote-selector
 */

export interface Quote {
  exact: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export type AnchorResult =
  | { ok: true; start: number; end: number }
  | { ok: false; reason: "nowhere" }
  | { ok: false; reason: "ambiguous"; count: number };

export function anchorQuote(text: string, quote: Quote): AnchorResult {
  const hits: number[] = [];
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    if (quote.prefix && !text.slice(0, at).endsWith(quote.prefix)) continue;
    if (quote.suffix && !text.startsWith(quote.suffix, at + quote.exact.length)) continue;
    hits.push(at);
  }
  if (hits.length === 0) return { ok: false, reason: "nowhere" };
  if (hits.length > 1) return { ok: false, reason: "ambiguous", count: hits.length };
  return { ok: true, start: hits[0]!, end: hits[0]! + quote.exact.length };
}

/** Every place `exact` starts in `text`, overlapping ones included. */
export function occurrences(text: string, exact: string): number[] {
  const at: number[] = [];
  if (exact === "") return at;
  for (let i = text.indexOf(exact); i !== -1; i = text.indexOf(exact, i + 1)) at.push(i);
  return at;
}

/** Longest context a suggested prefix or suffix may have, in UTF-16 units. */
const maxContext = 40;

/**
 * The shortest `prefix` or `suffix` that makes `exact` at `place` the only match among
 * `places` (all of its occurrences), grown to the end of a word so that it reads as words;
 * never crossing a paragraph. The suffix wins a tie. Undefined when nothing within the
 * paragraph tells this place apart.
 */
export function uniqueContext(text: string, exact: string, place: number, places: number[]): { prefix: string } | { suffix: string } | undefined {
  const others = places.filter((p) => p !== place);
  const end = place + exact.length;
  const word = /[\p{L}\p{N}]/u;
  let suffix: string | undefined;
  for (let n = 1; n <= maxContext && end + n <= text.length; n++) {
    const s = text.slice(end, end + n);
    if (s.includes("\n")) break;
    if (others.every((p) => !text.startsWith(s, p + exact.length))) {
      // Grow to whole words: at least one, and not cut inside one.
      const grow = () => !word.test(text.slice(end, end + n)) || (word.test(text[end + n - 1]!) && word.test(text[end + n]!));
      while (end + n < text.length && n < maxContext && text[end + n] !== "\n" && grow()) n++;
      suffix = text.slice(end, end + n);
      break;
    }
  }
  let prefix: string | undefined;
  for (let n = 1; n <= maxContext && place - n >= 0; n++) {
    const s = text.slice(place - n, place);
    if (s.includes("\n")) break;
    if (others.every((p) => !text.slice(0, p).endsWith(s))) {
      const grow = () => !word.test(text.slice(place - n, place)) || (word.test(text[place - n]!) && word.test(text[place - n - 1]!));
      while (place - n > 0 && n < maxContext && text[place - n - 1] !== "\n" && grow()) n++;
      prefix = text.slice(place - n, place);
      break;
    }
  }
  if (suffix !== undefined && (prefix === undefined || suffix.length <= prefix.length)) return { suffix };
  if (prefix !== undefined) return { prefix };
  return undefined;
}

/** The phrase at [start, end) with up to `around` characters either side, within its paragraph: "…names a harbour and a…". */
export function inContext(text: string, start: number, end: number, around = 15): string {
  const before = start > 0 ? text.lastIndexOf("\n\n", start - 1) : -1;
  const paraStart = before === -1 ? 0 : before + 2;
  const after = text.indexOf("\n\n", end);
  const paraEnd = after === -1 ? text.length : after;
  const from = Math.max(paraStart, start - around);
  const to = Math.min(paraEnd, end + around);
  return `${from > paraStart ? "…" : ""}${text.slice(from, to)}${to < paraEnd ? "…" : ""}`;
}
