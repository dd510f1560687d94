/**
 * The running worker as the checks see it: its origin, a fetch that never follows redirects,
 * and the article data every check compares against (read once from the worker's own JSON).
 */
import type { Article } from "../../src/model/document.ts";

/** /articles/<slug>.json: the article with its canonical URL. */
export type ArticleJson = Article & { url: string };

export interface IndexJson {
  url: string;
  articles: { slug: string; url: string; title: string }[];
  /** The next page of the list, when there is one (lists come in pages). */
  next?: string;
}

export class Live {
  readonly origin: string;
  /** The wrangler process the runner started (its process group holds workerd). */
  readonly serverPid: number;
  /** Run once at the end by the runner (closing a shared browser, …). */
  readonly cleanups: (() => Promise<void>)[] = [];
  readonly #memo = new Map<string, Promise<unknown>>();

  constructor(origin: string, serverPid: number) {
    this.origin = origin;
    this.serverPid = serverPid;
  }

  get port(): number {
    return Number(new URL(this.origin).port);
  }

  get(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.origin}${path}`, { redirect: "manual", signal: AbortSignal.timeout(30_000), ...init });
  }

  /** An absolute URL of the deployed site (https://folio.example.com/…) mapped onto this server. */
  local(url: string): string {
    const u = new URL(url);
    return `${this.origin}${u.pathname}${u.search}`;
  }

  /** Computes a value once per run, shared by the checks (article data, EPUBCheck results, a browser). */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.#memo.has(key)) this.#memo.set(key, make());
    return this.#memo.get(key) as Promise<T>;
  }

  /** A list (/articles.json, /tags/<slug>.json) with every page's articles, following `next` from its first page. */
  list(first: string): Promise<IndexJson> {
    return this.once(`list:${first}`, async () => {
      const all = await this.json<IndexJson>(first);
      const seen = new Set([first]);
      for (let next = all.next; next; ) {
        const path = new URL(next).pathname;
        if (seen.has(path)) throw new Error(`${first}: following next comes back to ${path}`);
        seen.add(path);
        const page = await this.json<IndexJson>(path);
        all.articles.push(...page.articles);
        next = page.next;
      }
      return all;
    });
  }

  /** /articles.json over all its pages: every article. */
  index(): Promise<IndexJson> {
    return this.list("/articles.json");
  }

  article(slug: string): Promise<ArticleJson> {
    return this.once(`article:${slug}`, () => this.json<ArticleJson>(`/articles/${slug}.json`));
  }

  async articles(): Promise<ArticleJson[]> {
    const index = await this.index();
    return Promise.all(index.articles.map((a) => this.article(a.slug)));
  }

  async text(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: string }> {
    const res = await this.get(path, init);
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  async bytes(url: string): Promise<{ status: number; headers: Headers; body: Uint8Array }> {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
    return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
  }

  async json<T>(path: string): Promise<T> {
    const { status, body } = await this.text(path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}`);
    return JSON.parse(body) as T;
  }
}
