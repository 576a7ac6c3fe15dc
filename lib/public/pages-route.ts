import type { NextApiRequest, NextApiResponse } from "next";
import { serverEnv } from "@/lib/config/env";
import { clientAddress } from "@/lib/http/client-address";
import { sendNodeReply } from "@/lib/http/node-reply";
import type { CatalogSnapshot } from "./catalog";
import { publishedCatalog } from "./catalog-instance";
import { catalogAgeHeaders } from "./health";
import { preflightReply, publicErrorReply, publicProblemReply, type PublicReply, type ReadRequest } from "./http";

export interface PublicCall {
  snapshot: CatalogSnapshot;
  /** A route parameter as one string ("" when absent or repeated, which nothing published matches). */
  param(name: string): string;
  read: ReadRequest;
  request: NextApiRequest;
  /** The client as rate limits should count it (see TRUSTED_PROXY_HOPS). */
  clientAddress(): string;
}

type Answer = (call: PublicCall) => PublicReply | Promise<PublicReply>;

/**
 * A public API route, served through the Pages API rather than an App Router handler.
 * Why: these are the hottest, most cacheable requests, and Next drops Content-Encoding
 * from App Router responses, so it would gzip the same document again on every request
 * and give no access to the socket's address. Here a published body is compressed once
 * and written straight to Node's response (about 3× the throughput; bench/README.md).
 * GET also answers HEAD; OPTIONS is the CORS preflight; other methods get 405.
 */
export function publicApiRoute(methods: { GET?: Answer; POST?: Answer }) {
  const allowed = [...(methods.GET ? ["GET", "HEAD"] : []), ...(methods.POST ? ["POST"] : []), "OPTIONS"].join(", ");
  return async function handler(request: NextApiRequest, response: NextApiResponse): Promise<void> {
    const reply = await answer(request, methods, allowed);
    // A stale answer (database unreachable) says how old it is; a current one has no such header.
    sendNodeReply(response, { ...reply, headers: { ...reply.headers, ...catalogAgeHeaders(publishedCatalog()) } });
  };
}

async function answer(request: NextApiRequest, methods: { GET?: Answer; POST?: Answer }, allowed: string): Promise<PublicReply> {
  const method = request.method ?? "GET";
  if (method === "OPTIONS") return preflightReply();
  const handler = method === "GET" || method === "HEAD" ? methods.GET : method === "POST" ? methods.POST : undefined;
  if (!handler) {
    const reply = publicProblemReply(405, "method_not_allowed", `${method} is not allowed here; use ${allowed}.`);
    return { ...reply, headers: { ...reply.headers, allow: allowed } };
  }
  try {
    return await handler({
      snapshot: await publishedCatalog().get(),
      param: (name) => {
        const value = request.query[name];
        return typeof value === "string" ? value : "";
      },
      read: {
        method,
        ifNoneMatch: request.headers["if-none-match"] ?? null,
        acceptEncoding: request.headers["accept-encoding"] ?? null,
      },
      request,
      clientAddress: () => {
        const forwarded = request.headers["x-forwarded-for"];
        return clientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, request.socket.remoteAddress, serverEnv().TRUSTED_PROXY_HOPS);
      },
    });
  } catch (error) {
    return publicErrorReply(error);
  }
}
