import Negotiator from "negotiator";

/** The content codings the public API sends; anything else a client asks for (deflate, zstd, …) gets identity. */
export type ContentCoding = "br" | "gzip" | "identity";

// Server preference when the client weighs codings equally: smallest first.
const OFFERED: ContentCoding[] = ["br", "gzip", "identity"];

// negotiator 1.x takes the server's preference for ties; @types/negotiator predates it.
interface PreferredEncoding {
  encoding(available: string[], options: { preferred: string[] }): string | undefined;
}

/**
 * The coding to send for an Accept-Encoding header, q-values respected (RFC 9110 §12.5.3).
 * No header, or nothing acceptable (e.g. `identity;q=0` alone), gets identity: an unencoded
 * answer is always better than a 406 for a published document.
 */
export function negotiateEncoding(acceptEncoding: string | null | undefined): ContentCoding {
  if (!acceptEncoding) return "identity";
  const known = decided.get(acceptEncoding);
  if (known) return known;
  const chosen = negotiate(acceptEncoding);
  // Clients send a handful of distinct headers; a client inventing new ones only ever resets this memo.
  if (decided.size >= MEMO_LIMIT) decided.clear();
  decided.set(acceptEncoding, chosen);
  return chosen;
}

// Parsing the header is most of the cost of a cached read: decide each distinct header once.
const MEMO_LIMIT = 256;
const decided = new Map<string, ContentCoding>();

function negotiate(acceptEncoding: string): ContentCoding {
  const negotiator = new Negotiator({ headers: { "accept-encoding": acceptEncoding } }) as Negotiator & PreferredEncoding;
  const chosen = negotiator.encoding(OFFERED, { preferred: OFFERED });
  return chosen === "br" || chosen === "gzip" ? chosen : "identity";
}
