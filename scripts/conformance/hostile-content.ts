/**
 * The hostile fixture `fixture-escaping-stress-test` (test/fixtures/articles): its title, text and
 * notes carry `<script>`, `]]>`, `&amp;`, quotes, control characters, emoji, right-to-left text
 * and a very long paragraph. Every output must stay valid and say exactly that text: the HTML
 * parses (in Chromium) to the same words with no script element but JSON-LD, the feeds parse
 * with their titles intact, the JSON parses, the EPUB passes EPUBCheck, and nothing executes.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { browserContexts, openPage, pageLogProblems, readingProblems, visibleText } from "./browser.ts";
import { repoRoot, type Check, type Problems } from "./check.ts";
import { checkEpubAt } from "./epubcheck.ts";
import { missing } from "./tools.ts";
import { slugOf } from "./feed-items.ts";
import { npmParse } from "./feed-parser-npm.ts";
import { runFeedparser } from "./feedparser-python.ts";
import type { ArticleJson, Live } from "./live.ts";
import { articleTexts, fold, noteTexts, quote, withoutXmlForbidden } from "./text.ts";
import { wellFormedProblems } from "./xml-well-formed.ts";
import { readPagedOpds } from "./opds.ts";
import { tagsOf } from "../../src/model/tags.ts";
import { paths } from "../../src/render/urls.ts";

export const hostileSlug = "fixture-escaping-stress-test";
export const hostileDir = join("test/fixtures/articles", hostileSlug);
const fixtureDir = join(repoRoot, hostileDir);

/** What Chromium built from the page (read with JavaScript off for the page, through DevTools). */
export interface DomSnapshot {
  scripts: { type: string; text: string }[];
  /** `tag onattr` for every event-handler attribute. */
  handlers: string[];
  /** href/src/action values that are javascript: URLs. */
  scriptUrls: string[];
  /** iframe, object, embed, frame elements. */
  embedded: number;
  h1: string | null;
  title: string;
  description: string | null;
}

export async function domSnapshot(page: import("playwright-core").Page): Promise<DomSnapshot> {
  return (await page.evaluate(`(() => ({
    scripts: [...document.querySelectorAll("script")].map((s) => ({ type: s.type, text: s.textContent })),
    handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName.toLowerCase() + " " + a.name)),
    scriptUrls: [...document.querySelectorAll("[href], [src], [action], [formaction]")].flatMap((e) => ["href", "src", "action", "formaction"].map((n) => e.getAttribute(n) || "").filter((v) => /^\\s*javascript:/i.test(v))),
    embedded: document.querySelectorAll("iframe, object, embed, frame").length,
    h1: document.querySelector("h1") ? document.querySelector("h1").textContent : null,
    title: document.title,
    description: document.querySelector('meta[name="description"]') ? document.querySelector('meta[name="description"]').getAttribute("content") : null,
  }))()`)) as DomSnapshot;
}

