/**
 * The anchoring step: each note's quote is found in the article's plain text the way
 * Hypothesis anchors (https://web.hypothes.is/blog/fuzzy-anchoring/), in this order:
 *   1. the exact quote, with its prefix and suffix, must match exactly one place;
 *   2. if the quote (prefix and suffix aside) occurs nowhere and the previous build anchored this note (same id, same quote
 *      as typed) at some position, that position is the hint: the closest passage within `fuzzyWindow`
 *      characters of it is taken, when it is at most one edit per ten characters of the
 *      phrase away (at least one). That is a warning naming the note and its new phrase; the
 *      build goes on, and the model publishes the new phrase as the note's TextQuoteSelector;
 *   3. otherwise it is an error that shows the closest passage of the whole article and names
 *      every difference (quotes, dashes, spaces, letter case) in words.
 * A quote that matches several places is an error listing each place with a prefix or suffix
 * that would single it out, as lines ready to paste under `anchor:`.
 *
 * Why the previous build's record (dist/anchors.json: id, quote as typed, position) and not a
 * `position` field in annotations.yaml: editors would have to keep such numbers right by hand
 * through every edit above the phrase, and a stale one misleads. The build records where each
 * note was last anchored, for free. So the fuzzy step needs a previous build and an unchanged
 * quote: in a fresh clone, or for a quote the editor has just typed, the same near miss is an
 * error (with the closest passage named), never a silent guess. The record keeps the quote as
 * typed, so the warning repeats on every build until anchor.exact is updated.
 */
import { anchorQuote, inContext, occurrences, uniqueContext, type Quote } from "./anchor.ts";
import { describeChars } from "./char-names.ts";
import { closestSubstring, differences, editDistance, fewestEdits } from "./edit-distance.ts";

/** Characters either side of the previous position searched for a fuzzy match. */
export const fuzzyWindow = 1000;

/** The most edits a fuzzy match may be from the quote: one per ten characters, at least one. */
export const fuzzyBound = (phrase: string) => Math.max(1, Math.ceil(phrase.length / 10));

export interface NoteToAnchor {
  id: string;
  anchor: Quote;
}

export type Anchored =
  | { ok: true; start: number; end: number; anchor: Quote; warning?: string }
  | { ok: false; message: string };

/** Anchors one note; `hint` is where the previous build anchored the note with this id. */
export function anchorNote(text: string, note: NoteToAnchor, hint?: { start: number; end: number }): Anchored {
  const { id, anchor } = note;
  const quote = `"${anchor.exact}" (annotation ${id})`;
  const hit = anchorQuote(text, anchor);
  if (hit.ok) return { ok: true, start: hit.start, end: hit.end, anchor: published(anchor) };
  if (hit.reason === "ambiguous") return { ok: false, message: ambiguous(text, quote, anchor) };
  const places = occurrences(text, anchor.exact);
  if (places.length > 0) return { ok: false, message: contextMismatch(text, quote, anchor, places) };

  if (hint) {
    const bound = fuzzyBound(anchor.exact);
    const from = Math.max(0, hint.start - fuzzyWindow);
    const to = Math.min(text.length, hint.end + fuzzyWindow);
    const near = closestInParagraphs(text, anchor.exact, from, to, hint.start);
    if (near && near.distance <= bound) {
      const phrase = text.slice(near.start, near.end);
      const edits = `${near.distance} edit${near.distance === 1 ? "" : "s"}, at most ${bound} allowed`;
      return {
        ok: true,
        start: near.start,
        end: near.end,
        anchor: reanchored(text, phrase, near.start),
        warning: `${quote} no longer matches the article exactly; it is re-anchored near its previous place to "${phrase}" (${edits}): ${describeDifferences(anchor.exact, phrase)}. Update anchor.exact to the new phrase`,
      };
    }
  }

  return { ok: false, message: nowhere(text, quote, anchor.exact) };
}

/** The selector as the model publishes it: empty prefix/suffix left out. */
function published(q: Quote): Quote {
  return { exact: q.exact, ...(q.prefix ? { prefix: q.prefix } : {}), ...(q.suffix ? { suffix: q.suffix } : {}) };
}

/** A fuzzily found phrase, with the shortest context that makes it unique when the phrase alone is not. */
function reanchored(text: string, phrase: string, start: number): Quote {
  const places = occurrences(text, phrase);
  if (places.length <= 1) return { exact: phrase };
  const context = uniqueContext(text, phrase, start, places);
  if (context) return { exact: phrase, ...context };
  const before = text.slice(Math.max(0, start - 32), start);
  const after = text.slice(start + phrase.length, start + phrase.length + 32);
  return { exact: phrase, prefix: before.slice(before.lastIndexOf("\n") + 1), suffix: after.split("\n")[0]! };
}

/**
 * closestSubstring within one paragraph at a time (a phrase never spans two): the paragraphs
 * are first ranked by their fewest edits alone (cheap), then the passage is placed in the best
 * one (the one nearest `near` among equals).
 */
function closestInParagraphs(text: string, pattern: string, from = 0, to = text.length, near?: number) {
  const paragraphs: { start: number; end: number; edits: number }[] = [];
  for (let start = from; start < to; ) {
    const br = text.indexOf("\n\n", start);
    const end = br === -1 || br > to ? to : br;
    if (end > start) paragraphs.push({ start, end, edits: fewestEdits(text, pattern, start, end) });
    start = end + 2;
  }
  const fewest = Math.min(...paragraphs.map((p) => p.edits));
  const distanceTo = (p: { start: number; end: number }) => (near === undefined ? 0 : near < p.start ? p.start - near : near > p.end ? near - p.end : 0);
  const best = paragraphs.filter((p) => p.edits === fewest).sort((a, b) => distanceTo(a) - distanceTo(b))[0];
  return best && closestSubstring(text, pattern, best.start, best.end, near);
}

