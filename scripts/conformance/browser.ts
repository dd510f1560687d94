/**
 * Debian's Chromium, headless, driven by playwright-core: the index, the tag pages, /collections,
 * every article page, the search form and a page of search results at
 * 390 and 1280 pixels wide. Each page must pass axe-core with no violations, log no console
 * error, request nothing outside the origin, read fully with JavaScript off, and let a keyboard
 * user Tab to every note button, open its popover with Enter and close it with Escape.
 * Screenshots go to test-results/screenshots/.
 *
 * Three browser profiles, each in a fresh temporary --user-data-dir:
 *   page   JavaScript on (for Playwright's own probes), the page's CSP enforced: console, requests, keyboard
 *   axe    bypassCSP, only so that axe-core can be injected (the page's CSP forbids every script)
 *   nojs   javaScriptEnabled: false: the page as a reader without JavaScript gets it
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { repoRoot, type Check, type Problems } from "./check.ts";
import { tagsOf } from "../../src/model/tags.ts";
import { paths } from "../../src/render/urls.ts";
import type { ArticleJson, IndexJson, Live } from "./live.ts";
import { builtModel } from "./model.ts";
import { firstMissing, fold, noteTexts, quote, articleTexts, withoutXmlForbidden } from "./text.ts";
import { chromiumPath, missing } from "./tools.ts";

export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const widths = [390, 1280] as const;
export const screenshotDir = "test-results/screenshots";
const screenshots = join(repoRoot, screenshotDir);

export interface Contexts {
  page: BrowserContext;
  axe: BrowserContext;
  nojs: BrowserContext;
}

/** The three profiles, launched once per run and closed by the runner. */
export function browserContexts(live: Live): Promise<Contexts> {
  return live.once("browser", async () => {
    const dirs: string[] = [];
    const launch = (options: { bypassCSP?: boolean; javaScriptEnabled?: boolean }) => {
      const dir = mkdtempSync(join(tmpdir(), "folio-chromium-"));
      dirs.push(dir);
      return chromium.launchPersistentContext(dir, { executablePath: chromiumPath, args: chromiumArgs, headless: true, viewport: { width: 1280, height: 900 }, ...options });
    };
    const contexts: Partial<Contexts> = {};
    live.cleanups.push(async () => {
      for (const c of Object.values(contexts)) await c.close().catch(() => {});
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    contexts.page = await launch({});
    contexts.axe = await launch({ bypassCSP: true });
    contexts.nojs = await launch({ javaScriptEnabled: false });
    return contexts as Contexts;
  });
}

export interface PageLog {
  consoleErrors: string[];
  offOrigin: string[];
  dialogs: string[];
}

/** A new page that records console errors, dialogs, and every request outside `origin` (blocked). */
export async function openPage(context: BrowserContext, origin: string, width: number): Promise<{ page: Page; log: PageLog }> {
  const page = await context.newPage();
  const log: PageLog = { consoleErrors: [], offOrigin: [], dialogs: [] };
  await page.setViewportSize({ width, height: 900 });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    log.offOrigin.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("console", (m) => {
    if (m.type() === "error") log.consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => log.consoleErrors.push(`uncaught: ${e.message}`));
  page.on("dialog", (d) => {
    log.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  return { page, log };
}

// ---- pure checks over what the browser saw ----

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

export function axeProblems(where: string, violations: AxeViolation[]): Problems {
  return violations.map((v) => `${where}: axe ${v.id} (${v.impact ?? "?"}): ${v.help} — at ${v.nodes.slice(0, 3).join(", ")}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`);
}

export function pageLogProblems(where: string, origin: string, log: PageLog): Problems {
  return [
    ...log.consoleErrors.map((e) => `${where}: console error: ${e}`),
    ...log.offOrigin.map((u) => `${where}: request leaves the origin ${origin}: ${u}`),
    ...log.dialogs.map((d) => `${where}: a script ran and opened a dialog (${d})`),
  ];
}

/** With JavaScript off, the page's visible text must hold the article (title, dek, every run) and every note. */
export function readingProblems(where: string, visibleText: string, expected: { texts: string[]; notes: { number: number; text: string }[] }): Problems {
  const problems: Problems = [];
  const missing = firstMissing(visibleText, expected.texts);
  if (missing) problems.push(`${where}: without JavaScript the page does not show ${missing}`);
  const folded = fold(visibleText);
  for (const note of expected.notes) {
    if (!folded.includes(note.text)) problems.push(`${where}: without JavaScript note ${note.number} is not shown (${quote(note.text, 60)})`);
  }
  return problems;
}

export interface NoteVisit {
  /** The popover the button opens (its popovertarget). */
  target: string;
  opened: boolean;
  text: string;
  /** The open popover lies within the viewport's width. */
  fits: boolean;
  closed: boolean;
}

export interface KeyboardWalk {
  buttons: string[];
  visits: NoteVisit[];
  width: number;
}

export function keyboardProblems(where: string, walk: KeyboardWalk, notes: { number: number; text: string }[]): Problems {
  const problems: Problems = [];
  if (notes.length > 0 && walk.buttons.length === 0) problems.push(`${where}: the article has ${notes.length} notes but no note button (no element with popovertarget)`);
  const visited = new Set(walk.visits.map((v) => v.target));
  for (const b of walk.buttons) if (!visited.has(b)) problems.push(`${where}: the note button for #${b} cannot be reached with Tab`);
  const read = new Set<number>();
  for (const v of walk.visits) {
    if (!v.opened) {
      problems.push(`${where}: Enter on the note button for #${v.target} does not show its popover`);
      continue;
    }
    const note = notes.find((n) => fold(v.text).includes(n.text));
    if (!note) problems.push(`${where}: the popover #${v.target} opened by the keyboard shows no note text (it shows ${quote(fold(v.text), 60)})`);
    else read.add(note.number);
    if (!v.fits) problems.push(`${where}: the popover #${v.target} does not fit in the ${walk.width}px-wide viewport`);
    if (!v.closed) problems.push(`${where}: Escape does not close the popover #${v.target}`);
  }
  for (const n of notes) if (!read.has(n.number) && walk.buttons.length > 0) problems.push(`${where}: note ${n.number} cannot be read with the keyboard (${quote(n.text, 60)})`);
  return problems;
}

// ---- what the browser does ----

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then((r) => ({
    rules: r.passes.length + r.violations.length + r.incomplete.length,
    violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })),
  }))`)) as { rules: number; violations: AxeViolation[] };
  browserTally.axeRules = Math.max(browserTally.axeRules, result.rules);
  return result.violations;
}

/** The body's visible text with the numbered note references hidden (they are not the article's words). */
export async function visibleText(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const refs = [...document.querySelectorAll("sup")].filter((s) => s.querySelector("[popovertarget]"));
    for (const s of refs) s.style.display = "none";
    const text = document.body.innerText;
    for (const s of refs) s.style.display = "";
    return text;
  })()`)) as string;
}

