import type { IncomingMessage } from "node:http";
import { DomainError } from "@/lib/errors";
import { parseJsonBody, requireJsonContentType } from "./problem";

function tooLarge(limitBytes: number): DomainError {
  return new DomainError(413, "payload_too_large", `The request body is larger than ${limitBytes} bytes.`, [
    { path: "(body)", message: `must be at most ${limitBytes} bytes` },
  ]);
}

/**
 * Reads a JSON request body from Node's request: 415 when not JSON, 413 when too large, 400 when malformed; never a 500.
 * A body over the limit is refused from its Content-Length before reading it, or as soon as it crosses the limit. The
 * request is never destroyed here (that would reset the connection before the 413 is written): the rest of the body is
 * left to the reply, which closes the connection gracefully (lib/http/node-reply.ts).
 */
export async function readNodeJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  requireJsonContentType(request.headers["content-type"]);
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        request.off("data", onData);
        request.off("end", onEnd);
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", reject);
  });
  return parseJsonBody(text);
}
