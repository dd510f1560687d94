/** Requests to the worker as a client makes them, inside workerd. */
import { exports } from "cloudflare:workers";

export const SEED = "in-phone-call-putin-xi-emphasize-that-china-and-russia-cannot-be-moved-apart";
export const ORIGIN = "https://folio.test";

export function get(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, { redirect: "manual", ...init }));
}
