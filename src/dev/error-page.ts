/**
 * The page the dev server answers every HTML request with while the content does not build:
 * every problem as `file:line field: message`, the same lines as the terminal shows. It
 * reloads itself (reload.ts) once the content is fixed.
 */
import { escape } from "../render/escape.ts";
import { formatProblem, type ContentProblem } from "../content/errors.ts";
import { reloadTag } from "./reload.ts";

export type BuildFailure = { problems: ContentProblem[] } | { error: string };

export function errorPage(failure: BuildFailure): string {
  const heading =
    "problems" in failure
      ? `${failure.problems.length} problem${failure.problems.length === 1 ? "" : "s"} in the content`
      : "The build failed";
  const items =
    "problems" in failure
      ? `<ol>\n${failure.problems.map((p) => `<li><code>${escape(formatProblem(p))}</code></li>`).join("\n")}\n</ol>`
      : `<pre>${escape(failure.error)}</pre>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(heading)} · Folio dev</title>
<style>${errorStyle}</style>
${reloadTag}
</head>
<body>
<main>
<h1>${escape(heading)}</h1>
<p>Fix ${"problems" in failure && failure.problems.length > 1 ? "them" : "it"} and save: this page reloads once the content builds. The last good build is not served meanwhile.</p>
${items}
</main>
</body>
</html>
`;
}

export const errorStyle = "body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff8f6}h1{color:#a4161a;font-size:1.4rem}li{margin:.4rem 0}code,pre{font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}";
