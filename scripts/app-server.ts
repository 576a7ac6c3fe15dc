// The server `npm start` runs: one node:http server in one process. /api/public/* goes
// to the public API's plain handler (lib/public/node-handler.ts) and never enters Next's
// router, which costs ~15× its throughput (bench/README.md); everything else goes to
// Next through its documented custom-server API, serving the `next build` output as
// `next start` would.
import http from "node:http";
import next from "next";
import { handlePublicRequest, isPublicApiPath } from "@/lib/public/node-handler";

export interface AppServer {
  server: http.Server;
  close(): Promise<void>;
}

export async function startAppServer(options: { dir: string; port: number; hostname?: string }): Promise<AppServer> {
  const hostname = options.hostname ?? "localhost";
  const app = next({ dev: false, dir: options.dir, hostname, port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((request, response) => {
    if (isPublicApiPath(request.url)) {
      void handlePublicRequest(request, response);
      return;
    }
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("Internal server error");
    });
  });
  // As `next start` sets it: longer than the usual load balancer idle timeout.
  server.keepAliveTimeout = 65_000;
  // Like `next start`: on every interface.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => resolve());
  });
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
