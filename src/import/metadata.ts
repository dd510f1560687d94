/**
 * The front matter an original gives about itself, read from its parsed page in this order of
 * trust: JSON-LD (a NewsArticle, Article or kin, also inside an @graph: headline, description,
 * author, datePublished, publisher), then Open Graph and article:* meta, then
 * <meta name="author">, <time datetime> and the canonical link. Nothing is guessed: a field the
 * page does not give is undefined, and each field says where it was found.
 */
import { textOf, type DomDocument } from "./dom.ts";

export interface Found {
  value: string;
  /** Where it was read, for the editor: "JSON-LD headline", "og:title", … */
  from: string;
}

export interface PageMetadata {
  title?: Found;
  dek?: Found;
  author?: Found;
  publisher?: Found;
  /** The canonical address (absolute http(s)). */
  url?: Found;
  /** "2025", "2025-02" or "2025-02-24": the date as the page writes it, no more precise. */
  date?: Found;
  /** BCP 47 tag of the page's text. */
  language?: Found;
  /** JSON-LD says the article is not free to read (isAccessibleForFree: false). */
  paywalled?: boolean;
}

type Json = Record<string, unknown>;
const articleType = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|SocialMediaPosting|ScholarlyArticle|Report|TechArticle|LiveBlogPosting)$/;

/** Every JSON-LD object of the page, @graph members included, with an index by @id. */
function jsonLd(doc: DomDocument): { nodes: Json[]; byId: Map<string, Json> } {
  const nodes: Json[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const node = value as Json;
      nodes.push(node);
      if (node["@graph"]) walk(node["@graph"]);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      walk(JSON.parse((script.textContent ?? "").trim()));
    } catch {
      // a malformed block gives nothing; the other sources still count
    }
  }
  const byId = new Map(nodes.flatMap((n) => (typeof n["@id"] === "string" ? [[n["@id"] as string, n] as const] : [])));
  return { nodes, byId };
}

const types = (n: Json) => [n["@type"]].flat().map((t) => String(t).replace(/^https?:\/\/schema\.org\//, ""));

/** A name from a string, a {name} object, an @id reference, or a list of those, joined by ", ". */
function names(value: unknown, byId: Map<string, Json>): string | undefined {
  const one = (v: unknown): string | undefined => {
    if (typeof v === "string") return clean(v);
    if (!v || typeof v !== "object") return undefined;
    const node = v as Json;
    const full = typeof node["@id"] === "string" && !node.name ? byId.get(node["@id"] as string) : node;
    return typeof full?.name === "string" ? clean(full.name) : undefined;
  };
  const all = [value].flat().map(one).filter((s): s is string => !!s);
  return all.length ? [...new Set(all)].join(", ") : undefined;
}

const clean = (s: string) => s.replace(/\s+/g, " ").trim() || undefined;
const str = (v: unknown) => (typeof v === "string" ? clean(v) : undefined);

/** "2025-02-24T09:30:00+01:00" → "2025-02-24" (the day as the page states it); "2025-02" stays. */
export function dateOf(value: string | undefined): string | undefined {
  const m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|\s*$)/.exec(value ?? "");
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join("-");
}

function absoluteHttp(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const isUrl = (s: string) => /^(https?:)?\/\//i.test(s);

export function extractMetadata(doc: DomDocument, pageUrl: string): PageMetadata {
  const { nodes, byId } = jsonLd(doc);
  const article = nodes.find((n) => types(n).some((t) => articleType.test(t)));
  const meta = (attr: "property" | "name", key: string) => {
    for (const el of doc.querySelectorAll(`meta[${attr}]`)) if (el.getAttribute(attr)!.toLowerCase() === key) return clean(el.getAttribute("content") ?? "");
    return undefined;
  };
  const out: PageMetadata = {};
  const first = (field: keyof Omit<PageMetadata, "paywalled">, candidates: [string | undefined, string][]) => {
    const hit = candidates.find(([v]) => v);
    if (hit) out[field] = { value: hit[0]!, from: hit[1] };
  };

  const h1s = [...doc.querySelectorAll("h1")].map(textOf).filter(Boolean);
  first("title", [
    [str(article?.headline) ?? str(article?.name), "JSON-LD headline"],
    [meta("property", "og:title"), "og:title"],
    [h1s.length === 1 ? h1s[0] : undefined, "the page's <h1>"],
  ]);
  first("dek", [
    [str(article?.description), "JSON-LD description"],
    [meta("property", "og:description"), "og:description"],
    [meta("name", "description"), '<meta name="description">'],
  ]);
  const ogAuthor = meta("property", "article:author");
  first("author", [
    [names(article?.author, byId), "JSON-LD author"],
    [ogAuthor && !isUrl(ogAuthor) ? ogAuthor : undefined, "article:author"], // often a profile's URL, not a name
    [meta("name", "author"), '<meta name="author">'],
  ]);
  first("publisher", [
    [names(article?.publisher, byId), "JSON-LD publisher"],
    [meta("property", "og:site_name"), "og:site_name"],
  ]);
  const entity = article?.mainEntityOfPage;
  const entityUrl = typeof entity === "string" ? entity : entity && typeof entity === "object" ? str((entity as Json)["@id"]) ?? str((entity as Json).url) : undefined;
  first("url", [
    [absoluteHttp(str(article?.url) ?? entityUrl, pageUrl), "JSON-LD url"],
    [absoluteHttp(meta("property", "og:url"), pageUrl), "og:url"],
    [absoluteHttp(doc.querySelector('link[rel~="canonical" i]')?.getAttribute("href") ?? undefined, pageUrl), "the canonical link"],
  ]);
  const time = doc.querySelector("time[itemprop~=datePublished][datetime], time[pubdate][datetime]") ?? doc.querySelector("article time[datetime], main time[datetime]") ?? onlyOne(doc.querySelectorAll("time[datetime]"));
  first("date", [
    [dateOf(str(article?.datePublished)), "JSON-LD datePublished"],
    [dateOf(meta("property", "article:published_time")), "article:published_time"],
    [dateOf(time?.getAttribute("datetime") ?? undefined), "<time datetime>"],
  ]);
  const locale = meta("property", "og:locale")?.replace(/_/g, "-");
  first("language", [
    [clean(doc.documentElement.getAttribute("lang") ?? ""), "<html lang>"],
    [str(article?.inLanguage), "JSON-LD inLanguage"],
    [locale, "og:locale"],
  ]);
  const free = article?.isAccessibleForFree;
  if (free === false || (typeof free === "string" && free.toLowerCase() === "false")) out.paywalled = true;
  return out;
}

function onlyOne<T>(list: ArrayLike<T>): T | undefined {
  return list.length === 1 ? list[0] : undefined;
}
