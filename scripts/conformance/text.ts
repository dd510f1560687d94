/**
 * Text helpers the checks share: the plain text of an HTML fragment, whitespace folding, the
 * article's own text to look for in every output, and the URLs inside markup.
 */
import type { ArticleJson } from "./live.ts";
import type { TextRun } from "../../src/model/document.ts";

/** Characters XML 1.0 cannot carry (XML 1.0 §2.2): feeds drop them, so comparisons drop them too. */
const xmlForbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function withoutXmlForbidden(text: string): string {
  return text.replace(xmlForbidden, "");
}

/** Whitespace runs (including no-break spaces) folded to one space, trimmed. */
export function fold(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes numeric character references and the XML/HTML entities a well-formed feed may use. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[ref.toLowerCase()] ?? whole;
  });
}

const blockTags = /^(p|div|li|ol|ul|blockquote|h[1-6]|section|article|aside|br|tr|td|th|dt|dd|figure|figcaption|pre|hr)$/i;

/**
 * The plain text of an HTML fragment: tags removed (block ends become spaces), entities decoded,
 * whitespace folded. `dropNoteRefs` removes `<sup>` elements: the numbered note references that
 * follow an annotated phrase and are not part of the article's words.
 */
export function htmlText(html: string, options: { dropNoteRefs?: boolean } = {}): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ");
  if (options.dropNoteRefs) s = s.replace(/<sup\b[^>]*>[\s\S]*?<\/sup\s*>/gi, "");
  s = s.replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_m, tag: string) => (blockTags.test(tag) ? " " : ""));
  return fold(decodeEntities(s));
}

/** The runs of an article's text in reading order: headings, paragraphs, quotes, list items, table cells. */
export function articleRuns(article: ArticleJson): TextRun[] {
  return article.blocks.flatMap((b) =>
    b.type === "paragraph" || b.type === "heading" ? [b.content] : b.type === "quote" ? b.paragraphs : b.type === "list" ? b.items : b.type === "table" ? [...b.head, ...b.rows.flat()] : [],
  );
}

/** Each run of the article's text, as it must read in any output (folded, XML-safe). */
export function articleTexts(article: ArticleJson): string[] {
  return articleRuns(article).map((r) => fold(withoutXmlForbidden(r.text))).filter((t) => t !== "");
}

/** Each note's text (its paragraphs), folded. */
export function noteTexts(article: ArticleJson): { number: number; text: string }[] {
  return article.annotations.map((a) => ({ number: a.number, text: fold(withoutXmlForbidden(a.body.map((r) => r.text).join(" "))) }));
}

/** The first of `texts` missing from `haystack` (both folded), shortened for a message; undefined when all are there. */
export function firstMissing(haystack: string, texts: string[]): string | undefined {
  const folded = fold(haystack);
  const missing = texts.find((t) => !folded.includes(fold(t)));
  return missing === undefined ? undefined : quote(missing);
}

export function quote(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** Every URL in an href, src, poster, cite, action or srcset attribute of the markup (entities decoded). */
export function markupUrls(html: string): { attribute: string; url: string }[] {
  const found: { attribute: string; url: string }[] = [];
  for (const tag of html.matchAll(/<[a-z][a-z0-9-]*\b[^>]*>/gi)) {
    for (const m of tag[0].matchAll(/\s(href|src|poster|cite|action|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
      const attribute = m[1]!.toLowerCase();
      const value = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
      const urls = attribute === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "") : [value];
      for (const url of urls) found.push({ attribute, url: url.trim() });
    }
  }
  return found;
}

/** Absolute http(s) URLs (and mailto:) survive being shown away from the site; anything else does not. */
export function isAbsoluteWebUrl(url: string): boolean {
  return /^(https?:\/\/[^\s/]+|mailto:)/i.test(url);
}

/** Problems for each relative URL in content markup: feed readers show content away from the site. */
export function relativeUrlProblems(where: string, html: string): string[] {
  return markupUrls(html)
    .filter(({ url }) => !isAbsoluteWebUrl(url))
    .map(({ attribute, url }) => `${where}: relative URL in content: ${attribute}=${quote(url)} (must be an absolute http(s) URL)`);
}
