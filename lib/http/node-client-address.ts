import type { IncomingMessage } from "node:http";
import { serverEnv } from "@/lib/config/env";
import { clientAddress } from "./client-address";

/** The client of a Node request as the rate limits count it: the socket's peer, or X-Forwarded-For per TRUSTED_PROXY_HOPS. */
export function nodeClientAddress(request: IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  return clientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, request.socket?.remoteAddress, serverEnv().TRUSTED_PROXY_HOPS);
}
