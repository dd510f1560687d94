/** The environment wrangler (and the test plugin's wrangler) runs with: offline, project-local. */
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

export const wranglerSettings = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  XDG_CONFIG_HOME: `${root}.config`,
  WRANGLER_LOG_PATH: `${root}.logs`,
} as const;

export function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, ...wranglerSettings };
}
