/**
 * A tiny XML tree and its one serializer, shared by the RSS, Atom and OPDS renderers.
 * Build the tree with `el()`, serialize once with `xmlDocument()`: every text node and
 * attribute value goes through `escape()` here, so nothing reaches the output unescaped.
 * Element and attribute names are code, never content.
 */
import { escape } from "../escape.ts";

export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlChild[];
}

/** A string child is text (escaped on output), never markup. */
export type XmlChild = XmlElement | string;

type ChildArg = XmlChild | readonly XmlChild[] | undefined | null | false;

/** An element; attributes whose value is undefined are left out, children may be nested lists. */
export function el(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: ChildArg[]): XmlElement {
  const pairs = Object.entries(attrs ?? {}).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]]));
  const flat: XmlChild[] = [];
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) flat.push(...(c as readonly XmlChild[]));
    else flat.push(c as XmlChild);
  }
  return { name, attrs: pairs, children: flat };
}

/** The whole document, declared UTF-8, indented where an element holds only elements. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, "")}\n`;
}

/** `indent` null: inside mixed content, where added whitespace would change the text. */
function write(node: XmlElement, indent: string | null): string {
  const open = `<${node.name}${node.attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join("")}`;
  const pad = indent ?? "";
  if (node.children.length === 0) return `${pad}${open}/>`;
  if (indent !== null && node.children.every((c) => typeof c !== "string")) {
    const inner = node.children.map((c) => write(c as XmlElement, `${indent}  `)).join("\n");
    return `${pad}${open}>\n${inner}\n${indent}</${node.name}>`;
  }
  const inner = node.children.map((c) => (typeof c === "string" ? escape(c) : write(c, null))).join("");
  return `${pad}${open}>${inner}</${node.name}>`;
}
