import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";
import { NextRequest } from "next/server";
import * as openapiRoute from "@/app/api/public/openapi.json/route";
import evaluate from "@/pages/api/public/rulesets/[slug]/evaluate";
import readCurrent from "@/pages/api/public/rulesets/[slug]/index";
import readVersion from "@/pages/api/public/rulesets/[slug]/versions/[n]";
import readList from "@/pages/api/public/rulesets/index";

type PagesHandler = (request: NextApiRequest, response: NextApiResponse) => Promise<void>;
type AppHandlers = Partial<Record<string, (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response>>;

/**
 * The public API's real handlers behind a real HTTP server on loopback, mapped
 * from the same paths Next derives from their file names. Requests, headers,
 * compression and bodies cross a real socket; only Next's own router is left out
 * (the e2e suite and the benchmark go through `next start`).
 */
const ROUTES: { pattern: RegExp; pages?: PagesHandler; app?: AppHandlers }[] = [
  { pattern: /^\/api\/public\/rulesets$/, pages: readList },
  { pattern: /^\/api\/public\/rulesets\/(?<slug>[^/]+)$/, pages: readCurrent },
  { pattern: /^\/api\/public\/rulesets\/(?<slug>[^/]+)\/versions\/(?<n>[^/]+)$/, pages: readVersion },
  { pattern: /^\/api\/public\/rulesets\/(?<slug>[^/]+)\/evaluate$/, pages: evaluate },
  { pattern: /^\/api\/public\/openapi\.json$/, app: openapiRoute as unknown as AppHandlers },
];

async function readBody(request: http.IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function dispatch(request: http.IncomingMessage, response: http.ServerResponse) {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  for (const route of ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]));
    if (route.pages) {
      Object.assign(request, { query: { ...Object.fromEntries(url.searchParams), ...params } });
      return route.pages(request as NextApiRequest, response as NextApiResponse);
    }
    const handler = route.app?.[request.method ?? "GET"];
    if (!handler) {
      response.writeHead(405).end();
      return;
    }
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await readBody(request);
    const headers = new Headers();
    for (const [key, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(key, value);
    const answer = await handler(new NextRequest(url, { method: request.method, headers, body }), { params: Promise.resolve(params) });
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
    return;
  }
  response.writeHead(404).end();
}

export interface PublicApiServer {
  url: string;
  close(): Promise<void>;
}

export async function startPublicApiServer(): Promise<PublicApiServer> {
  const server = http.createServer((request, response) => {
    dispatch(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
