/**
 * Fetching an original (a page or one of its images) with limits: http and https only,
 * redirects followed by hand to `maxRedirects`, a size limit counted as the bytes arrive, a
 * timeout over the whole exchange, and a User-Agent that names Folio. Every failure is an
 * ImportError of one line saying what happened and what to try.
 */
import { ImportError, saveAndImport } from "./errors.ts";

export const userAgent = "Folio/0.1 (article importer; npm run new)";

export interface FetchLimits {
  /** Milliseconds the whole exchange may take, redirects and body included (default 20 s). */
  timeoutMs?: number;
  /** Largest body accepted, in bytes (default 10 MiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

export const defaultLimits = { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 } as const;

export interface Fetched {
  /** The address that answered, after redirects. */
  url: string;
  /** The media type, lowercased, without parameters ("text/html"). */
  type: string;
  /** The charset parameter, when given. */
  charset?: string;
  body: Uint8Array;
}

/** "10485760" → "10 MiB"; "1500" → "1,500 bytes". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${String(bytes).replace(/\B(?=(\d{3})+$)/g, ",")} bytes`;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * GETs `address`; `what` names it in messages ("the page", "image …"), `advice` is what to try
 * when the web will not give it (by default: save the page and import the file).
 */
export async function fetchLimited(address: string, limits: FetchLimits = {}, advice = saveAndImport(address)): Promise<Fetched> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...defaultLimits, ...limits };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = () => new ImportError(`${address} did not answer within ${seconds(timeoutMs)}: try again later, or ${advice}`);
  try {
    let url = checkedUrl(address);
    const seen = [url];
    for (;;) {
      let response: Response;
      try {
        response = await fetch(url, { redirect: "manual", signal: controller.signal, headers: { "user-agent": userAgent, accept: "text/html,application/xhtml+xml,image/*;q=0.9,*/*;q=0.5" } });
      } catch (error) {
        if (controller.signal.aborted) throw timedOut();
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new ImportError(`could not reach ${url} (${cause?.code ?? cause?.message ?? (error as Error).message}): check the address and the network, or ${advice}`);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        const next = new URL(response.headers.get("location")!, url).href;
        if (seen.includes(next)) throw new ImportError(`${address} redirects in a loop (${[...seen, next].join(" → ")}): open it in a browser, and if it loads there, ${advice}`);
        seen.push(next);
        if (seen.length - 1 > maxRedirects) throw new ImportError(`${address} redirected more than ${maxRedirects} times (to ${next}): open it in a browser, and if it loads there, ${advice}`);
        url = checkedUrl(next, address);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
        const at = url === address ? address : `${address} (redirected to ${url})`;
        if (response.status === 404 || response.status === 410) throw new ImportError(`${at} answered ${status}: check the address; if the page opens in a browser, ${advice}`);
        if (response.status >= 500) throw new ImportError(`${at} answered ${status}: the site has a problem; try again later, or ${advice}`);
        throw new ImportError(`${at} answered ${status}: if the page opens in a browser, ${advice}`);
      }
      const [type = "", ...params] = (response.headers.get("content-type") ?? "").split(";").map((s) => s.trim());
      const charset = params.find((p) => /^charset=/i.test(p))?.slice(8).replace(/"/g, "");
      const declared = Number(response.headers.get("content-length") ?? NaN);
      const tooBig = () => new ImportError(`${address} is larger than the limit of ${sizeText(maxBytes)}: ${advice}`);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw tooBig();
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        for await (const chunk of response.body ?? []) {
          size += chunk.byteLength;
          if (size > maxBytes) {
            controller.abort();
            throw tooBig();
          }
          chunks.push(chunk);
        }
      } catch (error) {
        if (error instanceof ImportError) throw error;
        if (controller.signal.aborted) throw timedOut();
        throw new ImportError(`${address} stopped sending halfway (${(error as Error).message}): try again later, or ${advice}`);
      }
      const body = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        body.set(c, at);
        at += c.byteLength;
      }
      return { url, type: type.toLowerCase(), ...(charset ? { charset } : {}), body };
    }
  } finally {
    clearTimeout(timer);
  }
}

function checkedUrl(address: string, from?: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new ImportError(`"${address}" is not a URL: give the original's full address, e.g. https://example.com/2025/02/some-story/`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ImportError(from ? `${from} redirects to ${address}, which is not an http(s) address: open it in a browser, and if it loads there, ${saveAndImport(from)}` : `${address} is not an http(s) URL: give the original's web address`);
  }
  return url.href;
}

/** The page's text: the charset from the header, else from a <meta> in the first bytes, else UTF-8. */
export function decodeHtml(body: Uint8Array, charset?: string): string {
  const head = new TextDecoder("latin1").decode(body.subarray(0, 2048));
  const declared = charset ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}
