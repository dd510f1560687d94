/**
 * Requests workerd's own Request class refuses to make, sent as raw bytes over a socket: unknown
 * methods (`BREW`, `FOO`) must get 405 or 404, and a path with invalid percent-encoding a status
 * below 500 — never a 5xx, never a dropped connection.
 *
 * One exception, by the HTTP rules themselves: workerd's HTTP server answers a method it does not
 * recognise with `501 Not Implemented` ("ERROR: Unrecognized request method.") before any worker
 * code runs. RFC 9110 §15.6.2 makes 501 the proper answer to an unrecognised method, so exactly
 * that answer is accepted; any other 5xx fails. Methods workerd knows (PROPFIND, PATCH, …) reach
 * the worker and must get 405.
 */
import { connect } from "node:net";
import type { Check, Problems } from "./check.ts";
import type { Live } from "./live.ts";

export interface RawCase {
  request: string;
  /** Statuses the HTTP rules allow for it. */
  allowed: (status: number) => boolean;
  rule: string;
  /** A method workerd may not recognise: its own 501 (RFC 9110 §15.6.2) is accepted too. */
  unrecognisedMethod?: boolean;
}

export function rawCases(host: string, slug: string | undefined): RawCase[] {
  const req = (method: string, path: string) => `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
  const methodRule = { allowed: (s: number) => s === 405 || s === 404, rule: "405 or 404", unrecognisedMethod: true };
  const knownMethodRule = { allowed: (s: number) => s === 405, rule: "405" };
  const below500 = { allowed: (s: number) => s < 500, rule: "a status below 500" };
  const known = ["/", "/feed.xml", ...(slug ? [`/articles/${slug}`] : [])];
  return [
    ...known.flatMap((p) => ["BREW", "FOO"].map((m) => ({ request: req(m, p), ...methodRule }))),
    ...known.flatMap((p) => ["PROPFIND", "MKCOL", "PATCH", "TRACE"].map((m) => ({ request: req(m, p), ...knownMethodRule }))),
    { request: req("BREW", "/no-such-page"), ...methodRule },
    ...["/%zz", "/articles/%E0%A4%A", "/%", "/%%30", "/articles/%C0%AE%C0%AE/", "/feed.xml%00", "/%ff%fe%fd"].map((p) => ({ request: req("GET", p), ...below500 })),
  ];
}

/** The status code of a raw HTTP/1.1 response, or undefined when there is none. */
export function parseStatus(response: string): number | undefined {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return m ? Number(m[1]) : undefined;
}

/** workerd's own answer to a method it does not recognise (RFC 9110 §15.6.2), before the worker runs. */
export function isUnrecognisedMethodAnswer(response: string): boolean {
  return parseStatus(response) === 501 && response.includes("Unrecognized request method");
}

export function rawCaseProblems(c: RawCase, response: string): Problems {
  const line = c.request.split("\r\n")[0];
  const status = parseStatus(response);
  if (status === undefined) return [`${line}: no HTTP response (${response ? JSON.stringify(response.slice(0, 80)) : "the connection closed without one"}); expected ${c.rule}`];
  if (c.allowed(status) || (c.unrecognisedMethod === true && isUnrecognisedMethodAnswer(response))) return [];
  return [`${line}: status ${status}, expected ${c.rule}${status >= 500 ? ` (${JSON.stringify(response.split("\r\n\r\n")[1]?.slice(0, 80) ?? "")})` : ""}`];
}

export function rawRequest(port: number, request: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let data = "";
    const done = () => (clearTimeout(timer), socket.destroy(), resolve(data));
    const timer = setTimeout(done, timeoutMs);
    socket.on("connect", () => socket.write(request, "latin1"));
    socket.on("data", (d: Buffer) => (data += d.toString("latin1")));
    socket.on("end", done);
    socket.on("error", done);
  });
}

export const oddMethodsCheck: Check = {
  name: "http: odd methods and malformed paths over a raw socket (never 5xx)",
  async run(live: Live) {
    const slug = (await live.index()).articles[0]?.slug;
    const problems: Problems = [];
    const by501: string[] = [];
    for (const c of rawCases(`127.0.0.1:${live.port}`, slug)) {
      const response = await rawRequest(live.port, c.request);
      if (isUnrecognisedMethodAnswer(response)) by501.push(c.request.split(" ")[0]!);
      problems.push(...rawCaseProblems(c, response));
    }
    if (by501.length > 0) console.log(`     http: ${[...new Set(by501)].join(", ")} got workerd's own 501 Not Implemented (RFC 9110 §15.6.2: method not recognised); the worker never sees them`);
    return problems;
  },
};
