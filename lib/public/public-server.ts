import http from "node:http";
import { sendNodeReply } from "@/lib/http/node-reply";
import { publicProblemReply } from "./http";
import { handlePublicRequest, isPublicApiPath } from "./node-handler";

/**
 * A plain node:http server that answers only the public API: the stateless public
 * edge (`npm run start:public`), and what the integration tests and the benchmark
 * talk to. Anything outside /api/public is a 404 problem, never the dashboard.
 */
export function createPublicServer(): http.Server {
  const server = http.createServer((request, response) => {
    if (isPublicApiPath(request.url)) {
      void handlePublicRequest(request, response);
      return;
    }
    sendNodeReply(response, publicProblemReply(404, "not_found", "This server only serves the public API, under /api/public."), request);
  });
  // Longer than the usual load balancer idle timeout (60 s), so the balancer closes idle connections first, never us mid-request.
  server.keepAliveTimeout = 65_000;
  return server;
}
