/**
 * The book's unique identifier: a name-based UUID (RFC 9562 §5.5, version 5: SHA-1 in the
 * URL namespace) of the article's canonical URL. The same article always gets the same
 * `urn:uuid:`, so a reader keeps its place and notes across new editions of the file.
 */
import { createHash } from "node:crypto";

/** RFC 9562 Appendix C: the namespace for names that are URLs. */
const urlNamespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");

export function uuidV5(url: string): string {
  const hash = createHash("sha1").update(urlNamespace).update(url, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function bookIdentifier(canonicalUrl: string): string {
  return `urn:uuid:${uuidV5(canonicalUrl)}`;
}
