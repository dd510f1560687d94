/**
 * The routes each scale corpus measures in the isolate (per-request cost, first request,
 * body size): the hook where new pages join the scale rows. A route whose page is not served
 * by the code being measured (a 404) is reported as such and left out of the verdicts.
 *
 * To add a route (a tag page, a search page, the next page of the index), add it here with
 * the bound it must keep: every page of the index, a tag and search under 64 KiB, and its
 * first request in an isolate under the free plan's 10 ms of CPU.
 */
export interface ScaleRoute {
  name: string;
  path: string;
  /** Checked against the 64 KiB page bound and the 10 ms first request. */
  paged: boolean;
}

export interface ScaleCorpus {
  /** The newest article (bundled in full), the same text in every corpus. */
  newest: string;
  /** The oldest article, whose model is read from its pack; undefined in a corpus of one. */
  oldest?: string;
  /** A tag every synthetic article carries (the corpus's first tag), if any. */
  tag?: string;
}

export function scaleRoutes(c: ScaleCorpus): ScaleRoute[] {
  return [
    { name: "index", path: "/", paged: true },
    { name: "article", path: `/articles/${c.newest}`, paged: false },
    ...(c.oldest ? [{ name: "old article", path: `/articles/${c.oldest}`, paged: false }] : []),
    ...(c.oldest ? [{ name: "old EPUB", path: `/articles/${c.oldest}.epub`, paged: false }] : []),
    // Others' routes, measured once they are served (until then a 404, reported as such):
    ...(c.tag ? [{ name: "tag page", path: `/tags/${c.tag}`, paged: true }] : []),
    { name: "search page", path: "/search?q=harbour", paged: true },
  ];
}
