import type { IncomingMessage } from "node:http";
import { DomainError } from "@/lib/errors";
import { parseJsonBody, requireJsonContentType } from "./problem";

/** Reads a JSON request body from Node's request: 415 when not JSON, 413 when too large, 400 when malformed; never a 500. */
export async function readNodeJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  requireJsonContentType(request.headers["content-type"]);
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
  return parseJsonBody(Buffer.concat(chunks).toString("utf8"));
}
