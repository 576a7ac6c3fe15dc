/**
 * Every /api/admin route, found from the files Next routes (app/api/admin/**\/route.ts)
 * rather than from a list, so a new route cannot be left out of the tests that
 * walk them all; and a loopback HTTP server that serves those real handlers,
 * mapped from the same paths as Next maps them (only Next's router is left out,
 * as in tests/setup/admin-api-instance.ts).
 */
import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { NextRequest } from "next/server";
import type { AdminRouteHandler } from "@/lib/http/admin-route";

const ADMIN_DIR = path.resolve("app/api/admin");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export interface AdminRouteMethod {
  /** e.g. /api/admin/rulesets/[slug]/versions/[n]/publish */
  template: string;
  method: (typeof METHODS)[number];
  handler: AdminRouteHandler<Record<string, string>>;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** Every exported method of every admin route file, in path order. */
export async function adminRouteMethods(): Promise<AdminRouteMethod[]> {
  const found: AdminRouteMethod[] = [];
  for (const file of routeFiles(ADMIN_DIR).sort()) {
    const folder = path.dirname(path.relative(ADMIN_DIR, file)).split(path.sep).join("/");
    const template = folder === "." ? "/api/admin" : `/api/admin/${folder}`;
    const exported = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof exported[method] === "function") found.push({ template, method, handler: exported[method] as AdminRouteMethod["handler"] });
    }
  }
  return found;
}

function patternOf(template: string): RegExp {
  const source = template.replace(/\[(\w+)\]/g, (_match, name: string) => `(?<${name}>[^/]+)`);
  return new RegExp(`^${source}$`);
}

async function readBody(request: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : new Uint8Array(Buffer.concat(chunks));
}

export interface AdminServer {
  url: string;
  close(): Promise<void>;
}

/** Serves these handlers over HTTP on 127.0.0.1 (a free port). Anything a handler throws answers 500, as Next would. */
export async function serveAdminRoutes(routes: AdminRouteMethod[]): Promise<AdminServer> {
  const table = routes.map((route) => ({ ...route, pattern: patternOf(route.template) }));
  const server = http.createServer((request, response) => {
    (async () => {
      const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
      const samePath = table.filter((route) => route.pattern.test(url.pathname));
      const route = samePath.find((candidate) => candidate.method === request.method);
      if (!route) {
        response.writeHead(samePath.length > 0 ? 405 : 404).end();
        return;
      }
      const groups = route.pattern.exec(url.pathname)?.groups ?? {};
      const params = Object.fromEntries(Object.entries(groups).map(([key, value]) => [key, decodeURIComponent(value)]));
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
      const answer = await route.handler(new NextRequest(url, { method: request.method, headers, body: await readBody(request) }), {
        params: Promise.resolve(params),
      });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
