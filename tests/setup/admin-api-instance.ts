/**
 * One "server instance" for the concurrency tests: a separate Node process
 * serving the admin API's real publish, rollback and withdraw route handlers
 * (and the public API's fast path, health included) over HTTP on loopback, with its
 * own database pool, Prisma client, solver and public catalog — as a second
 * app instance behind a load balancer would. Mapped from the paths Next
 * derives from the handlers' file names, as tests/setup/public-api-server.ts
 * does for the public API; only Next's router is left out.
 *
 * Started by tests/setup/instances.ts:
 *   node --import ./tests/setup/instance-hooks.mjs --import tsx tests/setup/admin-api-instance.ts
 * Prints "listening <url>" once it accepts requests; exits when its stdin closes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import * as publishRoute from "@/app/api/admin/rulesets/[slug]/versions/[n]/publish/route";
import * as rollbackRoute from "@/app/api/admin/rulesets/[slug]/rollback/route";
import * as withdrawRoute from "@/app/api/admin/rulesets/[slug]/withdraw/route";
import * as ruleSetsRoute from "@/app/api/admin/rulesets/route";
import { handlePublicRequest, isPublicApiPath } from "@/lib/public/node-handler";

type AppHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: { method: string; pattern: RegExp; app: AppHandler }[] = [
  { method: "POST", pattern: /^\/api\/admin\/rulesets\/(?<slug>[^/]+)\/versions\/(?<n>[^/]+)\/publish$/, app: publishRoute.POST as unknown as AppHandler },
  { method: "POST", pattern: /^\/api\/admin\/rulesets\/(?<slug>[^/]+)\/rollback$/, app: rollbackRoute.POST as unknown as AppHandler },
  { method: "POST", pattern: /^\/api\/admin\/rulesets\/(?<slug>[^/]+)\/withdraw$/, app: withdrawRoute.POST as unknown as AppHandler },
  { method: "GET", pattern: /^\/api\/admin\/rulesets$/, app: ruleSetsRoute.GET as unknown as AppHandler },
];

async function readBody(request: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : new Uint8Array(Buffer.concat(chunks));
}

async function dispatch(request: http.IncomingMessage, response: http.ServerResponse) {
  if (isPublicApiPath(request.url)) return handlePublicRequest(request, response);
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname));
  if (!route) {
    response.writeHead(404).end();
    return;
  }
  const groups = route.pattern.exec(url.pathname)?.groups ?? {};
  const params = Object.fromEntries(Object.entries(groups).map(([key, value]) => [key, decodeURIComponent(value)]));
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
  const answer = await route.app(new NextRequest(url, { method: request.method, headers, body: await readBody(request) }), { params: Promise.resolve(params) });
  response.writeHead(answer.status, Object.fromEntries(answer.headers));
  response.end(Buffer.from(await answer.arrayBuffer()));
}

const server = http.createServer((request, response) => {
  dispatch(request, response).catch((error: unknown) => {
    // Anything that escapes the handlers is a 500 the test must see, not a hang.
    console.error(error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
    response.end(String(error));
  });
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening http://127.0.0.1:${port}\n`);
});

// The test that started this process owns it: when it goes away (or closes stdin), so does this.
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
