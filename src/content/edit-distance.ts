/**
 * Edit distance (Levenshtein: one insertion, deletion or substitution costs 1), for "did you
 * mean" on field names and for anchors that almost match the article. Strings are compared by
 * UTF-16 code unit, as text positions are.
 */

export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** One difference between two strings: `text` stands where the other has `anchor` (either may be empty). */
export interface Difference {
  /** What the article's text has here ("" when the text lacks what the anchor has). */
  text: string;
  /** What the anchor has here ("" when the anchor lacks what the text has). */
  anchor: string;
}

/**
 * The differences between `anchor` and `text` along one cheapest alignment, adjacent edits of
 * the same shape merged ("harbor" / "harbour" → one difference: the text has "u").
 */
export function differences(anchor: string, text: string): Difference[] {
  const n = anchor.length;
  const m = text.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (anchor[i - 1] === text[j - 1] ? 0 : 1));
  const ops: { kind: "sub" | "del" | "ins"; a: string; t: string }[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (anchor[i - 1] === text[j - 1] ? 0 : 1)) {
      if (anchor[i - 1] !== text[j - 1]) ops.push({ kind: "sub", a: anchor[i - 1]!, t: text[j - 1]! });
      else ops.push({ kind: "sub", a: "", t: "" }); // a match: breaks runs
      i--, j--;
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      ops.push({ kind: "del", a: anchor[i - 1]!, t: "" });
      i--;
    } else {
      ops.push({ kind: "ins", a: "", t: text[j - 1]! });
      j--;
    }
  }
  ops.reverse();
  const out: (Difference & { kind: string })[] = [];
  for (const op of ops) {
    if (op.kind === "sub" && op.a === "" && op.t === "") {
      out.push({ kind: "same", text: "", anchor: "" });
      continue;
    }
    const last = out[out.length - 1];
    // Merge runs of insertions or deletions of letters; substitutions stay one character each,
    // so that each can be named.
    if (last && last.kind === op.kind && op.kind !== "sub" && /^\p{L}+$/u.test(last.text + last.anchor + op.t + op.a)) {
      last.text += op.t;
      last.anchor += op.a;
    } else out.push({ kind: op.kind, text: op.t, anchor: op.a });
  }
  return out.filter((o) => o.kind !== "same").map(({ text, anchor }) => ({ text, anchor }));
}

const word = /[\p{L}\p{N}]/u;

/** True where a word starts or ends at `i` (or the text does). */
function boundary(text: string, i: number): boolean {
  return i <= 0 || i >= text.length || !word.test(text[i - 1]!) || !word.test(text[i]!);
}

/** The fewest edits that turn `pattern` into some substring of `text[from, to)` (Sellers' dynamic programme, no positions). */
export function fewestEdits(text: string, pattern: string, from = 0, to = text.length): number {
  const m = pattern.length;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  let fewest = m;
  for (let j = from; j < to; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) next[i] = Math.min(col[i]! + 1, next[i - 1]! + 1, col[i - 1]! + (pattern[i - 1] === text[j] ? 0 : 1));
    col = next;
    if (col[m]! < fewest) fewest = col[m]!;
  }
  return fewest;
}

/**
 * Approximate substring search (Sellers): for each end position in `text[from, to)`, the
 * fewest edits that turn `pattern` into some substring of the text ending there. Of the places
 * at the fewest edits, the one that starts and ends on word boundaries wins ("harbor" in "a
 * harbour master" is "harbour", not "harbo"), then the one nearest `near`, then the first.
 * Undefined for an empty pattern or range.
 */
export function closestSubstring(text: string, pattern: string, from = 0, to = text.length, near?: number): { start: number; end: number; distance: number } | undefined {
  const m = pattern.length;
  if (m === 0 || to <= from) return undefined;
  let col = Array.from({ length: m + 1 }, (_, i) => i);
  const ends: number[] = [];
  let fewest = Infinity;
  for (let j = from; j < to; j++) {
    const next = [0];
    for (let i = 1; i <= m; i++) next[i] = Math.min(col[i]! + 1, next[i - 1]! + 1, col[i - 1]! + (pattern[i - 1] === text[j] ? 0 : 1));
    col = next;
    const dist = col[m]!;
    if (dist < fewest) (fewest = dist), (ends.length = 0);
    if (dist === fewest) ends.push(j + 1);
  }
  // Bounded work: a close miss is weighed at its 64 candidate ends nearest the hint, each start
  // searched; a far miss only needs a passage to show, so its start is the word boundary at or
  // before end − length, not searched.
  if (near !== undefined) ends.sort((a, b) => Math.abs(a - m - near) - Math.abs(b - m - near));
  const far = fewest > Math.max(2, Math.ceil(m / 3));
  let best: { start: number; end: number; distance: number; score: number } | undefined;
  for (const end of ends.slice(0, 64)) {
    let start = -1;
    if (far) {
      start = Math.max(from, end - m);
      while (start > from && !boundary(text, start)) start--;
    } else {
      // Of the substrings ending here at the fewest edits, a word boundary first, then the
      // longest, so that a missing first letter is shown as a difference, not cut off.
      let startScore = -Infinity;
      for (let s = Math.max(from, end - m - fewest); s <= Math.min(end - 1, end - m + fewest); s++) {
        if (editDistance(pattern, text.slice(s, end)) !== fewest) continue;
        const score = boundary(text, s) ? 1 : 0;
        if (score > startScore) (start = s), (startScore = score);
      }
    }
    if (start < 0) continue;
    const score = (boundary(text, start) ? 1 : 0) + (boundary(text, end) ? 1 : 0);
    const closer = (a: number, b: number) => near !== undefined && Math.abs(a - near) < Math.abs(b - near);
    if (!best || score > best.score || (score === best.score && closer(start, best.start))) best = { start, end, distance: fewest, score };
  }
  return best && { start: best.start, end: best.end, distance: best.distance };
}
