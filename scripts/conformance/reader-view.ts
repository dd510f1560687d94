/**
 * Reader view: Mozilla's Readability (the code behind Firefox's reader view and many read-later
 * apps) over each served article page, parsed by jsdom (the HTML standard's tree construction,
 * as a browser builds it). Every paragraph, heading, quoted paragraph and list item of the built
 * model (dist/model.json, not the HTML renderer) must be one block of the reader view, word for
 * word, with at most the note-reference numbers after the annotated phrases; and no note's body
 * may sit inside a paragraph of the article's text.
 */
import { Readability } from "@mozilla/readability";
import type { Article, TextRun } from "../../src/model/document.ts";
import type { Check, Problems } from "./check.ts";
import { parseHtml } from "./dom.ts";
import type { Live } from "./live.ts";
import { builtModel } from "./model.ts";
import { fold, quote, withoutXmlForbidden } from "./text.ts";

/** Elements that are blocks of text in the reader view; a block is one with no such element inside. */
const blockSelector = "p, li, h1, h2, h3, h4, h5, h6, blockquote, dd, dt, figcaption, td, th, pre, div";

export interface ReaderView {
  title: string;
  /** The text of each innermost block, in document order (whitespace as in the DOM). */
  blocks: string[];
}

/** What Readability makes of the page (undefined: it finds no article in it). */
export function readerView(html: string, url: string): ReaderView | undefined {
  // Readability's types name the DOM's Document, which this project does not compile with.
  const parsed = new Readability(parseHtml(html, url) as never).parse();
  if (!parsed?.content) return undefined;
  const content = parseHtml(`<!doctype html><body>${parsed.content}`, url).body;
  if (!content) return undefined;
  // A hard line break reads as a break between words (textContent would run them together).
  for (const br of content.querySelectorAll("br")) br.replaceWith("\n");
  const blocks = [...content.querySelectorAll(blockSelector)].filter((e) => !e.querySelector(blockSelector)).map((e) => e.textContent ?? "");
  return { title: parsed.title ?? "", blocks };
}

/** The runs of the article's own text in reading order, each with a label for messages. */
export function textRuns(article: Article): { label: string; run: TextRun }[] {
  const runs: { label: string; run: TextRun }[] = [];
  let paragraph = 0;
  for (const block of article.blocks) {
    if (block.type === "paragraph") runs.push({ label: `paragraph ${++paragraph}`, run: block.content });
    else if (block.type === "heading") runs.push({ label: `heading ${quote(block.content.text, 40)}`, run: block.content });
    else if (block.type === "quote") for (const run of block.paragraphs) runs.push({ label: `quoted paragraph ${++paragraph}`, run });
    else if (block.type === "list") block.items.forEach((run, i) => runs.push({ label: `list item ${i + 1} (after paragraph ${paragraph})`, run }));
    else if (block.type === "table") [...block.head, ...block.rows.flat()].forEach((run, i) => runs.push({ label: `table cell ${i + 1} (after paragraph ${paragraph})`, run }));
  }
  return runs;
}

/**
 * Walks the run's text against a block's text: equal up to whitespace (any run of it, including
 * none at either end), and at the end of each annotated phrase the note's number may appear
 * (`1`, `[1]`, with or without a space before it). `matched` is how far into the run's text the
 * block agrees; `at` the same place in the block's text.
 */