async function walkNotes(page: Page, width: number): Promise<KeyboardWalk> {
  const buttons = (await page.evaluate(`[...document.querySelectorAll("[popovertarget]")].map((b) => b.getAttribute("popovertarget"))`)) as string[];
  const focusable = (await page.evaluate(`document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]").length`)) as number;
  await page.evaluate(`document.activeElement && document.activeElement.blur && document.activeElement.blur()`);
  const visits: NoteVisit[] = [];
  const seen = new Set<string>();
  // Bounded: twice the focusable elements, so a full cycle through the page always fits.
  for (let i = 0; i < Math.min(4000, 2 * focusable + 20) && seen.size < buttons.length; i++) {
    await page.keyboard.press("Tab");
    const target = (await page.evaluate(`document.activeElement && document.activeElement.getAttribute("popovertarget")`)) as string | null;
    if (!target || seen.has(target)) continue;
    seen.add(target);
    await page.keyboard.press("Enter");
    const popover = page.locator(`[id=${JSON.stringify(target)}]`);
    const opened = (await popover.isVisible()) && ((await page.evaluate(`(() => { const e = document.getElementById(${JSON.stringify(target)}); return !!e && e.matches(":popover-open"); })()`)) as boolean);
    const text = opened ? await popover.innerText() : "";
    const box = opened ? await popover.boundingBox() : null;
    const fits = !box || (box.x >= -1 && box.x + box.width <= width + 1);
    await page.keyboard.press("Escape");
    const closed = !(await popover.isVisible());
    visits.push({ target, opened, text, fits, closed });
  }
  return { buttons, visits, width };
}

