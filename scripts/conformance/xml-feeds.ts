/** The RSS and Atom feeds, each read by three independent readers and held to the item rules. */
import type { Check, Problems } from "./check.ts";
import { contentTypeProblems } from "./content-types.ts";
import { tagsOf } from "../../src/model/tags.ts";
import { paths } from "../../src/render/urls.ts";
import { feedItemProblems, readFeedItems, slugOf } from "./feed-items.ts";
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

/** The articles a tag's feed lists, newest first: the tag's newest `feedItems` in the build (dist/model.json). */
export function tagFeedExpectations(): { slug: string; name: string; slugs: string[] }[] {
  const model = builtModel();
  return tagsOf(model.articles).map((t) => ({ slug: t.slug, name: t.name, slugs: t.articles.slice(0, model.site.feedItems).map((a) => a.slug) }));
}

/** The items a feed lists, as article slugs, in order. */
function listedSlugs(xml: string): (string | undefined)[] {
  return readFeedItems(xml).items.map((i) => (i.link ? slugOf(i.link) : undefined));
}

export const tagXmlFeedsCheck: Check = {
  name: "feed /tags/<slug>/feed.xml and atom.xml (every tag): python feedparser, @rowanmanning/feed-parser, items",
  missingTool: missing("feedparser"),
  async run(live) {
    const articles = await articlesBySlug(live);
    const problems: Problems = [];
    const tags = tagFeedExpectations();
    if (tags.length === 0) return ["the build has no tags: nothing to check"];
    for (const tag of tags)
      for (const [path, type] of [[paths.tagRss(tag.slug), "application/rss+xml"], [paths.tagAtom(tag.slug), "application/atom+xml"]] as const) {
        const { status, headers, body } = await live.text(path);
        if (status !== 200) {
          problems.push(`GET ${path} answered ${status}`);
          continue;
        }
        problems.push(...contentTypeProblems(`GET ${path}`, headers.get("Content-Type"), type), ...(await xmlFeedProblems(path, body, headers.get("Content-Type") ?? "", articles, tag.slugs.length)));
        const listed = listedSlugs(body);
        if (JSON.stringify(listed) !== JSON.stringify(tag.slugs)) problems.push(`${path}: lists ${listed.join(", ")}; the tag ${JSON.stringify(tag.name)}'s newest articles are ${tag.slugs.join(", ")}`);
      }
    return problems;
  },
};
