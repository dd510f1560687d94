/** Requests to the worker as a client makes them, inside workerd. */
import { exports } from "cloudflare:workers";

export const SEED = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";
export const ORIGIN = "https://folio.test";

export function get(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init }));
}

export interface IndexEntry {
  slug: string;
  title: string;
  published: string;
  updated: string;
  links: { json: string };
}

/** Every article of /articles.json, following `next` from the first page (the index comes in pages). */
export async function allArticles(first = "/articles.json"): Promise<IndexEntry[]> {
  const all: IndexEntry[] = [];
  let path: string | undefined = first;
  for (let guard = 0; path && guard < 1000; guard++) {
    const page: { articles: IndexEntry[]; next?: string } = await (await get(path)).json();
    all.push(...page.articles);
    path = page.next ? new URL(page.next).pathname : undefined;
  }
  return all;
}
