/**
 * The one escaping helper for HTML, XHTML and XML output. Every piece of text that goes
 * into markup passes through here; nothing is concatenated unescaped, and no CDATA is used.
 */

// Characters XML 1.0 forbids outright (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF).
// They are dropped from all output so that every document stays well-formed.
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripForbidden(text: string): string {
  return text.replace(forbidden, "");
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or attribute value for HTML, XHTML or XML. */
export function escape(text: string): string {
  return stripForbidden(text).replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Escaped text for a JSON string inside a <script type="application/ld+json"> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
