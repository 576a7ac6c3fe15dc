import type { IncomingMessage } from "node:http";
import { DomainError } from "@/lib/errors";

/** Reads a JSON request body from Node's request: 415 when not JSON, 413 when too large, 400 when malformed; never a 500. */
export async function readNodeJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new DomainError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) {
      throw new DomainError(413, "payload_too_large", `The request body is larger than ${limitBytes} bytes.`, [
        { path: "(body)", message: `must be at most ${limitBytes} bytes` },
      ]);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new DomainError(400, "invalid_json", "The request body is not valid JSON.", [{ path: "(body)", message: "is not valid JSON" }]);
  }
}
