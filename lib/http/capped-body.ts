import { serverEnv } from "@/lib/config/env";
import { DomainError } from "@/lib/errors";

/** The admin API's request-body cap (ADMIN_API_BODY_LIMIT_BYTES, default 2 MiB). */
export function adminBodyLimitBytes(): number {
  return serverEnv().ADMIN_API_BODY_LIMIT_BYTES;
}

export function payloadTooLarge(limitBytes: number): DomainError {
  return new DomainError(413, "payload_too_large", `The request body is larger than ${formatBytes(limitBytes)}; nothing was saved.`, [
    { path: "(body)", message: `must be at most ${limitBytes} bytes` },
  ]);
}

/** 413 at once when the declared Content-Length is over the cap: nothing of the body is read. */
export function refuseDeclaredOversizeBody(request: Request, limitBytes: number): void {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > limitBytes) throw payloadTooLarge(limitBytes);
}

/**
 * Reads the body as UTF-8 text, refusing it (413) as soon as it passes the cap:
 * the declared Content-Length is checked first, then the bytes are counted as
 * they arrive (a chunked body declares nothing), so at most one chunk past the
 * cap is ever held. The stream is left un-cancelled on purpose: cancelling
 * destroys Node's request, and with it the socket the 413 must be written to;
 * Node discards the unread rest once the response is sent.
 */
export async function readCappedText(request: Request, limitBytes: number = adminBodyLimitBytes()): Promise<string> {
  refuseDeclaredOversizeBody(request, limitBytes);
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) throw payloadTooLarge(limitBytes);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).toString("utf8");
}

function formatBytes(bytes: number): string {
  if (bytes % 1_048_576 === 0) return `${bytes / 1_048_576} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
