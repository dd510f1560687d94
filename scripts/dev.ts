/**
 * npm run dev [-- --port N] [--content DIR] [--articles DIR]… [--feed-items N]
 * Builds, serves on http://127.0.0.1:8787 (or --port) through `wrangler dev` (offline), watches
 * content/ and src/, rebuilds what a save touches and reloads the open pages. Content problems
 * show in the terminal and on the page until they are fixed. See src/dev/server.ts.
 */
import { parseArgs } from "node:util";
import { startDevServer } from "../src/dev/server.ts";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    content: { type: "string", default: "content" },
    articles: { type: "string", multiple: true },
    "feed-items": { type: "string" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`--port must be a port number from 1 to 65535, not ${values.port}`);
  process.exit(2);
}

try {
  const server = await startDevServer({
    root: process.cwd(),
    port,
    contentDir: values.content,
    ...(values.articles ? { articleDirs: values.articles } : {}),
    ...(values["feed-items"] ? { feedItems: Number(values["feed-items"]) } : {}),
  });
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      void server.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use: stop what listens there, or pick another with --port N.` : `The dev server could not start: ${e.stack ?? e.message}`);
  process.exit(1);
}
