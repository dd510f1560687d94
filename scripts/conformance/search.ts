/**
 * Hostile queries against the running worker: every one gets 200 and a clean page from /search
 * (as Chromium builds it, JavaScript off), parseable JSON from /search.json, and from
 * /search.opds a well-formed feed python feedparser reads without complaint; requests whose
 * query string carries raw bytes a client should have encoded (sent over a raw socket, since
 * fetch would encode them) get a status below 500. A clean page: no script element, no
 * event-handler attribute, no bidi embedding/override/isolate character in the visible text or
 * the echoed query, the echoed query at most 200 characters, and markup in the query shown as
 * the text it is.
 */
import type { Page } from "playwright-core";
import { browserContexts, openPage, pageLogProblems } from "./browser.ts";
import type { Check, Problems } from "./check.ts";
import type { Live } from "./live.ts";
import { rawRequest, parseStatus } from "./odd-methods.ts";
import { runFeedparser } from "./feedparser-python.ts";
import { quote } from "./text.ts";
import { missing } from "./tools.ts";
import { wellFormedProblems } from "./xml-well-formed.ts";

/** Query strings (already percent-encoded) and what each tries. */
export const hostileQueries: [string, string][] = [
  ["empty", "q="],
  ["no q", ""],
  ["very long", `q=${"harbour%20".repeat(1500)}`],
  ["control characters", "q=harb%00our%07%08%1B%7F%C2%85%C2%9B"],
  ["HTML", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%3Csvg%20onload%3Dalert(1)%3E"],
  ["regex metacharacters", "q=.*%2B%3F%5B(%5C%5E%24%7C%7B1%2C%7D)%5D%5C"],
  ["right-to-left and bidi overrides", "q=%D8%B3%D9%84%D8%A7%D9%85%20%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D%E2%80%AC%20%E2%81%A7x%E2%81%A9"],
  ["invalid percent-encoding", "q=%zz%E0%A4%A%FF%C0%AE%"],
  ["encoded lone surrogate", "q=%ED%A0%80harbour"],
  ["repeated q", "q=harbour&q=%3Cb%3Ebold%3C%2Fb%3E"],
  ["page=abc", "q=harbour&page=abc"],
  ["page=0", "q=harbour&page=0"],
  ["page=-1", "q=harbour&page=-1"],
  ["page=99999", "q=harbour&page=99999"],
  ["entities", "q=%26lt%3Bscript%26gt%3B%20%26%23x3C%3B%20%26amp%3B"],
];

/** Query strings with raw bytes in the request line (a client should encode them). */
export const rawQueries = ["q=<script>", "q=a\"b'c", "q=%", "q=\u00e9", "q=\u00ff\u00fe", "q={}|\\^`", "q=a&&&page=&=&q"];

export interface SearchDom {
  scripts: number;
  handlers: string[];
  /** The search input's value (the query echoed back), or null when the page has none. */
  echoed: string | null;
  h1: string | null;
  text: string;
}

export async function searchDom(page: Page): Promise<SearchDom> {
  return (await page.evaluate(`(() => ({
    scripts: document.querySelectorAll("script").length,
    handlers: [...document.querySelectorAll("*")].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName.toLowerCase() + " " + a.name)),
    echoed: document.querySelector("main input[name=q]") ? document.querySelector("main input[name=q]").value : null,
    h1: document.querySelector("h1") ? document.querySelector("h1").textContent : null,
    text: document.body.innerText,
  }))()`)) as SearchDom;
}

const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
const controls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What Chromium built from a search page must be a clean page. `markup`: text the query held that must show as text. */
export function searchPageProblems(where: string, dom: SearchDom, markup?: string): Problems {
  const problems: Problems = [];
  if (dom.scripts > 0) problems.push(`${where}: ${dom.scripts} script elements are in the DOM`);
  for (const h of dom.handlers) problems.push(`${where}: an event-handler attribute is in the DOM: ${h}`);
  if (dom.h1 !== "Search") problems.push(`${where}: the heading reads ${quote(dom.h1 ?? "(no h1)")}, expected "Search"`);
  if (dom.echoed === null) problems.push(`${where}: the page has no search form holding the query`);
  else {
    if (bidiControls.test(dom.echoed) || controls.test(dom.echoed)) problems.push(`${where}: the echoed query keeps a control or bidi character: ${JSON.stringify(dom.echoed.slice(0, 60))}`);
    if (Array.from(dom.echoed).length > 200) problems.push(`${where}: the echoed query is ${Array.from(dom.echoed).length} characters long (at most 200)`);
    if (markup !== undefined && dom.echoed !== markup) problems.push(`${where}: the query ${quote(markup)} is echoed as ${quote(dom.echoed)}`);
  }
  if (bidiControls.test(dom.text)) problems.push(`${where}: the page's text holds a bidi embedding, override or isolate character from the query`);
  return problems;
}

export const searchHostileCheck: Check = {
  name: "hostile queries: /search, /search.json and /search.opds answer 200 and a clean page (Chromium, JavaScript off), JSON, a feed feedparser reads; raw bytes never 5xx",
  missingTool: missing("chromium", "feedparser"),
  async run(live: Live) {
    const problems: Problems = [];
    const contexts = await browserContexts(live);
    for (const [name, qs] of hostileQueries) {
      const html = `/search?${qs}`;
      const where = `${html.slice(0, 70)} (${name})`;
      const page = await live.text(html);
      if (page.status !== 200) problems.push(`${where}: status ${page.status}`);
      if (!page.headers.get("Content-Type")?.startsWith("text/html")) problems.push(`${where}: Content-Type ${page.headers.get("Content-Type")}`);
      if (page.body.length > 64 * 1024) problems.push(`${where}: ${page.body.length} characters (over 64 KiB)`);
      const json = await live.text(`/search.json?${qs}`);
      if (json.status !== 200) problems.push(`/search.json?${qs.slice(0, 60)}: status ${json.status}`);
      else {
        try {
          const parsed = JSON.parse(json.body) as { query?: unknown; page?: unknown };
          if (typeof parsed.query !== "string" || typeof parsed.page !== "number") problems.push(`/search.json?${qs.slice(0, 60)}: no query or page`);
        } catch (error) {
          problems.push(`/search.json?${qs.slice(0, 60)}: not JSON: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const opds = await live.text(`/search.opds?${qs}`);
      const opdsWhere = `/search.opds?${qs.slice(0, 60)}`;
      if (opds.status !== 200) problems.push(`${opdsWhere}: status ${opds.status}`);
      else {
        const malformed = wellFormedProblems(opdsWhere, opds.body);
        problems.push(...malformed);
        if (malformed.length === 0) {
          const fp = await runFeedparser(opds.body, opds.headers.get("Content-Type") ?? "");
          if (fp.bozo) problems.push(`${opdsWhere}: python feedparser says bozo=1: ${fp.exception}`);
        }
      }
      const { page: tab, log } = await openPage(contexts.nojs, live.origin, 1280);
      await tab.goto(`${live.origin}${html}`, { waitUntil: "load" });
      problems.push(...searchPageProblems(where, await searchDom(tab), name === "HTML" ? `<script>alert(1)</script>"><img src=x onerror=alert(1)><svg onload=alert(1)>` : undefined));
      problems.push(...pageLogProblems(where, live.origin, log));
      await tab.close();
    }
    for (const qs of rawQueries) {
      for (const path of ["/search", "/search.json", "/search.opds"]) {
        const request = `GET ${path}?${qs} HTTP/1.1\r\nHost: 127.0.0.1:${live.port}\r\nConnection: close\r\n\r\n`;
        const status = parseStatus(await rawRequest(live.port, request));
        if (status === undefined || status >= 500) problems.push(`GET ${path}?${JSON.stringify(qs)} (raw bytes): ${status === undefined ? "no HTTP response" : `status ${status}`}`);
      }
    }
    return problems;
  },
};