export interface PageToCheck {
  path: string;
  /** Screenshot name. */
  name: string;
  article?: ArticleJson;
  /** Texts the page must show (for the index: every title). */
  texts: string[];
}

export async function pagesToCheck(live: Live): Promise<PageToCheck[]> {
  const articles = await live.articles();
  const titles = (list: { title: string }[]) => list.map((a) => fold(withoutXmlForbidden(a.title)));
  // Lists come in pages: the index's first and last page, the tag index, and the page of the tag with the most articles.
  const lists: PageToCheck[] = [];
  for (const first of ["/articles.json"]) {
    const page = await live.json<IndexJson & { url: string }>(first);
    lists.push({ path: new URL(page.url).pathname, name: "index", texts: titles(page.articles) });
    let last = page;
    while (last.next) last = await live.json<IndexJson & { url: string }>(new URL(last.next).pathname);
    if (last !== page) lists.push({ path: new URL(last.url).pathname, name: "index-last-page", texts: titles(last.articles) });
  }
  const tags = tagsOf(builtModel().articles);
  const tag = [...tags].sort((a, b) => b.articles.length - a.articles.length)[0];
  if (tag) {
    const page = await live.json<IndexJson & { url: string }>(`${paths.tagJson(tag.slug)}`);
    lists.push({ path: paths.tag(tag.slug), name: `tag-${tag.slug}`, texts: [fold(withoutXmlForbidden(tag.name)), ...titles(page.articles)] });
    // /tags lists the tags by slug: the first is on its first page.
    lists.push({ path: paths.tags, name: "tags", texts: [fold(withoutXmlForbidden(tags[0]!.name))] });
  }
  // /collections: its first page shows the titles of the first books the JSON twin lists.
  const books = await live.json<{ collections: { title: string }[] }>(paths.collectionsJson);
  lists.push({ path: paths.collections, name: "collections", texts: ["Collections", ...books.collections.map((c) => fold(withoutXmlForbidden(c.title)))] });
  return [
    ...lists,
    ...articles.map((a) => ({ path: `/articles/${a.slug}`, name: a.slug, article: a, texts: [fold(a.title), fold(a.dek), ...articleTexts(a)] })),
    // Search: the form alone, and a page of results for the longest word of the newest title (a result with marks).
    { path: "/search", name: "search", texts: ["Search", "Type one or more words"] },
    ...articles.slice(0, 1).map((a) => {
      const word = [...a.title.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).sort((x, y) => y.length - x.length)[0] ?? "";
      return { path: `/search?q=${encodeURIComponent(word)}`, name: "search-results", texts: [fold(withoutXmlForbidden(a.title))] };
    }),
  ];
}

/** What the browser check did, for the line it prints. */
export const browserTally = { pages: 0, notesOpened: 0, axeRules: 0, rtlParagraphs: 0 };

/** A right-to-left letter (scripts whose letters are Bidi_Class R or AL), and any letter. */
const rtlLetter = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Hanifi_Rohingya}]/u;
const letter = /\p{L}/u;

/** A block of an article as Chromium lays it out: its text and its computed CSS direction. */
export interface LaidOut {
  text: string;
  direction: string;
}

