/** The one form of Folio's strong ETags, from a SHA-256 digest: the build's files and the worker's renders. */
export function strongEtag(sha256: Uint8Array): string {
  const base64url = btoa(String.fromCharCode(...sha256)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `"${base64url.slice(0, 27)}"`;
}
