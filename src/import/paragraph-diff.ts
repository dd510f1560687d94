/**
 * Where the original's text now differs from the article's, paragraph by paragraph (each run of
 * Folio's plain text: a paragraph, heading, list item, quoted paragraph or table cell).
 * Paragraphs equal on both sides are matched first (their longest common subsequence); between
 * two matches, a paragraph of the article and one of the original that share most of their
 * words are a changed paragraph, shown word by word; the rest were removed or added.
 */

export type WordPart = { kind: "same" | "removed" | "added"; text: string };

export type ParagraphChange =
  | { kind: "same"; ours: number; theirs: number }
  | { kind: "changed"; ours: number; theirs: number; words: WordPart[] }
  /** In the article, no longer in the original. */
  | { kind: "removed"; ours: number }
  /** In the original, not in the article; `after` is the article's paragraph it follows (-1: at the start). */
  | { kind: "added"; theirs: number; after: number };

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/** Index pairs of a longest common subsequence of `a` and `b` under `same`. */
function lcs<T>(a: T[], b: T[], same: (x: T, y: T) => boolean): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i]![j] = same(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (same(a[i]!, b[j]!)) pairs.push([i++, j++]);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Share of words two paragraphs have in common (Dice's coefficient over word multisets). */
export function likeness(a: string, b: string): number {
  const words = (s: string) => norm(s).toLowerCase().split(" ").filter(Boolean);
  const wa = words(a);
  const wb = words(b);
  if (wa.length + wb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      shared++;
      counts.set(w, c - 1);
    }
  }
  return (2 * shared) / (wa.length + wb.length);
}

/** The words of `before` and `after`, marked where they differ (white space between words does not count). */
export function diffWords(before: string, after: string): WordPart[] {
  const a = norm(before).split(" ").filter(Boolean);
  const b = norm(after).split(" ").filter(Boolean);
  const parts: WordPart[] = [];
  const push = (kind: WordPart["kind"], words: string[]) => {
    if (words.length === 0) return;
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += ` ${words.join(" ")}`;
    else parts.push({ kind, text: words.join(" ") });
  };
  let i = 0;
  let j = 0;
  for (const [x, y] of [...lcs(a, b, (p, q) => p === q), [a.length, b.length] as [number, number]]) {
    push("removed", a.slice(i, x));
    push("added", b.slice(j, y));
    push("same", a.slice(x, x < a.length ? x + 1 : x));
    i = x + 1;
    j = y + 1;
  }
  return parts;
}

/** How alike two paragraphs must be to count as one paragraph changed, rather than one removed and another added. */
export const changedAt = 0.5;

export function diffParagraphs(ours: string[], theirs: string[]): ParagraphChange[] {
  const out: ParagraphChange[] = [];
  let i = 0;
  let j = 0;
  for (const [x, y] of [...lcs(ours, theirs, (p, q) => norm(p) === norm(q)), [ours.length, theirs.length] as [number, number]]) {
    // Between two equal paragraphs: pair the alike ones in order, the rest removed or added.
    while (i < x || j < y) {
      if (i < x && j < y && likeness(ours[i]!, theirs[j]!) >= changedAt) {
        out.push({ kind: "changed", ours: i, theirs: j, words: diffWords(ours[i]!, theirs[j]!) });
        i++;
        j++;
      } else if (i < x && (j >= y || !theirs.slice(j, y).some((t) => likeness(ours[i]!, t) >= changedAt))) out.push({ kind: "removed", ours: i++ });
      else out.push({ kind: "added", theirs: j++, after: i - 1 });
    }
    if (x < ours.length) out.push({ kind: "same", ours: x, theirs: y });
    i = x + 1;
    j = y + 1;
  }
  return out;
}

/** `[-removed-]{+added+}` marks, as `git diff --word-diff` writes them, with at most `context` words around each change. */
export function showWords(parts: WordPart[], context = 8): string {
  return parts
    .map((p, k) => {
      if (p.kind === "removed") return `[-${p.text}-]`;
      if (p.kind === "added") return `{+${p.text}+}`;
      const words = p.text.split(" ");
      if (words.length <= context * 2) return p.text;
      const head = k > 0 ? words.slice(0, context).join(" ") : "";
      const tail = k < parts.length - 1 ? words.slice(-context).join(" ") : "";
      return [head, "…", tail].filter(Boolean).join(" ");
    })
    .join(" ");
}
