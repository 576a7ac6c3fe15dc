import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { ContentCoding } from "./encoding";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One representation of a published body: its bytes and its own strong validator. */
export interface Representation {
  coding: ContentCoding;
  bytes: Uint8Array;
  etag: string;
}

/**
 * A published JSON document, serialised once. Each content coding is its own
 * representation with its own strong ETag (`"v2-…"`, `"v2-…-gz"`, `"v2-…-br"`):
 * the bytes differ, so one validator for all of them would let a cache answer a
 * gzip request with brotli bytes (RFC 9110 §8.8.3). The compressed forms are made
 * once, on first use (most versions are never asked for compressed, and loading the
 * catalog stays as fast as serialising), off the event loop, then kept.
 */
export interface PublishedBody {
  /** The identity bytes, ready. */
  bytes: Uint8Array<ArrayBuffer>;
  /** The identity representation's ETag. */
  etag: string;
  /** The ETag of a representation, without compressing anything (enough for 304). */
  etagOf(coding: ContentCoding): string;
  /** The representation: at once when ready, else a promise shared by everyone who asks meanwhile. */
  representation(coding: ContentCoding): Representation | Promise<Representation>;
}

const SUFFIX: Record<ContentCoding, string> = { identity: "", gzip: "-gz", br: "-br" };

/** `"abc"` → `"abc-gz"`: the quoted strong ETag of a coded representation. */
export function codedEtag(etag: string, coding: ContentCoding): string {
  return coding === "identity" ? etag : `${etag.slice(0, -1)}${SUFFIX[coding]}"`;
}

function compress(bytes: Uint8Array, coding: "gzip" | "br"): Promise<Uint8Array> {
  if (coding === "gzip") return gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION });
  return brotli(bytes, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * `etag` is the identity representation's strong ETag (quoted). `precompressed` lets a
 * caller that already holds compressed bytes (e.g. stored at publish time) skip compressing.
 */
export function makeBody(value: unknown, etag: string, precompressed: Partial<Record<"gzip" | "br", Uint8Array>> = {}): PublishedBody {
  const bytes = new TextEncoder().encode(JSON.stringify(value)) as Uint8Array<ArrayBuffer>;
  const ready = new Map<ContentCoding, Representation>([["identity", { coding: "identity", bytes, etag }]]);
  for (const coding of ["gzip", "br"] as const) {
    const given = precompressed[coding];
    if (given) ready.set(coding, { coding, bytes: given, etag: codedEtag(etag, coding) });
  }
  const pending = new Map<ContentCoding, Promise<Representation>>();
  return {
    bytes,
    etag,
    etagOf: (coding) => codedEtag(etag, coding),
    representation(coding) {
      const known = ready.get(coding);
      if (known) return known;
      let inFlight = pending.get(coding);
      if (!inFlight) {
        inFlight = compress(bytes, coding as "gzip" | "br").then((compressed) => {
          const made: Representation = { coding, bytes: compressed, etag: codedEtag(etag, coding) };
          ready.set(coding, made);
          pending.delete(coding);
          return made;
        });
        pending.set(coding, inFlight);
      }
      return inFlight;
    },
  };
}
