import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeClientAddress } from "@/lib/http/node-client-address";
import { sendNodeReply } from "@/lib/http/node-reply";
import { publishedCatalog } from "./catalog-instance";
import { CATALOG_AGE_HEADER, catalogAgeHeaders } from "./health";
import { methodNotAllowedReply, preflightReply, publicErrorReply, publicProblemReply, type PublicReply } from "./http";
import { matchPublicRoute } from "./routes";

const PREFIX = "/api/public";

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const query = raw.indexOf("?");
  return query === -1 ? raw : raw.slice(0, query);
}

/** Whether a request belongs to the public API (and so to this handler, not to Next). */
export function isPublicApiPath(url: string | undefined): boolean {
  const path = pathOf(url);
  return path === PREFIX || path.startsWith(`${PREFIX}/`);
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : null;
}

/** The public API's answer to one request: routing, preflight, 405, and every error as problem+json (never Next's HTML). */
export async function answerPublicRequest(request: IncomingMessage): Promise<PublicReply> {
  const path = pathOf(request.url);
  const found = matchPublicRoute(path);
  if (!found) {
    return publicProblemReply(404, "not_found", `There is no public API route at ${path}; the routes are listed in /api/public/openapi.json.`);
  }
  const { route, allow, params } = found;
  const method = request.method ?? "GET";
  if (method === "OPTIONS") return preflightReply(allow, route.acceptedHeaders, header(request, "access-control-request-headers"));
  const answer = method === "GET" || method === "HEAD" ? route.methods.GET : method === "POST" ? route.methods.POST : undefined;
  if (!answer) return methodNotAllowedReply(method, allow);
  try {
    return await answer({
      snapshot: () => publishedCatalog().get(),
      params,
      read: { method, ifNoneMatch: header(request, "if-none-match"), ifMatch: header(request, "if-match"), acceptEncoding: header(request, "accept-encoding") },
      request,
      clientAddress: () => nodeClientAddress(request),
    });
  } catch (error) {
    return publicErrorReply(error);
  }
}

/** The public API as a plain node:http handler: the fast path of `npm start` and `npm run start:public`, and Next's fallback route. */
export async function handlePublicRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
  let reply: PublicReply;
  try {
    reply = await answerPublicRequest(request);
  } catch (error) {
    reply = publicErrorReply(error);
  }
  // A stale answer (the database did not answer the last check) says how old it is; a current one has no such header.
  const age = catalogAgeHeaders(publishedCatalog());
  sendNodeReply(response, age[CATALOG_AGE_HEADER] ? { ...reply, headers: { ...reply.headers, ...age } } : reply, request);
}
