/**
 * The build's progress line (src/build/progress-line.ts): on a terminal one line rewritten in
 * place, naming the step and n/N; elsewhere a plain line per step and an occasional count.
 */
import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/build/progress-line.ts";

function recorder(isTTY: boolean, columns = 80) {
  const written: string[] = [];
  let t = 0;
  const out = { isTTY, columns, write: (text: string) => written.push(text) };
  return { written, out, tick: (ms: number) => (t += ms), now: () => t };
}

/** A build's lines: two steps, the second counting 1,000 articles, 1 ms apart. */
function run(line: ReturnType<typeof progressLine>, tick: (ms: number) => void): void {
  line.update("step 1/2: load: walk the content");
  line.update("step 2/2: render each article's files");
  for (let i = 1; i <= 1000; i++) {
    tick(1);
    line.update(`epub ${i}/1000 article-${i}`);
  }
  line.done();
}

describe("the build's progress line", () => {
  it("on a terminal, rewrites one line in place, at most every 100 ms, and clears it at the end", () => {
    const r = recorder(true);
    run(progressLine(r.out, { now: r.now }), r.tick);
    const all = r.written.join("");
    expect(all).not.toContain("\n"); // never a new line
    for (const w of r.written) expect(w.startsWith("\r\x1b[K")).toBe(true);
    expect(r.written.length).toBeLessThan(20); // 1 s of counting: about one rewrite per 100 ms
    expect(r.written).toContain("\r\x1b[K[2/2] render each article's files: epub 1000/1000 article-1000");
    expect(r.written.at(-1)).toBe("\r\x1b[K"); // cleared for the result
  });

  it("on a terminal, cuts the line to its width", () => {
    const r = recorder(true, 30);
    progressLine(r.out, { now: r.now }).update("step 1/2: a step whose name is far longer than the terminal");
    expect(r.written[0]!.replace("\r\x1b[K", "")).toHaveLength(29);
  });

  it("elsewhere, prints each step and a count now and then, as plain lines", () => {
    const r = recorder(false);
    run(progressLine(r.out, { now: r.now, intervalMs: 250 }), r.tick);
    expect(r.written.every((w) => w.endsWith("\n") && !w.includes("\r"))).toBe(true);
    expect(r.written.slice(0, 2)).toEqual(["[1/2] load: walk the content\n", "[2/2] render each article's files\n"]);
    expect(r.written.length).toBe(2 + 4); // a count every 250 ms of the 1 s
    expect(r.written[2]).toBe("[2/2] render each article's files: epub 250/1000 article-250\n");
  });

  it("prints a message without a count on a line of its own, and the progress line again below it", () => {
    const r = recorder(true);
    const line = progressLine(r.out, { now: r.now });
    line.update("step 1/1: write the output and switch to it");
    line.update("waiting for build process 42 to finish writing dist/");
    expect(r.written.slice(1)).toEqual(["\r\x1b[K", "waiting for build process 42 to finish writing dist/\n", "\r\x1b[K[1/1] write the output and switch to it"]);
  });
});
