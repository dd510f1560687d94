/**
 * /opds/tags.xml: the OPDS 1.2 navigation feed by tag (§2.1), a page at a time. Each entry is
 * a tag, linking its acquisition feed (/tags/<slug>/opds.xml) with rel="subsection"; the feed's
 * `start` and `up` are the root, /opds.xml, which links here.
 */
import type { ArticleMeta, Listing } from "../../model/document.ts";
import { lastChanged } from "../../model/order.ts";
import type { Page } from "../../model/paging.ts";
import type { Tag } from "../../model/tags.ts";
import { absolute, paths } from "../urls.ts";
import { atomDocument } from "./atom.ts";
import { rfc3339 } from "./dates.ts";
import { opdsAcquisitionType, opdsAttrs, opdsCollectionsTitle, opdsNavigationType, pageLinks } from "./opds.ts";
import { el } from "./xml.ts";

export function renderOpdsTags(corpus: Pick<Listing, "site">, page: Page<Tag<ArticleMeta>>): string {
  const { site } = corpus;
  const url = (path: string) => absolute(site.url, path);
  const entries = page.items.map((tag) => {
    const n = tag.articles.length;
    return el(
      "entry",
      null,
      el("id", null, url(paths.tag(tag.slug))),
      el("title", { type: "text" }, tag.name),
      el("updated", null, rfc3339(lastChanged(tag.articles) ?? "1970-01-01T00:00:00.000Z")),
      el("content", { type: "text" }, `${n} article${n === 1 ? "" : "s"}`),
      el("link", { rel: "subsection", type: opdsAcquisitionType, href: url(paths.tagOpds(tag.slug)), title: tag.name }),
    );
  });
  const root = url(paths.opds);
  return atomDocument(
    {
      site,
      self: url(page.path),
      selfType: opdsNavigationType,
      title: `${site.title}: by tag`,
      alternate: url(paths.tags),
      links: [
        el("link", { rel: "start", type: opdsAcquisitionType, href: root }),
        el("link", { rel: "up", type: opdsAcquisitionType, href: root }),
        // Each tag as one book: the collections' acquisition feed.
        el("link", { rel: "related", type: opdsAcquisitionType, href: url(paths.opdsCollections), title: opdsCollectionsTitle }),
        ...pageLinks(site, paths.opdsTags, page, opdsNavigationType),
      ],
      attrs: opdsAttrs,
      // The feed changed when any of its tags' articles last did.
      entries: page.items.flatMap((t) => t.articles),
    },
    entries,
  );
}
