/**
 * The items of an RSS 2.0 or Atom 1.0 feed as written (read with a strict XML parser, nothing
 * resolved or repaired), and what every item must carry: an absolute link, a stable id, a date,
 * the article's full text, and no relative URL inside its content.
 */
import { XMLParser } from "fast-xml-parser";
import type { Problems } from "./check.ts";
import type { ArticleJson } from "./live.ts";
import { articleTexts, firstMissing, htmlText, isAbsoluteWebUrl, quote, relativeUrlProblems } from "./text.ts";

export interface RawItem {
  title: string | undefined;
  link: string | undefined;
  id: string | undefined;
  /** The item's date as written (RSS pubDate, Atom published or updated). */
  date: string | undefined;
  /** The content as HTML (RSS content:encoded or description; Atom content of type html or xhtml). */
  content: string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ["item", "entry", "link", "content"].includes(name),
  // Atom xhtml content stays markup.
  stopNodes: ["*.content"],
  processEntities: true,
  htmlEntities: false,
});

type Node = Record<string, unknown>;
/** The text of an element read by the parser (the first, when it occurs more than once). */
const str = (v: unknown): string | undefined => {
  if (Array.isArray(v)) return str(v[0]);
  if (typeof v === "string") return v;
  return v && typeof v === "object" && typeof (v as Node)["#text"] === "string" ? ((v as Node)["#text"] as string) : undefined;
};

export function readFeedItems(xml: string): { format: "rss" | "atom" | "unknown"; items: RawItem[] } {
  const doc = parser.parse(xml) as Node;
  const rss = doc["rss"] as Node | undefined;
  if (rss) {
    const channel = (rss["channel"] ?? {}) as Node;
    const items = (channel["item"] ?? []) as Node[];
    return {
      format: "rss",
      items: items.map((i) => ({
        title: str(i["title"]),
        // RSS's own <link> (an atom:link has another name).
        link: str(i["link"]),
        id: str(i["guid"]),
        date: str(i["pubDate"]) ?? str(i["dc:date"]),
        content: str(i["content:encoded"]) ?? str(i["description"]),
      })),
    };
  }
  const feed = doc["feed"] as Node | undefined;
  if (feed) {
    const entries = (feed["entry"] ?? []) as Node[];
    return {
      format: "atom",
      items: entries.map((e) => {
        const links = (e["link"] ?? []) as Node[];
        const alternate = links.find((l) => (l["@rel"] ?? "alternate") === "alternate");
        const content = ((e["content"] ?? []) as unknown[])[0];
        const type = content && typeof content === "object" ? ((content as Node)["@type"] as string | undefined) : undefined;
        const raw = str(content);
        // Stop nodes keep their text raw: html content is still entity-escaped, xhtml content is markup.
        const html = raw === undefined ? undefined : type === "html" ? decodeXmlText(raw) : type === "xhtml" ? raw : decodeXmlText(raw);
        return { title: str(e["title"]), link: alternate ? str(alternate["@href"]) : undefined, id: str(e["id"]), date: str(e["published"]) ?? str(e["updated"]), content: html };
      }),
    };
  }
  return { format: "unknown", items: [] };
}

/** XML text content → its characters (the five predefined entities and character references). */
function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_m, ref: string) => {
    if (ref[0] === "#") return String.fromCodePoint(ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[ref]!;
  });
}

const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d(:\d\d)? ([+-]\d{4}|GMT|UT|Z|[A-IK-Z]|[ECMP][SD]T)$/;
const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** The slug of an article URL `…/articles/<slug>`, or undefined. */
export function slugOf(url: string): string | undefined {
  try {
    return /^\/articles\/([^/]+)$/.exec(new URL(url).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Problems with each item: `articles` (by slug) gives the canonical URL (the stable id) and the
 * text the item's content must hold in full.
 */
export function feedItemProblems(what: string, format: "rss" | "atom", items: RawItem[], articles: Map<string, ArticleJson>, expectedCount?: number): Problems {
  const problems: Problems = [];
  if (items.length === 0) problems.push(`${what}: the feed has no items`);
  if (expectedCount !== undefined && items.length !== expectedCount) problems.push(`${what}: ${items.length} items, expected ${expectedCount}`);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const where = `${what} item ${i + 1}${item.title ? ` (${quote(item.title, 50)})` : ""}`;
    if (!item.link) problems.push(`${where}: no link`);
    else if (!isAbsoluteWebUrl(item.link)) problems.push(`${where}: link ${quote(item.link)} is not an absolute http(s) URL`);
    const article = item.link ? articles.get(slugOf(item.link) ?? "") : undefined;
    if (item.link && isAbsoluteWebUrl(item.link) && !article) problems.push(`${where}: link ${quote(item.link)} is not the URL of a known article`);

    if (!item.id) problems.push(`${where}: no ${format === "rss" ? "guid" : "id"}`);
    else {
      if (!/^(https?:\/\/|urn:|tag:)/i.test(item.id)) problems.push(`${where}: id ${quote(item.id)} is not an absolute URI`);
      if (seen.has(item.id)) problems.push(`${where}: id ${quote(item.id)} is used by another item`);
      seen.add(item.id);
      if (article && item.id !== article.url) problems.push(`${where}: id ${quote(item.id)} is not the article's canonical URL ${article.url} (the id must never change)`);
    }

    if (!item.date) problems.push(`${where}: no date`);
    else if (!(format === "rss" ? rfc822 : rfc3339).test(item.date) || Number.isNaN(Date.parse(item.date)))
      problems.push(`${where}: date ${quote(item.date)} is not ${format === "rss" ? "an RFC 822 date" : "an RFC 3339 date-time"}`);

    if (!item.content) problems.push(`${where}: no content`);
    else {
      problems.push(...relativeUrlProblems(where, item.content));
      if (article) {
        const missing = firstMissing(htmlText(item.content, { dropNoteRefs: true }), articleTexts(article));
        if (missing) problems.push(`${where}: content is not the full text: ${missing} is missing`);
      }
    }
  });
  return problems;
}
