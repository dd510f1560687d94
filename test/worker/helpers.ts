/** Requests to the worker as a client makes them, inside workerd. */
import { exports } from "cloudflare:workers";
import { expect } from "vitest";

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

/**
 * The HTTP rules every rendered list route keeps: 200 with its length and a recorded
 * Last-Modified, CORS on data (`cors`), a strong ETag answered with 304, HEAD, 405 with Allow
 * for other methods, 204 to OPTIONS.
 */
export async function expectListHttpRules(path: string, cors: boolean): Promise<void> {
  const full = await get(path);
  expect(full.status, path).toBe(200);
  const body = await full.text();
  expect(full.headers.get("Content-Length")).toBe(String(new TextEncoder().encode(body).byteLength));
  expect(full.headers.get("Last-Modified"), `${path} has a recorded Last-Modified`).toMatch(/GMT$/);
  expect(full.headers.get("Access-Control-Allow-Origin"), path).toBe(cors ? "*" : null);
  const etag = full.headers.get("ETag")!;
  expect(etag).toMatch(/^"[\w-]{27}"$/);
  expect((await get(path, { headers: { "If-None-Match": etag } })).status, path).toBe(304);
  const head = await get(path, { method: "HEAD" });
  expect(head.headers.get("ETag")).toBe(etag);
  expect(await head.text()).toBe("");
  const put = await get(path, { method: "PUT" });
  expect(put.status).toBe(405);
  expect(put.headers.get("Allow")).toBe("GET, HEAD, OPTIONS");
  await put.arrayBuffer();
  expect((await get(path, { method: "OPTIONS" })).status).toBe(204);
}
