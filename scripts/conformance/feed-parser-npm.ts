/** @rowanmanning/feed-parser, an npm reader of RSS and Atom: it must read every item with an id, a link, a date and content. */
import { parseFeed } from "@rowanmanning/feed-parser";
import type { Problems } from "./check.ts";
import { quote } from "./text.ts";

export interface NpmFeedItem {
  id: string | null;
  url: string | null;
  title: string | null;
  date: Date | null;
  content: string | null;
}

export function npmParse(xml: string): { items: NpmFeedItem[] } | { error: string } {
  try {
    const feed = parseFeed(xml);
    return { items: feed.items.map((i) => ({ id: i.id, url: i.url, title: i.title, date: i.published ?? i.updated, content: i.content })) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export function npmFeedParserProblems(what: string, xml: string, expectedCount?: number): Problems {
  const parsed = npmParse(xml);
  if ("error" in parsed) return [`${what}: @rowanmanning/feed-parser cannot read it: ${parsed.error}`];
  const problems: Problems = [];
  if (expectedCount !== undefined && parsed.items.length !== expectedCount) problems.push(`${what}: @rowanmanning/feed-parser found ${parsed.items.length} items, expected ${expectedCount}`);
  parsed.items.forEach((item, i) => {
    const where = `${what}: @rowanmanning/feed-parser item ${i + 1}${item.title ? ` (${quote(item.title, 50)})` : ""}`;
    if (!item.title) problems.push(`${where} has no title`);
    if (!item.id) problems.push(`${where} has no id`);
    if (!item.url) problems.push(`${where} has no link`);
    if (!item.date || Number.isNaN(item.date.getTime())) problems.push(`${where} has no date it can read`);
    if (!item.content) problems.push(`${where} has no content`);
  });
  return problems;
}
