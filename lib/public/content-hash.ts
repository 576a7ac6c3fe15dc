/**
 * The content hash of a rule-set document: sha256 over its canonical JSON
 * (RFC 8785), so the server and any client compute the same value from the
 * parsed document whatever the key order or whitespace on the wire. Uses
 * WebCrypto, present in browsers and Node alike, so the client SDK shares it.
 * `canonicalize` ships only as an ES module: imported on first use, so scripts run
 * by tsx as CommonJS (npm start's seeding publishes through lib/reviews) load it too.
 */
export async function contentHash(document: unknown): Promise<string> {
  const { default: canonicalize } = await import("canonicalize");
  const canonical = canonicalize(document);
  if (canonical === undefined) throw new Error("The document cannot be hashed: it is not JSON.");
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `sha256:${hex}`;
}
