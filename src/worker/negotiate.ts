/** Content negotiation between the HTML page and its JSON (RFC 9110 §12.5.1). */

interface MediaRange {
  type: string;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of accept.slice(0, 2048).split(",")) {
    const [type = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (!/^[\w.+*-]+\/[\w.+*-]+$/.test(type)) continue; // malformed: skipped, never an error
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (Number.isFinite(q) && q >= 0 && q <= 1) ranges.push({ type, q });
  }
  return ranges;
}

/** The quality the client gives `type`: the most specific matching range decides. */
function quality(type: string, ranges: MediaRange[]): number {
  let specificity = -1;
  let q = 0;
  for (const r of ranges) {
    const s = r.type === type ? 2 : r.type === `${type.split("/")[0]}/*` ? 1 : r.type === "*/*" ? 0 : -1;
    if (s > specificity) [specificity, q] = [s, r.q];
  }
  return q;
}

/** True when Accept ranks application/json strictly above text/html. */
export function prefersJson(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = parseAccept(accept);
  return quality("application/json", ranges) > quality("text/html", ranges);
}

/** Does the client want a JSON error (an API client, or a .json path)? */
export function wantsJsonError(path: string, accept: string | undefined): boolean {
  return /\.json(ld)?$/.test(path) || prefersJson(accept);
}
