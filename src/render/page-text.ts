/**
 * The text of a page as a W3C annotation client reads it from the DOM: `document.body.textContent`
 * (what TextPositionSelectors count in), and the same text with each `<br>` read as a space (what
 * Hypothesis puts in a TextQuoteSelector, so that words on either side of a line break do not run
 * together).
 *
 * This is not a general HTML parser: it reads the markup Folio's own renderers write, and follows
 * the HTML standard's tree construction where that markup reaches it. Tags and comments add no
 * text; character references are decoded; `<script>` and `<style>` content is text (textContent
 * includes it); a newline right after `<pre>`, `<listing>` or `<textarea>` is dropped; whitespace
 * after `</body>` and `</html>` still lands in the body. Anything it cannot read the way a browser
 * would (a named character reference it does not know, `<template>`, foreign content such as
 * inline SVG, elements whose parsing depends on scripting) throws, so a change of markup fails a
 * build loudly instead of shifting every position. test/node/page-text.test.ts compares it with
 * jsdom on every page the build makes.
 */

export interface BodyText {
  /** `document.body.textContent`. */
  raw: string;
  /** The same text with a space where each `<br>` stands. */
  rendered: string;
}

const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
/** Elements whose content is text up to their end tag, as it stands (textContent includes it). */
const rawText = new Set(["script", "style"]);
/** Elements whose content is text with character references decoded. */
const escapableRawText = new Set(["textarea", "title"]);
/** Elements whose leading newline the parser drops. */
const leadingNewline = new Set(["pre", "listing", "textarea"]);
/** Elements this reader does not follow: their content is not plain body text, or depends on scripting. */
const unsupported = new Set(["template", "svg", "math", "noscript", "noembed", "noframes", "iframe", "xmp", "plaintext"]);

/** The body's text of an HTML page written by Folio's renderers. */
export function bodyText(html: string): BodyText {
  const input = html.replace(/\r\n?/g, "\n"); // the input stream's newline normalisation
  const body = /<body(?=[\s/>])/i.exec(input);
  if (!body) throw new Error("page text: the page has no <body> start tag");
  let i = tagEnd(input, body.index);
  let raw = "";
  let rendered = "";
  const text = (s: string) => {
    raw += s;
    rendered += s;
  };
  while (i < input.length) {
    const lt = input.indexOf("<", i);
    const amp = input.indexOf("&", i);
    const next = Math.min(lt === -1 ? input.length : lt, amp === -1 ? input.length : amp);
    text(input.slice(i, next));
    i = next;
    if (i >= input.length) break;
    if (input[i] === "&") {
      const [value, length] = characterReference(input, i);
      text(value);
      i += length;
      continue;
    }
    if (input.startsWith("<!--", i)) {
      const close = input.indexOf("-->", i + 4);
      i = close === -1 ? input.length : close + 3;
    } else if (input[i + 1] === "!" || input[i + 1] === "?") {
      i = tagEnd(input, i); // doctype or bogus comment
    } else if (input[i + 1] === "/" && /[a-z]/i.test(input[i + 2] ?? "")) {
      i = tagEnd(input, i);
    } else if (/[a-z]/i.test(input[i + 1] ?? "")) {
      const name = /^<([a-z][^\s/>]*)/i.exec(input.slice(i, i + 40))![1]!.toLowerCase();
      if (unsupported.has(name)) throw new Error(`page text: <${name}> is not read here (its text is not plain body text); extend src/render/page-text.ts`);
      i = tagEnd(input, i);
      if (name === "br") rendered += " ";
      if (leadingNewline.has(name) && input[i] === "\n") i++;
      if (rawText.has(name) || escapableRawText.has(name)) {
        const close = input.slice(i).search(new RegExp(`</${name}[\\s/>]`, "i"));
        const content = close === -1 ? input.slice(i) : input.slice(i, i + close);
        text(rawText.has(name) ? content : decodeText(content));
        i = close === -1 ? input.length : i + close;
      }
    } else {
      text("<"); // not a tag: a literal "<"
      i++;
    }
  }
  return { raw, rendered };
}

/** The index just past the `>` that ends the tag starting at `at` (quoted attribute values may hold `>`). */
function tagEnd(input: string, at: number): number {
  let quote = "";
  for (let i = at + 1; i < input.length; i++) {
    const c = input[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      // a quote opens a value only after "=" (possibly with spaces between)
      if (/=\s*$/.test(input.slice(Math.max(at, i - 8), i))) quote = c;
    } else if (c === ">") return i + 1;
  }
  throw new Error(`page text: the tag at offset ${at} never ends`);
}

function decodeText(s: string): string {
  let out = "";
  let i = 0;
  for (let amp = s.indexOf("&"); amp !== -1; amp = s.indexOf("&", i)) {
    const [value, length] = characterReference(s, amp);
    out += s.slice(i, amp) + value;
    i = amp + length;
  }
  return out + s.slice(i);
}

/** The character reference at `at` ("&…"): its text and how many characters it takes. */
function characterReference(input: string, at: number): [string, number] {
  const numeric = /^&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));/.exec(input.slice(at, at + 16));
  if (numeric) {
    const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2]!, 10);
    // The standard's replacements for these (U+FFFD, the windows-1252 table for 0x80–0x9F) are not needed by Folio's markup.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || (code >= 0x80 && code <= 0x9f) || code === 0x0d)
      throw new Error(`page text: the character reference ${numeric[0]} is not read here; extend src/render/page-text.ts`);
    return [String.fromCodePoint(code), numeric[0].length];
  }
  const name = /^&([a-zA-Z][a-zA-Z0-9]*)(;?)/.exec(input.slice(at, at + 40));
  if (!name) return ["&", 1]; // "&" followed by no name is itself
  const value = named[name[1]!];
  if (value === undefined || name[2] !== ";")
    throw new Error(`page text: the character reference ${name[0]} is not read here (Folio's markup writes &amp;, &lt;, &gt;, &quot;, &#39;); extend src/render/page-text.ts`);
  return [value, name[0].length];
}