/** The DOM Chromium built from the page must hold no executable content and the text as written. */
export function hostileDomProblems(where: string, dom: DomSnapshot, article: Pick<ArticleJson, "title" | "dek">): Problems {
  const problems: Problems = [];
  const same = (a: string, b: string) => fold(withoutXmlForbidden(a)) === fold(withoutXmlForbidden(b));
  for (const s of dom.scripts) {
    if (s.type !== "application/ld+json") problems.push(`${where}: a <script${s.type ? ` type="${s.type}"` : ""}> element is in the DOM: ${quote(s.text, 60)}`);
    else {
      try {
        const data = JSON.parse(s.text) as { headline?: unknown };
        if (typeof data.headline === "string" && !same(data.headline, article.title)) problems.push(`${where}: the JSON-LD headline reads ${quote(data.headline)}, expected ${quote(article.title)}`);
      } catch (error) {
        problems.push(`${where}: the JSON-LD script does not parse: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  for (const h of dom.handlers) problems.push(`${where}: an event-handler attribute is in the DOM: ${h}`);
  for (const u of dom.scriptUrls) problems.push(`${where}: a javascript: URL is in the DOM: ${quote(u)}`);
  if (dom.embedded > 0) problems.push(`${where}: ${dom.embedded} iframe/object/embed elements are in the DOM`);
  if (dom.h1 === null || !same(dom.h1, article.title)) problems.push(`${where}: the headline reads ${quote(dom.h1 ?? "(no h1)")}, expected ${quote(article.title)}`);
  if (!fold(dom.title).includes(fold(withoutXmlForbidden(article.title)))) problems.push(`${where}: the document title ${quote(dom.title)} does not hold the article title ${quote(article.title)}`);
  if (dom.description === null || !same(dom.description, article.dek)) problems.push(`${where}: the meta description reads ${quote(dom.description ?? "(none)")}, expected ${quote(article.dek)}`);
  return problems;
}

/** A title read back by a feed reader must be the article's title (less the characters XML cannot carry). */
export function feedTitleProblems(where: string, read: string | null | undefined, title: string): Problems {
  if (read === undefined) return [`${where}: the fixture article is not among the items`];
  return read !== null && fold(read) === fold(withoutXmlForbidden(title)) ? [] : [`${where}: the title reads ${quote(read ?? "(none)")}, expected ${quote(withoutXmlForbidden(title))}`];
}

/** JSON that must parse. */
export function jsonParseProblems(where: string, text: string): Problems {
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    return [`${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** The hostile ingredients the issue asks the fixture to carry, looked for in its source files. */
export function fixtureIngredientProblems(source: string): Problems {
  const paragraphs = source.split(/\n\s*\n/);
  const ingredients: [string, boolean][] = [
    ["<script>", source.includes("<script>")],
    ["]]>", source.includes("]]>")],
    ["&amp;", source.includes("&amp;")],
    ["straight and curly quotes", /'/.test(source) && /"/.test(source) && /[‘’]/.test(source) && /[“”]/.test(source)],
    // Raw, or as a YAML escape in a double-quoted string ("\x01", "\u0007", "\b"); tab, LF and CR are ordinary text.
    ["control characters", /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(source) || /\\(x[01][0-9a-fA-F]|u00[01][0-9a-fA-F]|[0abvfe])/.test(source)],
    ["emoji", /\p{Extended_Pictographic}/u.test(source)],
    ["right-to-left text", /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(source)],
    ["a very long paragraph (5,000 characters or more)", paragraphs.some((p) => p.length >= 5000)],
  ];
  return ingredients.filter(([, present]) => !present).map(([name]) => `${hostileDir} lacks ${name}`);
}

/** YAML front matter of article.md. */
function frontMatter(markdown: string): { title?: string; dek?: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  return m ? ((parseYaml(m[1]!) as { title?: string; dek?: string }) ?? {}) : {};
}

async function hostileArticle(live: Live): Promise<ArticleJson | undefined> {
  const index = await live.index();
  return index.articles.some((a) => a.slug === hostileSlug) ? live.article(hostileSlug) : undefined;
}

const missingFixture = () => `the fixture article ${hostileSlug} is not served (not in /articles.json): ${existsSync(fixtureDir) ? "was `npm run build:test` run?" : `${hostileDir} does not exist`}`;

export const hostileFixtureCheck: Check = {
  name: `hostile content: ${hostileSlug} exists and carries every hostile ingredient`,
  async run(live) {
    if (!existsSync(join(fixtureDir, "article.md"))) return [`${hostileDir}/article.md does not exist`];
    const problems: Problems = [];
    if (!(await hostileArticle(live))) problems.push(missingFixture());
    const source = ["article.md", "annotations.yaml"].filter((f) => existsSync(join(fixtureDir, f))).map((f) => readFileSync(join(fixtureDir, f), "utf8")).join("\n\n");
    return [...problems, ...fixtureIngredientProblems(source)];
  },
};

export const hostileOutputsCheck: Check = {
  name: `hostile content: ${hostileSlug} in HTML, feeds, JSON and EPUB`,
  missingTool: missing("chromium", "feedparser", "epubcheck"),
  async run(live) {
    const article = await hostileArticle(live);
    if (!article) return [missingFixture()];
    const problems: Problems = [];

    // The model keeps the title and dek as written in the source.
    const written = frontMatter(readFileSync(join(fixtureDir, "article.md"), "utf8"));
    if (written.title !== undefined && written.title !== article.title) problems.push(`/articles/${hostileSlug}.json: title ${quote(article.title)} differs from the source's ${quote(written.title)}`);
    if (written.dek !== undefined && written.dek !== article.dek) problems.push(`/articles/${hostileSlug}.json: dek ${quote(article.dek)} differs from the source's ${quote(written.dek)}`);

    // HTML, as Chromium parses it.
    const path = `/articles/${hostileSlug}`;
    const contexts = await browserContexts(live);
    {
      const { page, log } = await openPage(contexts.nojs, live.origin, 1280);
      await page.goto(`${live.origin}${path}`, { waitUntil: "load" });
      problems.push(...hostileDomProblems(path, await domSnapshot(page), article));
      problems.push(...readingProblems(path, await visibleText(page), { texts: [fold(article.title), ...articleTexts(article)], notes: noteTexts(article) }));
      problems.push(...pageLogProblems(path, live.origin, log));
      await page.close();
    }
    {
      // Nothing executes with JavaScript on either: no dialog, no console error, no request out.
      const { page, log } = await openPage(contexts.page, live.origin, 1280);
      await page.goto(`${live.origin}${path}`, { waitUntil: "load" });
      await page.waitForTimeout(300);
      problems.push(...pageLogProblems(`${path} (JavaScript on)`, live.origin, log));
      await page.close();
    }

    // Feeds: well-formed, and both readers read the title back as written.
    // The OPDS catalog comes in pages: the one that lists the fixture; and the feeds of its own tags.
    const opds = (await readPagedOpds(live, "/opds.xml")).pages;
    let opdsPage = "/opds.xml";
    for (const p of opds) if ((await live.text(p)).body.includes(`/articles/${hostileSlug}.epub`)) opdsPage = p;
    const tagFeeds = tagsOf([article]).flatMap((t) => [paths.tagRss(t.slug), paths.tagAtom(t.slug)]);
    for (const feed of ["/feed.xml", "/atom.xml", opdsPage, ...tagFeeds]) {
      const { headers, body } = await live.text(feed);
      const malformed = wellFormedProblems(feed, body);
      problems.push(...malformed);
      if (malformed.length > 0) continue;
      const parsed = npmParse(body);
      if ("error" in parsed) problems.push(`${feed}: @rowanmanning/feed-parser cannot read it: ${parsed.error}`);
      else problems.push(...feedTitleProblems(`${feed} (@rowanmanning/feed-parser)`, parsed.items.find((i) => slugOf(i.url ?? "") === hostileSlug || slugOf(i.id ?? "") === hostileSlug)?.title, article.title));
      const fp = await runFeedparser(body, headers.get("Content-Type") ?? "");
      if (fp.bozo) problems.push(`${feed}: python feedparser says bozo=1: ${fp.exception}`);
      problems.push(...feedTitleProblems(`${feed} (python feedparser)`, fp.entries.find((e) => slugOf(e.link ?? "") === hostileSlug || slugOf(e.id ?? "") === hostileSlug)?.title, article.title));
    }

    // JSON: every JSON output parses; the JSON Feed carries the title as written.
    for (const json of [`/articles/${hostileSlug}.json`, `/articles/${hostileSlug}/annotations.jsonld`, "/articles.json", "/feed.json", `/articles/${hostileSlug}`]) {
      const { status, body } = await live.text(json, json === path ? { headers: { Accept: "application/json" } } : {});
      if (status !== 200) problems.push(`GET ${json} answered ${status}`);
      else problems.push(...jsonParseProblems(json, body));
      if (json === "/feed.json" && status === 200 && jsonParseProblems(json, body).length === 0) {
        const items = ((JSON.parse(body) as { items?: { url?: string; title?: string }[] }).items ?? []);
        problems.push(...feedTitleProblems("/feed.json", items.find((i) => slugOf(i.url ?? "") === hostileSlug)?.title, article.title));
      }
    }

    // EPUB: EPUBCheck clean (shared with the EPUB check).
    problems.push(...(await checkEpubAt(live, `${live.origin}/articles/${hostileSlug}.epub`)));
    return problems;
  },
};
