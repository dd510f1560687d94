/** The RSS and Atom feeds, each read by three independent readers and held to the item rules. */
import type { Check, Problems } from "./check.ts";
import { contentTypeProblems } from "./content-types.ts";
import { feedItemProblems, readFeedItems } from "./feed-items.ts";
import { npmFeedParserProblems } from "./feed-parser-npm.ts";
import { feedparserProblems, runFeedparser } from "./feedparser-python.ts";
import type { ArticleJson, Live } from "./live.ts";
import { builtModel, expectedFeedItems } from "./model.ts";
import { missing } from "./tools.ts";
import { wellFormedProblems } from "./xml-well-formed.ts";

/** Everything wrong with one RSS or Atom document, given the articles it should list. */
export async function xmlFeedProblems(what: string, xml: string, contentType: string, articles: Map<string, ArticleJson>, expectedCount?: number): Promise<Problems> {
  const malformed = wellFormedProblems(what, xml);
  const problems = [...malformed, ...feedparserProblems(what, await runFeedparser(xml, contentType), expectedCount), ...npmFeedParserProblems(what, xml, expectedCount)];
  if (malformed.length > 0) return problems; // the items of a broken document mean little
  const { format, items } = readFeedItems(xml);
  if (format === "unknown") return [...problems, `${what}: neither an RSS <rss> nor an Atom <feed> document`];
  problems.push(...feedItemProblems(what, format, items, articles, expectedCount));
  return problems;
}

/** The articles a feed lists: the newest `feedItems` of them (all, with fewer than the site's limit). */
export async function articlesBySlug(live: Live): Promise<Map<string, ArticleJson>> {
  return new Map((await live.articles()).map((a) => [a.slug, a]));
}

function xmlFeedCheck(path: string, type: string): Check {
  return {
    name: `feed ${path}: python feedparser, @rowanmanning/feed-parser, items`,
    missingTool: missing("feedparser"),
    async run(live) {
      const { status, headers, body } = await live.text(path);
      if (status !== 200) return [`GET ${path} answered ${status}`];
      const articles = await articlesBySlug(live);
      // As many items as the site's settings give (dist/model.json), not as many as the worker chose to list.
      const count = expectedFeedItems(builtModel());
      return [...contentTypeProblems(`GET ${path}`, headers.get("Content-Type"), type), ...(await xmlFeedProblems(path, body, headers.get("Content-Type") ?? "", articles, count))];
    },
  };
}

export const rssCheck = xmlFeedCheck("/feed.xml", "application/rss+xml");
export const atomCheck = xmlFeedCheck("/atom.xml", "application/atom+xml");
