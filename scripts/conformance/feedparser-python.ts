/**
 * Debian's python3-feedparser as an independent reader of RSS and Atom: `bozo` must be 0 (the
 * feed is well-formed and served as it says), and every entry must have an id, a link, a parsed
 * date and content.
 */
import { spawn } from "node:child_process";
import type { Problems } from "./check.ts";
import { quote } from "./text.ts";
import { python } from "./tools.ts";

export interface FeedparserResult {
  bozo: number;
  exception: string;
  version: string;
  entries: { id: string | null; link: string | null; title: string | null; dated: boolean; content: number }[];
}

const script = `
import sys, json
try:
    import feedparser
except ImportError:
    print(json.dumps({"missing": True})); sys.exit(0)
d = feedparser.parse(sys.stdin.buffer.read(), response_headers={"content-type": sys.argv[1]})
print(json.dumps({
  "bozo": int(bool(d.get("bozo"))),
  "exception": repr(d.get("bozo_exception")) if d.get("bozo") else "",
  "version": d.get("version") or "",
  "entries": [{
    "id": e.get("id"), "link": e.get("link"), "title": e.get("title"),
    "dated": bool(e.get("published_parsed") or e.get("updated_parsed")),
    "content": sum(len(c.get("value") or "") for c in e.get("content", [])) or len(e.get("summary") or ""),
  } for e in d.get("entries", [])],
}))
`;


/** Parses `xml` (served with `contentType`) with feedparser; throws if python3-feedparser is missing. */
export function runFeedparser(xml: string, contentType: string): Promise<FeedparserResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-c", script, contentType], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e) => (clearTimeout(timer), reject(new Error(`cannot run ${python}: ${e.message} (apt install python3 python3-feedparser)`))));
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(out) as FeedparserResult & { missing?: boolean };
        if (parsed.missing) reject(new Error(`feedparser is not installed for ${python} (apt install python3-feedparser)`));
        else resolve(parsed);
      } catch {
        reject(new Error(`${python} feedparser exited with ${code}: ${err.trim() || out.trim()}`));
      }
    });
    child.stdin.end(xml);
  });
}

export function feedparserProblems(what: string, result: FeedparserResult, expectedCount?: number): Problems {
  const problems: Problems = [];
  if (result.bozo) problems.push(`${what}: python feedparser says bozo=1: ${result.exception}`);
  if (!/^(rss20|atom10)$/.test(result.version)) problems.push(`${what}: python feedparser read it as "${result.version || "unknown"}", not RSS 2.0 or Atom 1.0`);
  if (expectedCount !== undefined && result.entries.length !== expectedCount) problems.push(`${what}: python feedparser found ${result.entries.length} entries, expected ${expectedCount}`);
  result.entries.forEach((e, i) => {
    const where = `${what}: python feedparser entry ${i + 1}${e.title ? ` (${quote(e.title, 50)})` : ""}`;
    if (!e.id) problems.push(`${where} has no id`);
    if (!e.link) problems.push(`${where} has no link`);
    if (!e.dated) problems.push(`${where} has no date it can read`);
    if (!e.content) problems.push(`${where} has no content`);
  });
  return problems;
}
