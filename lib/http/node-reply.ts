import type { ServerResponse } from "node:http";

/** Writes a status, headers and optional body straight to Node's response. */
export function sendNodeReply(response: ServerResponse, reply: { status: number; headers: Record<string, string>; body: Uint8Array | null }): void {
  response.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  if (reply.body) response.end(reply.body);
  else response.end();
}
