/**
 * Postings as compact strings, in impact order: a word's (document, score) pairs sorted by score,
 * highest first, then by document, ascending. So the best results of a one-word query are the
 * first postings of its list, and a page of them decodes only the postings up to that page,
 * however many articles have the word.
 *
 * The list is groups of equal score: the score (the first group's itself, each next group's as
 * its step down from the one before), how many documents have it, then those documents (the
 * first as itself, the rest as steps up from the one before). Each number is written in base 32,
 * most significant digit first, continuation digits as the characters U+005D–U+007C ("]" to "|")
 * and the last digit as U+0030–U+004F ("0" to "O"). No character needs escaping in JSON, so a
 * bucket's JSON is parsed as a few strings (fast), and only the postings a query needs are decoded.
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

/** [doc, score, doc, score, …] (distinct docs, any order) → the encoded string, in impact order. */
export function encodePostings(pairs: readonly number[]): string {
  const order = Array.from({ length: pairs.length / 2 }, (_, i) => i * 2);
  if (new Set(order.map((i) => pairs[i])).size !== order.length) throw new RangeError("postings hold each document once");
  order.sort((x, y) => pairs[y + 1]! - pairs[x + 1]! || pairs[x]! - pairs[y]!);
  const out: string[] = [];
  let g = 0;
  let lastScore = 0;
  while (g < order.length) {
    const score = pairs[order[g]! + 1]!;
    let end = g + 1;
    while (end < order.length && pairs[order[end]! + 1] === score) end++;
    encodeNumber(g === 0 ? score : lastScore - score, out);
    encodeNumber(end - g, out);
    let lastDoc = 0;
    for (let i = g; i < end; i++) {
      const doc = pairs[order[i]!]!;
      encodeNumber(i === g ? doc : doc - lastDoc, out);
      lastDoc = doc;
    }
    lastScore = score;
    g = end;
  }
  return out.join("");
}

/**
 * Calls `each(doc, score)` for the postings of an encoded string in impact order, until `each`
 * returns false. Characters outside the two digit ranges, or numbers that make no sense (an
 * empty group, a score below 0), end the list: a damaged file finds less, never throws.
 */
export function eachPosting(encoded: string, each: (doc: number, score: number) => unknown): void {
  let value = 0;
  let state = 0; // 0: score step, 1: count, 2: first document, 3: document step
  let score = 0;
  let left = 0;
  let doc = 0;
  let first = true;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c >= moreBase && c < moreBase + 32) {
      value = value * 32 + (c - moreBase);
      continue;
    }
    if (c < finalBase || c >= finalBase + 32) return;
    value = value * 32 + (c - finalBase);
    if (state === 0) {
      score = first ? value : score - value;
      if (score < 0 || (!first && value === 0)) return;
      first = false;
      state = 1;
    } else if (state === 1) {
      if (value === 0) return;
      left = value;
      state = 2;
    } else {
      doc = state === 2 ? value : doc + value;
      if (state === 3 && value === 0) return;
      if (each(doc, score) === false) return;
      state = --left > 0 ? 3 : 0;
    }
    value = 0;
  }
}

/** The first `k` postings in impact order: documents and their scores. */
export function topPostings(encoded: string, k: number): { docs: number[]; scores: number[] } {
  const docs: number[] = [];
  const scores: number[] = [];
  if (k > 0)
    eachPosting(encoded, (doc, score) => {
      docs.push(doc);
      scores.push(score);
      return docs.length < k;
    });
  return { docs, scores };
}

/**
 * Adds `weight` × score into `total` for every posting with a document below `total.length`,
 * counting the document in `counts`. The same decoding as `eachPosting`, written out without a
 * call per posting: this loop is the cost of a query over many words, and it runs as cold code
 * in a fresh isolate. `weight` should be a whole number, for exact sums.
 */
export function scorePostings(encoded: string, weight: number, total: Float64Array, counts: Uint8Array): void {
  const n = total.length;
  let value = 0;
  let state = 0;
  let score = 0;
  let left = 0;
  let doc = 0;
  let first = true;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c >= moreBase && c < moreBase + 32) {
      value = value * 32 + (c - moreBase);
      continue;
    }
    if (c < finalBase || c >= finalBase + 32) return;
    value = value * 32 + (c - finalBase);
    if (state === 0) {
      score = first ? value : score - value;
      if (score < 0 || (!first && value === 0)) return;
      first = false;
      state = 1;
    } else if (state === 1) {
      if (value === 0) return;
      left = value;
      state = 2;
    } else {
      if (state === 3 && value === 0) return;
      doc = state === 2 ? value : doc + value;
      if (doc < n) {
        total[doc]! += weight * score;
        counts[doc]!++;
      }
      state = --left > 0 ? 3 : 0;
    }
    value = 0;
  }
}

/**
 * As `scorePostings`, for one of several lists of which a document counts once, with its best:
 * adds only by how much weight × score beats best[doc] (then raised to it), and counts the
 * document the first time. A function of its own rather than a flag of scorePostings: V8
 * optimizes each loop for the one way it is used.
 */
