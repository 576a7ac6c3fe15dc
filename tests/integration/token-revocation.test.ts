import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/admin/me/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { updateUser } from "@/lib/users/service";
import { call } from "../setup/api";
import { makeUser, testDb } from "../setup/fixtures";

/** An admin's own actor, as the users page passes it to the service. */
async function admin() {
  const user = await makeUser(["admin"]);
  return { id: user.id, label: user.email, via: "session" as const };
}

async function userWithTokens(count: number) {
  const user = await makeUser(["author"]);
  const secrets: string[] = [];
  for (let index = 0; index < count; index++) {
    const { secret } = await createApiToken(testDb(), { id: user.id, label: user.email, via: "session" }, { name: `script ${index}` });
    secrets.push(secret);
  }
  return { user, secrets };
}

async function status(token: string): Promise<number> {
  return (await call(me, { path: "/api/admin/me", params: {}, token })).status;
}

describe("a password reset or a deactivation revokes the user's API tokens for good", () => {
  it("password reset: every token answers 401 afterwards and stays revoked; audited with the tokens it ended", async () => {
    const actor = await admin();
    const { user, secrets } = await userWithTokens(2);
    const other = await userWithTokens(1);
    for (const secret of secrets) expect(await status(secret)).toBe(200);

    await updateUser(testDb(), actor, { userId: user.id, password: "a brand new password for them" });

    for (const secret of secrets) expect(await status(secret)).toBe(401);
    const tokens = await testDb().apiToken.findMany({ where: { userId: user.id } });
    expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
    // Someone else's token is untouched.
    expect(await status(other.secrets[0])).toBe(200);

    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.tokens_revoked", targetId: user.id } });
    expect(audit.actorId).toBe(actor.id);
    expect(audit.details).toMatchObject({
      email: user.email,
      because: "password_reset",
      tokens: expect.arrayContaining(tokens.map((token) => ({ name: token.name, prefix: token.prefix }))),
    });
  });

  it("deactivation revokes them, and reactivation does not bring them back", async () => {
    const actor = await admin();
    const { user, secrets } = await userWithTokens(1);
    expect(await status(secrets[0])).toBe(200);

    await updateUser(testDb(), actor, { userId: user.id, active: false });
    expect(await status(secrets[0])).toBe(401);
    await updateUser(testDb(), actor, { userId: user.id, active: true });
    expect(await status(secrets[0])).toBe(401);

    const stored = await testDb().apiToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.revokedAt).not.toBeNull();
    const audits = await testDb().auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(audits.map((event) => event.action)).toEqual(["user.created", "user.tokens_revoked", "user.deactivated", "user.reactivated"]);
    expect(audits[1].details).toMatchObject({ because: "deactivated" });

    // A token made after reactivation works: the user is back, only the old tokens are gone.
    const { secret } = await createApiToken(testDb(), { id: user.id, label: user.email, via: "session" }, { name: "new" });
    expect(await status(secret)).toBe(200);
  });

  it("a role change or a rename keeps the tokens (only the two events above end them)", async () => {
    const actor = await admin();
    const { user, secrets } = await userWithTokens(1);
    await updateUser(testDb(), actor, { userId: user.id, roles: ["author", "reviewer"], name: "Renamed" });
    expect(await status(secrets[0])).toBe(200);
    expect(await testDb().auditEvent.count({ where: { action: "user.tokens_revoked", targetId: user.id } })).toBe(0);
  });
});
