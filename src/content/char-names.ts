/**
 * How an anchor's near miss is named to an editor: a character that looks like another (quotes,
 * apostrophes, dashes, spaces) is shown with its code point and Unicode name, since on screen
 * ' and ’ or - and – are easy to confuse. A small hand table of those confusables; any other
 * character that is not a plain letter, digit or punctuation mark falls back to "U+XXXX".
 */

const names: Record<string, string> = {
  "'": "APOSTROPHE",
  '"': "QUOTATION MARK",
  "`": "GRAVE ACCENT",
  "\u00B4": "ACUTE ACCENT",
  "\u2018": "LEFT SINGLE QUOTATION MARK",
  "\u2019": "RIGHT SINGLE QUOTATION MARK",
  "\u201A": "SINGLE LOW-9 QUOTATION MARK",
  "\u201B": "SINGLE HIGH-REVERSED-9 QUOTATION MARK",
  "\u201C": "LEFT DOUBLE QUOTATION MARK",
  "\u201D": "RIGHT DOUBLE QUOTATION MARK",
  "\u201E": "DOUBLE LOW-9 QUOTATION MARK",
  "\u00AB": "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK",
  "\u00BB": "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
  "\u2039": "SINGLE LEFT-POINTING ANGLE QUOTATION MARK",
  "\u203A": "SINGLE RIGHT-POINTING ANGLE QUOTATION MARK",
  "\u02BC": "MODIFIER LETTER APOSTROPHE",
  "\u2032": "PRIME",
  "\u2033": "DOUBLE PRIME",
  "\u300C": "LEFT CORNER BRACKET",
  "\u300D": "RIGHT CORNER BRACKET",
  "-": "HYPHEN-MINUS",
  "\u2010": "HYPHEN",
  "\u2011": "NON-BREAKING HYPHEN",
  "\u2012": "FIGURE DASH",
  "\u2013": "EN DASH",
  "\u2014": "EM DASH",
  "\u2015": "HORIZONTAL BAR",
  "\u2212": "MINUS SIGN",
  "\u00AD": "SOFT HYPHEN",
  " ": "SPACE",
  "\u00A0": "NO-BREAK SPACE",
  "\u2002": "EN SPACE",
  "\u2003": "EM SPACE",
  "\u2007": "FIGURE SPACE",
  "\u2009": "THIN SPACE",
  "\u200A": "HAIR SPACE",
  "\u200B": "ZERO WIDTH SPACE",
  "\u202F": "NARROW NO-BREAK SPACE",
  "\u3000": "IDEOGRAPHIC SPACE",
  "\u2060": "WORD JOINER",
  "\uFEFF": "ZERO WIDTH NO-BREAK SPACE",
  "\t": "CHARACTER TABULATION",
  "\n": "LINE FEED",
  "\u2026": "HORIZONTAL ELLIPSIS",
  ".": "FULL STOP",
  ",": "COMMA",
};

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * A character or a run of characters as an editor should read it in a message:
 *   ’   → ’ U+2019 RIGHT SINGLE QUOTATION MARK
 *   " " → U+0020 SPACE (an invisible character is shown by its code point only)
 *   ou  → "ou"
 */
export function describeChars(s: string): string {
  const chars = [...s];
  if (chars.length === 1) {
    const c = chars[0]!;
    const name = names[c];
    const invisible = /^[\s\u00AD\u200B\u2060\uFEFF]$/u.test(c);
    if (name) return invisible ? `${codePoint(c)} ${name}` : `${c} ${codePoint(c)} ${name}`;
    if (/^[\p{L}\p{N}]$/u.test(c) || /^[!#$%&()*+/:;<=>?@[\]^_{|}~\\]$/.test(c)) return `"${c}"`;
    return invisible ? codePoint(c) : `${c} ${codePoint(c)}`;
  }
  if (chars.every((c) => /^[\p{L}\p{N}]$/u.test(c))) return `"${s}"`;
  return chars.map((c) => describeChars(c)).join(", ");
}
