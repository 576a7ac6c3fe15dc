import { NextRequest } from "next/server";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { makeUser, testDb } from "./fixtures";

type Handler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/** A real user with a real API token, for calling route handlers the way a script does. */
export async function apiUser(roles: Role[]) {
  const user = await makeUser(roles);
  const { secret } = await createApiToken(testDb(), { id: user.id, label: user.email, via: "session" }, { name: "tests" });
  return { user, token: secret };
}

export async function call<P extends Record<string, string>>(
  handler: Handler<P>,
  options: {
    method?: string;
    path: string;
    params: P;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  },
): Promise<{ status: number; headers: Headers; json: () => Promise<Record<string, unknown>>; text: () => Promise<string> }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new NextRequest(`http://localhost:3000${options.path}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params) });
  return {
    status: response.status,
    headers: response.headers,
    json: () => response.json() as Promise<Record<string, unknown>>,
    text: () => response.text(),
  };
}