export function matchRun(run: TextRun, block: string): { ok: boolean; matched: number; at: number } {
  const expected = withoutXmlForbidden(run.text);
  const actual = withoutXmlForbidden(block);
  // Where each note ends in `expected` (offsets shift when forbidden characters are dropped).
  const noteEnds = new Map<number, number[]>();
  for (const n of run.notes) {
    const end = withoutXmlForbidden(run.text.slice(0, n.end)).length;
    noteEnds.set(end, [...(noteEnds.get(end) ?? []), n.number]);
  }
  const space = /\s/u;
  let i = 0;
  let j = 0;
  const skipSpace = () => {
    while (j < actual.length && space.test(actual[j]!)) j++;
  };
  const skipNumbers = () => {
    for (const number of noteEnds.get(i) ?? []) {
      const m = new RegExp(`^\\s*\\[?${number}\\]?`, "u").exec(actual.slice(j));
      if (m) j += m[0].length;
    }
  };
  skipSpace();
  while (i < expected.length) {
    skipNumbers();
    if (space.test(expected[i]!)) {
      if (j >= actual.length || !space.test(actual[j]!)) return { ok: false, matched: i, at: j };
      while (i < expected.length && space.test(expected[i]!)) i++;
      skipSpace();
      continue;
    }
    if (j >= actual.length || expected[i] !== actual[j]) return { ok: false, matched: i, at: j };
    i++;
    j++;
  }
  skipNumbers();
  skipSpace();
  return { ok: j === actual.length, matched: i, at: j };
}

const around = (text: string, at: number, before = 40, after = 60) => ({
  before: quote(fold(text.slice(Math.max(0, at - before), at)).slice(-before), before + 1),
  after: quote(fold(text.slice(at, at + after * 2)), after),
});

/** Everything wrong with the reader view of one article page. */
export function readerViewProblems(where: string, html: string, url: string, article: Article): Problems {
  const view = readerView(html, url);
  if (!view) return [`${where}: Readability finds no article in the page (reader view would not be offered)`];
  const problems: Problems = [];
  const runs = textRuns(article).filter(({ run }) => fold(run.text) !== "");

  for (const { label, run } of runs) {
    const results = view.blocks.map((block) => ({ block, ...matchRun(run, block) }));
    if (results.some((r) => r.ok)) continue;
    const best = results.reduce<(typeof results)[number] | undefined>((a, r) => (!a || r.matched > a.matched ? r : a), undefined);
    if (!best || best.matched < Math.min(5, fold(run.text).length)) {
      problems.push(`${where}: the reader view lacks ${label}: ${quote(fold(run.text), 80)}`);
      continue;
    }
    const exp = around(run.text, best.matched);
    const act = around(best.block, best.at);
    problems.push(
      best.matched >= withoutXmlForbidden(run.text).length
        ? `${where}: in the reader view, ${label} goes on after its last word ${exp.before}: it reads ${act.after} (the article's text must end there)`
        : `${where}: in the reader view, ${label} is not word for word: after ${exp.before} the article reads ${exp.after}, the reader view reads ${act.after}`,
    );
  }

  // A note's body inside a block that holds the article's own words: a sentence interrupted by a note.
  for (const note of article.annotations) {
    const body = fold(note.body.map((r) => r.text).join(" "));
    const probe = body.slice(0, 40);
    if (probe === "") continue;
    for (const block of view.blocks) {
      const folded = fold(block);
      const at = folded.indexOf(probe);
      if (at < 0) continue;
      // The block holds the article's words: it agrees with a run for 20 characters, or up to the end of this note's own phrase.
      const host = runs.find(({ run }) => {
        const { matched } = matchRun(run, block);
        const own = run.notes.find((n) => n.id === note.id);
        return matched > 0 && (matched >= Math.min(20, fold(run.text).length) || (own !== undefined && matched >= withoutXmlForbidden(run.text.slice(0, own.end)).length));
      });
      if (!host) continue;
      problems.push(
        `${where}: note ${note.number}'s body is inside ${host.label} of the reader view: ${around(folded, at).before} is followed by ${quote(body, 60)}` +
          ` (the note belongs outside the paragraph; its phrase is ${quote(note.anchor.exact, 40)})`,
      );
    }
  }
  return problems;
}

export const readerViewCheck: Check = {
  name: "reader view: Mozilla Readability over every article page, each paragraph word for word",
  async run(live: Live) {
    const model = builtModel();
    const problems: Problems = [];
    for (const article of model.articles) {
      const path = `/articles/${article.slug}`;
      const { status, body } = await live.text(path);
      if (status !== 200) {
        problems.push(`GET ${path} answered ${status}`);
        continue;
      }
      problems.push(...readerViewProblems(path, body, `${model.site.url}${path}`, article));
    }
    return problems;
  },
};