function nowhere(text: string, quote: string, exact: string): string {
  const close = closestInParagraphs(text, exact);
  if (!close) return `${quote} matches nowhere in the article: copy the phrase exactly from the article`;
  const passage = text.slice(close.start, close.end);
  if (close.distance > Math.max(2, Math.ceil(exact.length / 3)))
    return `${quote} matches nowhere in the article, and no passage is close to it (the closest, "${passage}", is ${close.distance} edits away): copy the phrase exactly from the article`;
  return `${quote} matches nowhere in the article. The closest passage is "${passage}": ${describeDifferences(exact, passage)}. Copy the phrase exactly from the article`;
}

/** "the text has ’ U+2019 RIGHT SINGLE QUOTATION MARK where the anchor has ' U+0027 APOSTROPHE; …" */
export function describeDifferences(anchor: string, text: string, most = 3): string {
  const all = differences(anchor, text);
  const said = all.slice(0, most).map((d) => {
    if (d.anchor === "") return `the text has ${describeChars(d.text)} where the anchor has nothing`;
    if (d.text === "") return `the anchor has ${describeChars(d.anchor)} where the text has nothing`;
    const letterCase = d.text.toLowerCase() === d.anchor.toLowerCase() ? " (letter case)" : "";
    return `the text has ${describeChars(d.text)} where the anchor has ${describeChars(d.anchor)}${letterCase}`;
  });
  const more = all.length - said.length;
  return said.join("; ") + (more > 0 ? `; and ${more} more difference${more === 1 ? "" : "s"}` : "");
}

/**
 * When the text just before (or after) the phrase is a near miss of the typed prefix (or
 * suffix): the stretch of text that fits it best, and how it differs; undefined when it is
 * something else altogether.
 */
function closeEnough(wanted: string, text: string, side: "before" | "after"): { text: string; differences: string } | undefined {
  const bound = Math.max(2, Math.ceil(wanted.length / 3));
  let best: { near: string; distance: number } | undefined;
  for (let n = Math.max(1, wanted.length - bound); n <= wanted.length + bound; n++) {
    const near = side === "before" ? text.slice(Math.max(0, text.length - n)) : text.slice(0, n);
    const distance = editDistance(wanted, near);
    if (!best || distance < best.distance) best = { near, distance };
  }
  return best && best.distance <= bound ? { text: best.near, differences: describeDifferences(wanted, best.near) } : undefined;
}

/** The phrase occurs, but its prefix or suffix rules out every place. */
function contextMismatch(text: string, quote: string, anchor: Quote, places: number[]): string {
  const { exact, prefix = "", suffix = "" } = anchor;
  const before = (p: number) => text.slice(Math.max(0, p - prefix.length), p);
  const after = (p: number) => text.slice(p + exact.length, p + exact.length + suffix.length);
  const shown = places.slice(0, 3);
  const count = places.length === 1 ? "once" : `${places.length} times`;
  if (prefix && !places.some((p) => before(p) === prefix)) {
    const near = places.length === 1 ? closeEnough(prefix, text.slice(0, places[0]!), "before") : undefined;
    const found = near ? `"${near.text}": ${near.differences}` : shown.map((p) => `"${before(p)}"`).join(", ");
    return `${quote} occurs ${count} in the article, but never after prefix "${prefix}": the text just before it is ${found}. Fix the prefix, or remove it`;
  }
  if (suffix && !places.some((p) => after(p) === suffix)) {
    const near = places.length === 1 ? closeEnough(suffix, text.slice(places[0]! + exact.length), "after") : undefined;
    const found = near ? `"${near.text}": ${near.differences}` : shown.map((p) => `"${after(p)}"`).join(", ");
    return `${quote} occurs ${count} in the article, but never before suffix "${suffix}": the text just after it is ${found}. Fix the suffix, or remove it`;
  }
  return `${quote} occurs ${count} in the article, after prefix "${prefix}" and before suffix "${suffix}", but never both at once: keep the one that picks the place you mean`;
}

/** Lists each place with the line that would single it out, ready to paste under `anchor:`. */
function ambiguous(text: string, quote: string, anchor: Quote): string {
  const places = occurrences(text, anchor.exact);
  // The places the selector as given matches; each suggestion singles its place out among all.
  const matching = places.filter((p) => (!anchor.prefix || text.slice(0, p).endsWith(anchor.prefix)) && (!anchor.suffix || text.startsWith(anchor.suffix, p + anchor.exact.length)));
  const rows = matching.map((p, i) => {
    const context = uniqueContext(text, anchor.exact, p, places);
    const line = !context ? "" : "prefix" in context ? `prefix: ${JSON.stringify(context.prefix)}` : `suffix: ${JSON.stringify(context.suffix)}`;
    return { line, comment: `# place ${i + 1}: "${inContext(text, p, p + anchor.exact.length)}"${context ? "" : ", no nearby text tells it apart: anchor a longer phrase"}` };
  });
  const width = Math.max(...rows.map((r) => r.line.length));
  const how = anchor.prefix || anchor.suffix ? "still matches" : "matches";
  const what = anchor.prefix || anchor.suffix ? "use its line under anchor: in place of the prefix/suffix" : "add its line under anchor:";
  return `${quote} ${how} ${matching.length} places: to pick one, ${what}\n${rows.map((r) => `    ${r.line.padEnd(width)}  ${r.comment}`.replace(/^ {4} +#/, "    #")).join("\n")}`;
}
