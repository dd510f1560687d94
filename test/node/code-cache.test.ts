/**
 * The build script's stripped TypeScript (src/build/code-cache.ts): a module is stripped once
 * and then served from the cache folder (with Node's compile cache beside it), what it runs is what Node would run (the same lines
 * and columns in a stack trace), and a folder that cannot be written only means no cache.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { strippedCode } from "../../src/build/code-cache.ts";

const tmp = mkdtempSync(join(tmpdir(), "folio-code-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const source = [
  "interface Point { x: number; y: number }",
  "export function far(p: Point): number {",
  "  const d: number = Math.hypot(p.x, p.y);",
  '  if (d > 10) throw new Error("too far");',
  "  return d;",
  "}",
  "",
].join("\n");

describe("the stripped code cache", () => {
  it("strips a file once: the next time its entry is read, not the file stripped again", () => {
    const dir = join(tmp, "once");
    const code = strippedCode(dir, source);
    expect(code).not.toContain("interface");
    expect(code).not.toContain(": number");
    expect(code.split("\n").map((l) => l.length)).toEqual(source.split("\n").map((l) => l.length)); // blanks in place of types
    const [entry] = readdirSync(dir);
    expect(entry).toMatch(/^[0-9a-f]{64}\.js$/);
    // Altered behind its back: what comes back is the entry.
    writeFileSync(join(dir, entry!), `${code}// from the cache\n`);
    expect(strippedCode(dir, source)).toContain("// from the cache");
    // Another text is another entry.
    expect(strippedCode(dir, `${source}export const z: string = "";\n`)).toMatch(/^export const z {9}= "";$/m);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it("strips all the same where the folder cannot be made", () => {
    // A file where the folder would be (a read-only folder would not stop a test run as root).
    const blocked = join(tmp, "blocked");
    writeFileSync(blocked, "");
    expect(strippedCode(join(blocked, "code"), source)).toBe(strippedCode(join(tmp, "writable"), source));
    expect(readFileSync(blocked, "utf8")).toBe("");
  });

  it("serves a process's TypeScript modules from the cache once the hook is installed, with the same stack traces", () => {
    const dir = join(tmp, "hooked");
    const mod = join(tmp, "far.ts");
    writeFileSync(mod, source);
    const hook = pathToFileURL(join(import.meta.dirname, "../../src/build/code-cache.ts")).href;
    const script = [
      `const { cacheStrippedCode } = await import(${JSON.stringify(hook)});`,
      `if (process.argv[1] === "hook") cacheStrippedCode(${JSON.stringify(dir)});`,
      `const { far } = await import(${JSON.stringify(pathToFileURL(mod).href)});`,
      "console.log(far({ x: 3, y: 4 }));",
      "try { far({ x: 30, y: 40 }); } catch (e) { console.log(e.stack.split('\\n')[1].replace(/^.*far\\.ts/, 'far.ts')); }",
    ].join("\n");
    const run = (hooked: boolean) => spawnSync(process.execPath, ["--input-type=module", "-e", script, hooked ? "hook" : "plain"], { encoding: "utf8", timeout: 60_000 });
    const plain = run(false);
    expect(plain.stderr).toBe("");
    expect(plain.stdout).toBe("5\nfar.ts:4:21)\n");
    const first = run(true);
    const second = run(true);
    // The same results and stack traces, no warning on stderr, and the module's one entry.
    for (const hooked of [first, second]) expect([hooked.stdout, hooked.stderr]).toEqual([plain.stdout, ""]);
    // Its one entry, and Node's compile cache beside them.
    const entries = readdirSync(dir).filter((f) => f.endsWith(".js"));
    expect(entries).toHaveLength(1);
    expect(readdirSync(join(dir, "v8")).length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, entries[0]!), "utf8")).toBe(strippedCode(join(tmp, "writable"), source));
  });
});
