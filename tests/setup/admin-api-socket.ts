/**
 * The admin API's real route handlers served over a real socket, in the test's
 * own process: requests arrive as bytes on loopback with whatever headers the
 * test writes (Origin, Sec-Fetch-Site, cookies, chunked bodies), and bodies are
 * streamed to the handler as Next does for App Router routes, never buffered
 * here first, so a test can see when the server stops reading. Only Next's
 * router is left out; what of it matters here is reproduced: 405 for a method
 * the route does not export, 400 for a malformed %-escape in a path segment
 * (Next fails to decode it before any handler runs), and `params` resolving to
 * undefined on a route without dynamic segments.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { loadAdminRoutes, type AdminRoute } from "./admin-api-routes";

export interface AdminApiServer {
  url: string;
  routes: AdminRoute[];
  /** Everything handlers logged as errors (a 500's stack), to show when a test fails. */
  errors: string[];
  close(): Promise<void>;
}

function decodeSegments(groups: Record<string, string>): Record<string, string> | null {
  try {
    return Object.fromEntries(Object.entries(groups).map(([name, value]) => [name, decodeURIComponent(value)]));
  } catch {
    return null;
  }
}

export async function startAdminApiServer(): Promise<AdminApiServer> {
  const routes = await loadAdminRoutes();
  const errors: string[] = [];

  async function dispatch(request: http.IncomingMessage, response: http.ServerResponse) {
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
    if (!route) return void response.writeHead(404).end();
    const handler = route.handlers[request.method ?? "GET"];
    if (!handler) return void response.writeHead(405, { allow: Object.keys(route.handlers).join(", ") }).end();
    const params = decodeSegments(route.pattern.exec(url.pathname)?.groups ?? {});
    if (!params) return void response.writeHead(400).end("Bad Request");

    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string") headers.set(name, value);
      else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const init = {
      method: request.method,
      headers,
      body: hasBody ? (Readable.toWeb(request) as ReadableStream<Uint8Array>) : undefined,
      duplex: "half",
    };
    // Next resolves `params` to undefined for a route without dynamic segments; so does this.
    const routeParams = route.params.length > 0 ? params : (undefined as unknown as Record<string, string>);
    const answer = await handler(new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]), { params: Promise.resolve(routeParams) });
    const body = Buffer.from(await answer.arrayBuffer());
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(body);
  }

  const server = http.createServer((request, response) => {
    dispatch(request, response).catch((error: unknown) => {
      errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
