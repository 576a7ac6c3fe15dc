/**
 * The authorization matrix: every method of every /api/admin route (found from
 * the route files, so a new one is walked too) × every kind of caller, over
 * HTTP against a loopback server running the real handlers on the test
 * database. The expected answer comes from the permissions table itself
 * (lib/auth/permissions.ts) and the capability each route declares: without
 * identity 401; without the capability 403; with it anything but 401/403 (and
 * never a 5xx). Requests carry a body that is not an object, so permitted ones
 * stop at validation or at the rule set's state instead of publishing,
 * withdrawing or waiving anything.
 */
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { CAPABILITIES, can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { updateUser } from "@/lib/users/service";
import { adminRouteMethods, serveAdminRoutes, type AdminRouteMethod, type AdminServer } from "../setup/admin-routes";
import { makeUser, testDb } from "../setup/fixtures";
import { makeTeam, ruleSetIn } from "../setup/publication-states";

interface Caller {
  name: string;
  /** null: the server must not know who this is (anonymous, deactivated). */
  roles: Role[] | null;
  headers: Record<string, string>;
}

async function sessionCookie(userId: string): Promise<string> {
  const jwt = await encode({ token: { sub: userId, epoch: 0 }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

async function tokenOf(userId: string, email: string): Promise<string> {
  return (await createApiToken(testDb(), { id: userId, label: email, via: "session" }, { name: "authz matrix" })).secret;
}

async function callers(origin: string): Promise<Caller[]> {
  const list: Caller[] = [{ name: "anonymous", roles: null, headers: {} }];
  const people: [string, Role[]][] = [
    ["author", ["author"]],
    ["reviewer", ["reviewer"]],
    ["admin", ["admin"]],
    ["no roles", []],
  ];
  for (const [name, roles] of people) {
    const user = await makeUser(roles);
    // A browser's own request carries its origin; cookie-authenticated state changes may require it.
    list.push({ name: `${name} (session)`, roles, headers: { cookie: await sessionCookie(user.id), origin, "sec-fetch-site": "same-origin" } });
    list.push({ name: `${name} (token)`, roles, headers: { authorization: `Bearer ${await tokenOf(user.id, user.email)}` } });
  }
  // Deactivated: held every role, and a session and a token from before.
  const gone = await makeUser(["author", "reviewer", "admin"]);
  const goneCookie = await sessionCookie(gone.id);
  const goneToken = await tokenOf(gone.id, gone.email);
  await updateUser(testDb(), SYSTEM_ACTOR, { userId: gone.id, active: false });
  list.push({ name: "deactivated (session)", roles: null, headers: { cookie: goneCookie, origin, "sec-fetch-site": "same-origin" } });
  list.push({ name: "deactivated (token)", roles: null, headers: { authorization: `Bearer ${goneToken}` } });
  return list;
}

function concretePath(template: string, values: Record<string, string>): string {
  return template.replace(/\[(\w+)\]/g, (_match, name: string) => {
    if (!(name in values)) throw new Error(`authz matrix: no value for the route parameter [${name}] in ${template}; add one`);
    return encodeURIComponent(values[name]);
  });
}

type Expected = 401 | 403 | "allowed";

function expectedFor(route: AdminRouteMethod, caller: Caller): Expected {
  if (caller.roles === null) return 401;
  return can({ roles: caller.roles }, route.handler.capability) ? "allowed" : 403;
}

describe("authorization matrix over every admin route", () => {
  let server: AdminServer;
  let routes: AdminRouteMethod[];

  beforeAll(async () => {
    routes = await adminRouteMethods();
    server = await serveAdminRoutes(routes);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("finds the admin routes and each declares a capability the permissions table knows", () => {
    expect(routes.length).toBeGreaterThan(0);
    const undeclared = routes.filter((route) => !(route.handler.capability in CAPABILITIES)).map((route) => `${route.method} ${route.template}`);
    expect(undeclared).toEqual([]);
  });

  it("answers every caller exactly as the permissions table says", async () => {
    // A published v1 and an approved v2 by a team outside the callers, so no caller is a contributor (four-eyes stays out of the way).
    const slug = await ruleSetIn(await makeTeam(), { published: 1, approved: 1, label: "authz" });
    const values = { slug, n: "1", id: "no-such-comment" };
    const everyone = await callers(server.url);
    const mismatches: string[] = [];
    let checks = 0;
    for (const route of routes) {
      for (const caller of everyone) {
        const url = server.url + concretePath(route.template, values);
        const headers: Record<string, string> = { ...caller.headers };
        let body: string | undefined;
        if (route.method !== "GET" && route.method !== "HEAD") {
          body = JSON.stringify("not an object");
          headers["content-type"] = "application/json";
        }
        const response = await fetch(url, { method: route.method, headers, body });
        await response.arrayBuffer();
        checks++;
        const expected = expectedFor(route, caller);
        const ok =
          expected === "allowed"
            ? response.status !== 401 && response.status !== 403 && response.status < 500
            : response.status === expected && response.headers.get("content-type") === "application/problem+json";
        if (!ok) {
          mismatches.push(`${route.method} ${route.template} as ${caller.name} (needs ${route.handler.capability}): expected ${expected}, got ${response.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBe(routes.length * everyone.length);
  }, 120_000);
});
