import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { wranglerSettings } from "./scripts/wrangler-env.ts";

// The test plugin runs wrangler too: keep it offline and inside the project.
Object.assign(process.env, wranglerSettings);

export default defineConfig({
  test: {
    projects: [
      {
        // Build, content, renderers, EPUB and the Miniflare smoke test: plain Node.
        test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        // The worker, in workerd, called the way clients call it.
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "worker", include: ["test/worker/**/*.test.ts"] },
      },
      {
        // The conformance checks, proven able to fail on broken output. They run Debian's
        // EPUBCheck and python3-feedparser, so they belong to `npm run test:conformance`.
        test: { name: "conformance", include: ["test/conformance/**/*.test.ts"], environment: "node", testTimeout: 120_000 },
      },
    ],
  },
});
