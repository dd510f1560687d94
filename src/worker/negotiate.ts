/**
 * Content negotiation between the HTML page and its JSON (RFC 9110 §12.5.1).
 *
 * Each of the two types gets the quality of the most specific media range that matches it
 * (`application/json` over `application/*` over `*\/*`). The higher quality wins; at equal
 * quality the type the client named more specifically wins, so axios's
 * `application/json, text/plain, *\/*` gets JSON while a browser's
 * `text/html,…,*\/*;q=0.8` gets HTML. A full tie goes to HTML. A `q` that is not a qvalue
 * (RFC 9110 §12.4.2: 0 to 1, at most three decimals) is ignored, leaving the range at q=1;
 * ranges that are not `type/subtype` are skipped.
 *
 * Hand-written rather than Hono's `accepts` helper: that helper never lets `*\/*` match
 * (so `text/html;q=0.1, *\/*` would get HTML though JSON is preferred), reads `q=-1` as 0,
 * and builds an object per range. This one scans the header once without allocating, as it
 * runs on every warm request for an article page.
 */

// Specificity of the best range seen so far for each type: -1 none, 0 */*, 1 type/*, 2 exact.
let htmlSpec = -1;
let htmlQ = 0;
let jsonSpec = -1;
let jsonQ = 0;

/** True when Accept ranks application/json above text/html (by quality, then specificity). */
export function prefersJson(accept: string | null | undefined): boolean {
  if (!accept) return false;
  htmlSpec = jsonSpec = -1;
  htmlQ = jsonQ = 0;
  const end = Math.min(accept.length, 4096);
  let i = 0;
  while (i < end) {
    let next = accept.indexOf(",", i);
    if (next === -1 || next > end) next = end;
    range(accept, i, next);
    i = next + 1;
  }
  if (jsonQ !== htmlQ) return jsonQ > htmlQ;
  return jsonQ > 0 && jsonSpec > htmlSpec;
}

/** Reads one media range, accept[from, to), and updates the two types' best matches. */
function range(accept: string, from: number, to: number): void {
  let semi = accept.indexOf(";", from);
  if (semi === -1 || semi > to) semi = to;
  const start = skipSpace(accept, from, semi);
  const stop = trimEnd(accept, start, semi);
  const slash = accept.indexOf("/", start);
  if (slash === -1 || slash >= stop - 1 || slash === start) return; // not type/subtype: skipped
  const q = quality(accept, semi, to);
  const anyType = slash === start + 1 && accept.charCodeAt(start) === 42; // "*"
  const anySub = slash === stop - 2 && accept.charCodeAt(stop - 1) === 42;
  if (anyType) {
    if (anySub && stop - start === 3) consider(0, q, 0, q);
    return;
  }
  if (same(accept, start, slash, "text")) {
    if (anySub) consider(1, q, -1, 0);
    else if (same(accept, slash + 1, stop, "html")) consider(2, q, -1, 0);
  } else if (same(accept, start, slash, "application")) {
    if (anySub) consider(-1, 0, 1, q);
    else if (same(accept, slash + 1, stop, "json")) consider(-1, 0, 2, q);
  }
}

/** A range more specific than the best so far decides that type's quality. */
function consider(hSpec: number, hQ: number, jSpec: number, jQ: number): void {
  if (hSpec > htmlSpec) {
    htmlSpec = hSpec;
    htmlQ = hQ;
  }
  if (jSpec > jsonSpec) {
    jsonSpec = jSpec;
    jsonQ = jQ;
  }
}

/** The range's q parameter among accept[from, to) (`;q=…;…`), or 1 when absent or malformed. */
function quality(accept: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    let next = accept.indexOf(";", i + 1);
    if (next === -1 || next > to) next = to;
    const start = skipSpace(accept, i + 1, next);
    const c = accept.charCodeAt(start);
    if ((c === 113 || c === 81) && accept.charCodeAt(skipSpace(accept, start + 1, next)) === 61) {
      const v = skipSpace(accept, skipSpace(accept, start + 1, next) + 1, next);
      return qvalue(accept, v, trimEnd(accept, v, next));
    }
    i = next;
  }
  return 1;
}

/** RFC 9110 §12.4.2: ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); else 1 (ignored). */
function qvalue(s: string, from: number, to: number): number {
  const first = s.charCodeAt(from);
  if (to - from > 5 || (first !== 48 && first !== 49)) return 1;
  if (to - from > 1 && s.charCodeAt(from + 1) !== 46) return 1;
  let value = first - 48;
  let scale = 0.1;
  for (let i = from + 2; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (first === 49 && d !== 0)) return 1;
    value += d * scale;
    scale /= 10;
  }
  return Math.round(value * 1000) / 1000;
}

function skipSpace(s: string, i: number, end: number): number {
  while (i < end && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
  return i;
}

function trimEnd(s: string, start: number, end: number): number {
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return end;
}

/** Case-insensitive: is s[from, to) the lowercase ASCII word `word`? */
function same(s: string, from: number, to: number, word: string): boolean {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) if ((s.charCodeAt(from + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** Does the client want a JSON error (an API client, or a .json path)? */
export function wantsJsonError(path: string, accept: string | null | undefined): boolean {
  return /\.json(ld)?$/.test(path) || prefersJson(accept);
}
