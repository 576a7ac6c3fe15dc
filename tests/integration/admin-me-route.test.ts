import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/admin/me/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { updateUser } from "@/lib/users/service";
import { makeUser, testDb } from "../setup/fixtures";

const context = { params: Promise.resolve({}) };

async function sessionCookie(userId: string, epoch = 0): Promise<string> {
  const jwt = await encode({ token: { sub: userId, epoch }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${jwt}`;
}

function request(headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost:3000/api/admin/me", { headers });
}

describe("GET /api/admin/me", () => {
  it("answers 401 problem+json without identity", async () => {
    const response = await GET(request(), context);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("identifies a session cookie and reads roles from the database", async () => {
    const user = await makeUser(["reviewer"]);
    const response = await GET(request({ cookie: await sessionCookie(user.id) }), context);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      id: user.id,
      email: user.email,
      roles: ["reviewer"],
      effectiveRoles: expect.arrayContaining(["reviewer", "author"]),
      via: "session",
    });
  });

  it("refuses a forged or stale session cookie", async () => {
    const user = await makeUser(["author"]);
    const forged = await encode({ token: { sub: user.id, epoch: 0 }, secret: "some-other-secret-of-32-characters!!" });
    expect((await GET(request({ cookie: `next-auth.session-token=${forged}` }), context)).status).toBe(401);
    await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, active: false });
    expect((await GET(request({ cookie: await sessionCookie(user.id) }), context)).status).toBe(401);
  });

  it("identifies a bearer token as its user", async () => {
    const user = await makeUser(["admin"]);
    const { secret } = await createApiToken(testDb(), { id: user.id, label: user.email, via: "session" }, { name: "t" });
    const response = await GET(request({ authorization: `Bearer ${secret}` }), context);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: user.id, roles: ["admin"], via: "token" });
  });

  it("does not fall back to the session when the bearer token is bad", async () => {
    const user = await makeUser(["author"]);
    const response = await GET(
      request({ authorization: "Bearer tsk_wrong", cookie: await sessionCookie(user.id) }),
      context,
    );
    expect(response.status).toBe(401);
  });
});
