/**
 * Postings as compact strings: each number is written in base 32, most significant digit
 * first, continuation digits as the characters U+005D–U+007C ("]" to "|") and the last digit
 * as U+0030–U+004F ("0" to "O"). No character needs escaping in JSON, so a bucket's JSON is
 * parsed as a few strings (fast), and only the postings of the words a query matched are decoded.
 * A posting list is pairs: document number (delta from the previous one) and score.
 */

const finalBase = 0x30;
const moreBase = 0x5d;

function encodeNumber(n: number, out: string[]): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`postings hold non-negative integers, not ${n}`);
  const digits: number[] = [];
  do {
    digits.push(n % 32);
    n = Math.floor(n / 32);
  } while (n > 0);
  for (let i = digits.length - 1; i > 0; i--) out.push(String.fromCharCode(moreBase + digits[i]!));
  out.push(String.fromCharCode(finalBase + digits[0]!));
}

/** [doc, score, doc, score, …] with ascending docs → the encoded string (docs delta-coded). */
export function encodePostings(pairs: readonly number[]): string {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < pairs.length; i += 2) {
    encodeNumber(pairs[i]! - last, out);
    encodeNumber(pairs[i + 1]!, out);
    last = pairs[i]!;
  }
  return out.join("");
}

/**
 * Calls `each(doc, score)` for every posting of an encoded string. Characters outside the two
 * digit ranges end the list (a damaged file finds less, never throws).
 */
export function eachPosting(encoded: string, each: (doc: number, score: number) => void): void {
  let value = 0;
  let doc = 0;
  let second = false;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c >= moreBase && c < moreBase + 32) value = value * 32 + (c - moreBase);
    else if (c >= finalBase && c < finalBase + 32) {
      value = value * 32 + (c - finalBase);
      if (second) each(doc, value);
      else doc += value;
      second = !second;
      value = 0;
    } else return;
  }
}
