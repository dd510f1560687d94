/**
 * Helpers for the dev-server tests: a throwaway copy of the project (its own src/, content/
 * and dist/, node_modules linked), the dev server started in it on a free port, and an
 * event-stream listener. Every wait is bounded.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const project = resolve(".");

/** A copy of the project with one fixture article as its content. */
export function projectCopy(articles: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-dev-"));
  for (const entry of ["src", "scripts", "wrangler.toml", "package.json", "tsconfig.json"]) cpSync(join(project, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(project, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "content", "articles"), { recursive: true });
  cpSync(join(project, "content", "site.yaml"), join(dir, "content", "site.yaml"));
  for (const a of articles) cpSync(join(project, a), join(dir, "content", "articles", a.split("/").pop()!), { recursive: true });
  return dir;
}

export { listen, startDev, type RunningDev } from "../../scripts/dev-harness.ts";

export function removeCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** GET as a browser asks for a page. */
export async function page(url: string): Promise<{ status: number; csp: string; body: string; headers: Headers }> {
  const res = await fetch(url, { headers: { accept: "text/html,application/xhtml+xml" }, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, csp: res.headers.get("content-security-policy") ?? "", body: await res.text(), headers: res.headers };
}