/**
 * Each block of an article's page (title, dek, paragraphs, the site's lines, notes' originals)
 * must run in the direction of its script: Chromium's computed `direction` must be `rtl` where
 * the block's first letter is of a right-to-left script (Arabic, Hebrew…), `ltr` otherwise.
 * Worked out from the text, not from the page's markup, so that a missing `dir` is caught.
 */
export function directionProblems(where: string, blocks: readonly LaidOut[]): Problems {
  const problems: Problems = [];
  for (const b of blocks) {
    const first = [...b.text].find((c) => letter.test(c));
    if (!first) continue;
    const expected = rtlLetter.test(first) ? "rtl" : "ltr";
    if (b.direction !== expected) problems.push(`${where}: "${b.text.trim().slice(0, 40)}…" is laid out ${b.direction || "(no direction)"}, but its script runs ${expected}`);
  }
  return problems;
}

/** The blocks of the article on `page` with their computed direction (a note's text without its kind label, which is the site's). */
async function laidOut(page: Page): Promise<LaidOut[]> {
  return (await page.evaluate(
    `[...document.querySelectorAll("article > h1, article > p, article .meta p, article li > p, blockquote.orig p")].map((e) => ({ text: [...e.childNodes].filter((n) => !n.classList?.contains("kind")).map((n) => n.textContent).join(""), direction: getComputedStyle(e).direction }))`,
  )) as LaidOut[];
}

export async function checkPage(live: Live, contexts: Contexts, target: PageToCheck, width: number): Promise<Problems> {
  const where = `${target.path} at ${width}px`;
  const url = `${live.origin}${target.path}`;
  const problems: Problems = [];
  const notes = target.article ? noteTexts(target.article) : [];

  {
    const { page, log } = await openPage(contexts.page, live.origin, width);
    const res = await page.goto(url, { waitUntil: "load" });
    if (res?.status() !== 200) problems.push(`${where}: status ${res?.status()}`);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, `${target.name}-${width}.png`), fullPage: true });
    if (target.article) {
      const blocks = await laidOut(page);
      browserTally.rtlParagraphs += blocks.filter((b) => b.direction === "rtl").length;
      problems.push(...directionProblems(where, blocks));
      const walk = await walkNotes(page, width);
      browserTally.notesOpened += walk.visits.filter((v) => v.opened).length;
      problems.push(...keyboardProblems(where, walk, notes));
    }
    problems.push(...pageLogProblems(where, live.origin, log));
    await page.close();
  }
  {
    const { page } = await openPage(contexts.axe, live.origin, width);
    await page.goto(url, { waitUntil: "load" });
    problems.push(...axeProblems(where, await runAxe(page)));
    await page.close();
  }
  {
    const { page, log } = await openPage(contexts.nojs, live.origin, width);
    await page.goto(url, { waitUntil: "load" });
    problems.push(...readingProblems(where, await visibleText(page), { texts: target.texts, notes }));
    problems.push(...pageLogProblems(`${where} (JavaScript off)`, live.origin, log));
    await page.close();
  }
  return problems;
}

export const browserCheck: Check = {
  name: `browser: Chromium at ${widths.join(" and ")}px: axe-core, console, origin, no-JS reading, keyboard notes, each block's direction`,
  missingTool: missing("chromium"),
  async run(live) {
    const contexts = await browserContexts(live);
    const problems: Problems = [];
    for (const target of await pagesToCheck(live)) {
      for (const width of widths) {
        problems.push(...(await checkPage(live, contexts, target, width)));
        browserTally.pages++;
      }
    }
    console.log(`     browser: ${browserTally.pages} page loads × 3 profiles, ${browserTally.notesOpened} note popovers opened and closed by keyboard, ${browserTally.rtlParagraphs} blocks laid out right to left, up to ${browserTally.axeRules} axe rules applied a page; screenshots in ${screenshotDir}/`);
    return problems;
  },
};
