import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long a closing connection keeps discarding what the client still sends after the reply (nginx's lingering_timeout). */
const LINGER_MS = 5_000;

/**
 * Close after the reply without losing it. Node ends a `Connection: close` response
 * with socket.destroySoon(): the socket is destroyed as soon as the reply is written.
 * If the client is still sending a body we did not read (a 413), the kernel answers
 * those bytes with a TCP reset, and a client that had not yet read the reply loses it
 * (RFC 9112 §9.6). Instead: send FIN after the reply, keep reading and discarding until
 * the client closes its side or LINGER_MS pass, then close.
 */
function closeGracefullyAfterReply(request: IncomingMessage, socket: Socket): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    request.resume();
    this.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("close", () => clearTimeout(timer));
  };
}

/**
 * Writes a status, headers and optional body straight to Node's response. A 413 whose
 * body was not read to its end closes the connection (reading an oversized body only to
 * keep the connection would be the work the limit exists to avoid): the reply says
 * `Connection: close` and the connection is closed gracefully. Smaller unread bodies (a
 * 429 refused before reading) are discarded by Node and the connection kept.
 */
export function sendNodeReply(
  response: ServerResponse,
  reply: { status: number; headers: Record<string, string>; body: Uint8Array | string | null },
  request?: IncomingMessage,
): void {
  let headers = reply.headers;
  if (request && reply.status === 413 && !request.complete && request.socket) {
    headers = { ...headers, connection: "close" };
    closeGracefullyAfterReply(request, request.socket);
  }
  // One writeHead with the whole object: cheaper than a setHeader per header on the hot path.
  response.writeHead(reply.status, headers);
  if (reply.body) response.end(reply.body);
  else response.end();
}
