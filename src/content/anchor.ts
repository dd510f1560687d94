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
