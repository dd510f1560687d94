/**
 * Which words of an article search finds, and in which field (the field sets their weight:
 * scoring.ts's `boosts`): every word a reader sees. The one place that decides it; the index
 * (index-build.ts) scores these fields and cuts snippets from `snippetText`.
 */
import type { Article, Block } from "../model/document.ts";
import { runsOf } from "../model/text.ts";
import type { Field } from "./scoring.ts";

type Searchable = Pick<Article, "title" | "tags" | "dek" | "blocks" | "annotations">;

/** A figure's alt text, caption and credit, as its reader meets them. */
function figureTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.type === "figure" ? [b.alt, b.caption ?? "", b.credit ?? ""].filter(Boolean) : []));
}

/**
 * Every note in note order, one per paragraph: its body, the original wording it quotes (in
 * that language, as written), and the titles of its sources.
 */
export function notesText(article: Pick<Article, "annotations">): string {
  return article.annotations
    .map((a) => [a.body.map((r) => r.text).join(" "), a.original?.text ?? "", ...a.sources.map((s) => s.title)].filter(Boolean).join("\n"))
    .join("\n\n");
}

/**
 * The searchable text of each field: the title; the tags; the dek; the text (every paragraph,
 * heading, quote, list item and table cell, then each figure's alt text, caption and credit);
 * the notes (`notesText`).
 */
export function searchableTexts(article: Searchable): Record<Field, string> {
  return {
    title: article.title,
    tags: article.tags.join(" "),
    dek: article.dek,
    text: [...runsOf(article.blocks).map((r) => r.text), ...figureTexts(article.blocks)].join("\n\n"),
    notes: notesText(article),
  };
}

/** What a snippet is cut from (and a phrase is checked against, with the title and dek): the text, then the notes. */
export function snippetText(texts: Pick<Record<Field, string>, "text" | "notes">): string {
  return texts.notes ? `${texts.text}\n\n${texts.notes}` : texts.text;
}
