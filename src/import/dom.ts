/**
 * HTML parsed as a browser parses it (jsdom), behind the few DOM members the importer uses.
 * The project compiles without the DOM library (the worker's types would clash with it), so
 * they are declared here; `import { JSDOM } from "jsdom"` is typed by scripts/conformance/jsdom.d.ts.
 */
import { JSDOM } from "jsdom";

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  textContent: string | null;
  readonly parentNode: DomElement | null;
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>;
  readonly ownerDocument: DomDocument;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  id: string;
  className: string;
  innerHTML: string;
  readonly children: ArrayLike<DomElement> & Iterable<DomElement>;
  readonly parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
  closest(selectors: string): DomElement | null;
  matches(selectors: string): boolean;
  contains(other: DomNode): boolean;
  replaceWith(...nodes: (DomNode | string)[]): void;
  remove(): void;
  append(...nodes: (DomNode | string)[]): void;
  after(...nodes: (DomNode | string)[]): void;
}

export interface DomDocument {
  readonly URL: string;
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  readonly head: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement> & Iterable<DomElement>;
  createElement(tag: string): DomElement;
}

/** The document a browser would build from `html` served at `url` (relative links resolve against it). */
export function parseHtml(html: string, url: string): DomDocument {
  return new JSDOM(html, { url }).window.document as DomDocument;
}

/** An element's text with runs of white space made one space, trimmed. */
export function textOf(node: DomNode | null | undefined): string {
  return (node?.textContent ?? "").replace(/\s+/g, " ").trim();
}
