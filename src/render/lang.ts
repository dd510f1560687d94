/** Languages written right to left get dir="rtl" wherever they are quoted. */
const rightToLeft = /^(ar|arc|ckb|dv|fa|he|ks|ku|ps|sd|syr|ug|ur|yi)(-|$)/i;

/** ` dir="rtl"` for a right-to-left language tag, else "". */
export function directionAttr(lang: string): string {
  return rightToLeft.test(lang) ? ' dir="rtl"' : "";
}
