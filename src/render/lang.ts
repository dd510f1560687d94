/**
 * The writing direction of a language tag, from the script it is written in (never a list of
 * languages kept here): ICU's own answer where the runtime has it (`Intl.Locale`'s
 * `getTextInfo()`, or the older `textInfo` getter: both in workerd and Node 22), else the
 * tag's script, explicit or likely (`maximize()`), checked against the scripts Unicode writes
 * right to left. `getTextInfo()` is the cheap way: its first call costs a few tenths of a
 * millisecond, where the first `maximize()` loads the likely-subtags data (about 20 ms in Node 22).
 */

/** ISO 15924 codes of the scripts written right to left (Unicode's Bidi_Class R and AL). */
const rightToLeftScripts = new Set(["Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar", "Lydi", "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Thaa", "Yezi"]);

type TextInfo = { direction?: string };
type LocaleWithInfo = Intl.Locale & { getTextInfo?: () => TextInfo; textInfo?: TextInfo };

const known = new Map<string, "ltr" | "rtl">();

/** "rtl" for a language written right to left ("ar", "fa", "he", "ur", "az-Arab", "pa-Arab"…), else "ltr" (also for a tag that is not one). */
export function direction(lang: string): "ltr" | "rtl" {
  let dir = known.get(lang);
  if (dir) return dir;
  try {
    const locale = new Intl.Locale(lang) as LocaleWithInfo;
    const info = typeof locale.getTextInfo === "function" ? locale.getTextInfo() : locale.textInfo;
    if (info?.direction === "rtl" || info?.direction === "ltr") dir = info.direction;
    else dir = rightToLeftScripts.has(locale.script ?? locale.maximize().script ?? "") ? "rtl" : "ltr";
  } catch {
    dir = "ltr";
  }
  if (known.size < 1000) known.set(lang, dir);
  return dir;
}

/** ` dir="rtl"` for a right-to-left language tag, else "" (where left to right is what the context already is). */
export function directionAttr(lang: string): string {
  return direction(lang) === "rtl" ? ' dir="rtl"' : "";
}

/** ` lang="…" dir="…"`: a language and its direction, both stated (escaped for an attribute). */
export function langDir(lang: string): string {
  return ` lang="${lang.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}" dir="${direction(lang)}"`;
}
