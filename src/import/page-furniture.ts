/**
 * What Folio cannot carry, taken out of the page before Readability reads it, so that what
 * stood in the article can be listed for the editor: video, audio, embeds, iframes, forms,
 * scripts and paywall notices are each replaced by a paragraph holding only a token
 * (`leftOutToken(n)`). Readability drops the tokens that stood in navigation, sidebars and
 * footers with the rest of the furniture; those left in its article are what the article lost.
 * A byline in the text is taken out too (Readability leaves it in when the page's metadata names
 * the author), and kept as the last source of the author's name.
 */
import { textOf, type DomDocument, type DomElement } from "./dom.ts";

export const leftOutToken = (n: number) => `FOLIOLEFTOUT${n}`;
export const leftOutPattern = /^FOLIOLEFTOUT(\d+)$/;

export interface LeftOut {
  kind: "embed" | "paywall";
  /** "a video (https://…/clip.mp4)", "a paywall notice ("Subscribe to read on")". */
  what: string;
}

const embeds = "video, audio, iframe, embed, object, form, script:not([type='application/ld+json' i])";
/** Class names and ids that mark a paywall or subscription notice. */
const paywallName = /paywall|regwall|meter-?wall|piano-|subscri(ber|ption|be)-?(wall|notice|prompt|only|gate|cta)|premium-(notice|wall|gate|banner)/i;
/** Readability's own test for a byline (its REGEXPS.byline and _isValidByline). */
const bylineName = /byline|author|dateline|writtenby|p-author/i;

const shorten = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function describe(el: DomElement): string {
  const tag = el.tagName.toLowerCase();
  const src = el.getAttribute("src") ?? el.getAttribute("data") ?? el.querySelector("source[src]")?.getAttribute("src") ?? "";
  let at = "";
  try {
    at = src ? ` (${new URL(src, el.ownerDocument.URL).href})` : "";
  } catch {
    at = ` (${src})`;
  }
  switch (tag) {
    case "video":
      return `a video${at}`;
    case "audio":
      return `an audio clip${at}`;
    case "iframe":
      return `an embedded frame${at}`;
    case "form": {
      // What the form asks: its heading, legend, first paragraph or label, else its field's placeholder.
      const text = textOf(el.querySelector("h2, h3, h4, legend, p, label")) || el.querySelector("input[placeholder]")?.getAttribute("placeholder") || "";
      return `a form${text ? ` ("${shorten(text)}")` : ""}`;
    }
    case "script":
      return src ? `a script (${src})` : "an inline script";
    default:
      return `an embedded object${at}`;
  }
}

/** Class names and ids of page furniture Readability may keep: newsletter boxes, share buttons, cookie banners, related links, comments, ads. */
const furnitureName = /newsletter|signup|sign-up|cookie|consent|gdpr|share|social|related|recommend|read-?more|comment|promo|advert|\bads?\b|ad-slot|sponsor/i;

/** Takes out page furniture by its class or id (never an element holding the headline or half the page's words). */
export function removeFurniture(doc: DomDocument): void {
  const body = doc.body;
  if (!body) return;
  const words = (el: DomElement) => (el.textContent ?? "").split(/\s+/).filter(Boolean).length;
  const half = words(body) / 2;
  for (const el of body.querySelectorAll("*")) {
    if (!body.contains(el) || ["ARTICLE", "MAIN"].includes(el.tagName)) continue;
    if (furnitureName.test(`${el.getAttribute("class") ?? ""} ${el.id}`) && !el.querySelector("h1") && words(el) < half) el.remove();
  }
}

/** Replaces each element Folio cannot carry with a token paragraph; returns what each token stands for, by number. */
export function markLeftOut(doc: DomDocument): LeftOut[] {
  const body = doc.body;
  if (!body) return [];
  const out: LeftOut[] = [];
  const replace = (el: DomElement, item: LeftOut) => {
    const p = doc.createElement("p");
    p.textContent = leftOutToken(out.length);
    out.push(item);
    el.replaceWith(p);
  };
  for (const el of body.querySelectorAll("*")) {
    if (!body.contains(el) || el.tagName === "P" && leftOutPattern.test(el.textContent ?? "")) continue; // inside one already replaced
    const name = `${el.getAttribute("class") ?? ""} ${el.id}`;
    if (paywallName.test(name) && !el.querySelector("h1")) replace(el, { kind: "paywall", what: `a paywall notice ("${shorten(textOf(el))}")` });
    else if (el.matches(embeds)) replace(el, { kind: "embed", what: describe(el) });
  }
  return out;
}

/**
 * Takes the byline out of the text, as Readability would (rel="author", itemprop="author", or a
 * class or id naming a byline, under 100 characters); returns the name it gives ("By Jane Doe" →
 * "Jane Doe"), preferring an itemprop="name" inside it.
 */
export function takeByline(doc: DomDocument): string | undefined {
  let name: string | undefined;
  for (const el of doc.body?.querySelectorAll("*") ?? []) {
    if (!doc.body!.contains(el) || ["BODY", "ARTICLE", "MAIN", "HTML"].includes(el.tagName)) continue;
    const matchString = `${el.getAttribute("class") ?? ""} ${el.id}`;
    const length = (el.textContent ?? "").trim().length;
    const isByline = (el.getAttribute("rel") === "author" || (el.getAttribute("itemprop") ?? "").includes("author") || bylineName.test(matchString)) && length > 0 && length < 100;
    if (!isByline || el.querySelector("h1, h2")) continue;
    // An author's name inside a sentence is the article's words, not a byline.
    const block = el.parentElement?.closest("p, li, blockquote, td, th, h2, h3, h4, figcaption");
    if (block && textOf(block) !== textOf(el)) continue;
    if (name === undefined) {
      const text = textOf(el.querySelector("[itemprop~=name]") ?? el).replace(/^by\s+/i, "").trim();
      if (text) name = text;
    }
    el.remove();
  }
  return name;
}
