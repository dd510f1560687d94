/**
 * The dev-only reload script and what lets it run: a page served by `npm run dev` gets one
 * `<script src>` tag, and its Content-Security-Policy allows exactly that script's URL and the
 * event stream it listens to. Production pages never pass through here (src/worker/policy.ts
 * allows no script at all).
 */

export const reloadScriptPath = "/__folio/reload.js";
export const eventsPath = "/__folio/events";

/** Reloads the page when the dev server says the output changed; after a dropped connection (a restarted dev server) as well. */
export const reloadScript = `// Folio dev server: reload on rebuild (never served in production)
(() => {
  let lost = false;
  const events = new EventSource(${JSON.stringify(eventsPath)});
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("open", () => { if (lost) location.reload(); });
  events.addEventListener("error", () => { lost = true; });
})();
`;

export const reloadTag = `<script src="${reloadScriptPath}" defer></script>`;

/** The page with the reload script's tag before </head> (or at the end, when there is no head). */
export function injectReloadTag(html: string): string {
  const at = html.search(/<\/head\s*>/i);
  return at === -1 ? html + reloadTag : html.slice(0, at) + reloadTag + html.slice(at);
}

/**
 * The page's CSP with the reload script and its event stream allowed, by full URL of this
 * origin (a CSP host-source with a path matches that path only); every other directive kept.
 */
export function devCsp(csp: string | null, origin: string): string {
  const directives = (csp ?? "default-src 'none'").split(";").map((d) => d.trim()).filter(Boolean);
  const add = (name: string, source: string) => {
    const i = directives.findIndex((d) => d.split(/\s+/)[0]!.toLowerCase() === name);
    if (i === -1) directives.push(`${name} ${source}`);
    else directives[i] = `${directives[i]!.replace(/\s'none'(?=\s|$)/, "")} ${source}`;
  };
  add("script-src", `${origin}${reloadScriptPath}`);
  add("connect-src", `${origin}${eventsPath}`);
  return directives.join("; ");
}
