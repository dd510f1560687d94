/**
 * Runs wrangler offline and quiet, with its config and logs inside the project:
 * no telemetry, no Request.cf download, nothing written to the home folder.
 *   node scripts/wrangler.ts dev | deploy --dry-run … | types
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { wranglerEnv } from "./wrangler-env.ts";

const bin = fileURLToPath(new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url));
const child = spawn(process.execPath, [bin, ...process.argv.slice(2)], { stdio: "inherit", env: wranglerEnv() });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
