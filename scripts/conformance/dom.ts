/**
 * HTML parsed as a browser parses it (jsdom: the HTML standard's tree construction), behind the
 * few DOM members the checks read. The project compiles without the DOM library (the worker's
 * types would clash with it), so these are declared here rather than taken from @types/jsdom.
 */
import { JSDOM } from "jsdom";

export interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
  replaceWith(...nodes: string[]): void;
}

export interface DomDocument {
  readonly body: DomElement | null;
  getElementById(id: string): DomElement | null;
  querySelector(selectors: string): DomElement | null;
}

/** The document a browser would build from `html` served at `url`. */
export function parseHtml(html: string, url: string): DomDocument {
  return new JSDOM(html, { url }).window.document as DomDocument;
}