export function bestPostings(encoded: string, weight: number, total: Float64Array, counts: Uint8Array, best: Float64Array): void {
  const n = total.length;
  let value = 0;
  let state = 0;
  let score = 0;
  let left = 0;
  let doc = 0;
  let first = true;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c >= moreBase && c < moreBase + 32) {
      value = value * 32 + (c - moreBase);
      continue;
    }
    if (c < finalBase || c >= finalBase + 32) return;
    value = value * 32 + (c - finalBase);
    if (state === 0) {
      score = first ? value : score - value;
      if (score < 0 || (!first && value === 0)) return;
      first = false;
      state = 1;
    } else if (state === 1) {
      if (value === 0) return;
      left = value;
      state = 2;
    } else {
      if (state === 3 && value === 0) return;
      doc = state === 2 ? value : doc + value;
      const s = weight * score;
      if (doc < n && s > best[doc]!) {
        if (best[doc] === 0) counts[doc]!++;
        total[doc]! += s - best[doc]!;
        best[doc] = s;
      }
      state = --left > 0 ? 3 : 0;
    }
    value = 0;
  }
}

/** Bytes of the string being written by `encodeRange` (grown as needed, kept between calls). */
let out = new Uint8Array(1 << 16);
let outLength = 0;
/** Sort keys, then documents and scores in impact order, of `encodeRange`'s postings (grown as needed, kept between calls). */
let keys = new Float64Array(1 << 12);
let orderDocs = new Float64Array(1 << 12);
let orderScores = new Float64Array(1 << 12);

function put(n: number): void {
  if (outLength + 12 > out.length) {
    const grown = new Uint8Array(out.length * 2);
    grown.set(out.subarray(0, outLength));
    out = grown;
  }
  if (n < 32) {
    out[outLength++] = finalBase + n;
    return;
  }
  let digits = 1;
  for (let m = Math.floor(n / 32); m > 0; m = Math.floor(m / 32)) digits++;
  for (let i = digits - 1; i >= 0; i--) {
    const digit = n % 32;
    n = Math.floor(n / 32);
    out[outLength + i] = (i === digits - 1 ? finalBase : moreBase) + digit;
  }
  outLength += digits;
}

function taken(): string {
  const length = outLength;
  outLength = 0;
  if (length <= 4096) return String.fromCharCode.apply(null, out.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let i = 0; i < length; i += 4096) parts.push(String.fromCharCode.apply(null, out.subarray(i, Math.min(length, i + 4096)) as unknown as number[]));
  return parts.join("");
}

/**
 * What `encodePostings` makes of the pairs (docs[i], scores[i]) for `from` ≤ i < `to`, without
 * an array of pairs: the build's way (index-build.ts), for millions of postings. The caller
 * gives each document once (unchecked, unlike encodePostings); documents and scores are
 * non-negative whole numbers.
 */
export function encodeRange(docs: ArrayLike<number>, scores: ArrayLike<number>, from: number, to: number): string {
  const m = to - from;
  if (m <= 0) return "";
  let range = 1;
  let top = 0;
  for (let i = from; i < to; i++) {
    const doc = docs[i]!;
    const score = scores[i]!;
    if (!Number.isInteger(doc) || doc < 0 || !Number.isInteger(score) || score < 0) throw new RangeError(`postings hold non-negative integers, not ${doc}, ${score}`);
    if (doc >= range) range = doc + 1;
    if (score > top) top = score;
  }
  if (m === 1) {
    put(scores[from]!);
    put(1);
    put(docs[from]!);
    return taken();
  }
  if (orderDocs.length < m) {
    orderDocs = new Float64Array(Math.max(m, orderDocs.length * 2));
    orderScores = new Float64Array(orderDocs.length);
  }
  if ((top + 1) * range < Number.MAX_SAFE_INTEGER) {
    // Impact order as one number per posting, sorted ascending: doc - score × range (exact
    // below 2^53), then back: -key = score × range - doc, with 0 ≤ doc < range.
    if (keys.length < m) keys = new Float64Array(Math.max(m, keys.length * 2));
    const sorted = keys.subarray(0, m);
    for (let i = 0; i < m; i++) sorted[i] = docs[from + i]! - scores[from + i]! * range;
    sorted.sort();
    for (let i = 0; i < m; i++) {
      const minus = -sorted[i]!;
      const doc = (range - (minus % range)) % range;
      orderDocs[i] = doc;
      orderScores[i] = (minus + doc) / range;
    }
  } else {
    const index = Array.from({ length: m }, (_, i) => from + i);
    index.sort((x, y) => scores[y]! - scores[x]! || docs[x]! - docs[y]!);
    for (let i = 0; i < m; i++) {
      orderDocs[i] = docs[index[i]!]!;
      orderScores[i] = scores[index[i]!]!;
    }
  }
  let g = 0;
  let lastScore = 0;
  while (g < m) {
    const score = orderScores[g]!;
    let end = g + 1;
    while (end < m && orderScores[end] === score) end++;
    put(g === 0 ? score : lastScore - score);
    put(end - g);
    let lastDoc = 0;
    for (let i = g; i < end; i++) {
      const doc = orderDocs[i]!;
      put(i === g ? doc : doc - lastDoc);
      lastDoc = doc;
    }
    lastScore = score;
    g = end;
  }
  return taken();
}
