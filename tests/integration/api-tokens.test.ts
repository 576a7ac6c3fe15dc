import { describe, expect, it } from "vitest";
import { actorOf } from "@/lib/auth/identity";
import { createApiToken, hashApiToken, identityFromApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import { updateUser } from "@/lib/users/service";
import { makeUser, testDb } from "../setup/fixtures";

async function owner(roles: ("author" | "reviewer" | "admin")[] = ["author"]) {
  const user = await makeUser(roles);
  return { user, actor: { id: user.id, label: user.email, via: "session" as const } };
}

describe("personal API tokens", () => {
  it("is shown once, stored only as a hash, and acts as its user with the user's roles", async () => {
    const { user, actor } = await owner(["reviewer"]);
    const { secret, token } = await createApiToken(testDb(), actor, { name: "CI import" });
    expect(secret).toMatch(/^tsk_[A-Za-z0-9_-]{43}$/);
    const stored = await testDb().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(stored.tokenHash).toBe(hashApiToken(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const identity = await identityFromApiToken(testDb(), secret);
    expect(identity).toMatchObject({ userId: user.id, roles: ["reviewer"], via: "token", tokenId: token.id });
    expect(actorOf(identity!)).toEqual({ id: user.id, label: user.email, via: "token" });
    const [listed] = await listApiTokens(testDb(), user.id);
    expect(listed.lastUsedAt).toBeInstanceOf(Date);
    expect(listed).not.toHaveProperty("tokenHash");
  });

  it("stops working when revoked, and the revocation is audited", async () => {
    const { actor } = await owner();
    const { secret, token } = await createApiToken(testDb(), actor, { name: "short-lived" });
    await revokeApiToken(testDb(), actor, token.id);
    expect(await identityFromApiToken(testDb(), secret)).toBeNull();
    const actions = await testDb().auditEvent.findMany({ where: { targetId: token.id }, orderBy: { id: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["token.created", "token.revoked"]);
  });

  it("stops working when its user is deactivated", async () => {
    const { user, actor } = await owner();
    const { secret } = await createApiToken(testDb(), actor, { name: "script" });
    await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, active: false });
    expect(await identityFromApiToken(testDb(), secret)).toBeNull();
  });

  it("stops working once expired", async () => {
    const { actor } = await owner();
    const { secret, token } = await createApiToken(testDb(), actor, { name: "expiring", expiresInDays: 1 });
    expect(await identityFromApiToken(testDb(), secret)).not.toBeNull();
    await testDb().apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await identityFromApiToken(testDb(), secret)).toBeNull();
  });

  it("cannot be revoked by another user", async () => {
    const { actor } = await owner();
    const { actor: stranger } = await owner();
    const { secret, token } = await createApiToken(testDb(), actor, { name: "mine" });
    await expect(revokeApiToken(testDb(), stranger, token.id)).rejects.toMatchObject({ status: 404 });
    expect(await identityFromApiToken(testDb(), secret)).not.toBeNull();
  });

  it("rejects unknown and malformed secrets", async () => {
    expect(await identityFromApiToken(testDb(), "tsk_doesnotexist")).toBeNull();
    expect(await identityFromApiToken(testDb(), "not-a-token")).toBeNull();
  });

  it("validates the name and expiry, naming the field", async () => {
    const { actor } = await owner();
    const error = await createApiToken(testDb(), actor, { name: " ", expiresInDays: 0 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields.map((field) => field.path).sort()).toEqual(["expiresInDays", "name"]);
  });
});

describe("token status", () => {
  it("is reported by the service so pages need no clock of their own", async () => {
    const user = await makeUser(["author"]);
    const actor = { id: user.id, label: user.email, via: "session" as const };
    const live = await createApiToken(testDb(), actor, { name: "live" });
    const old = await createApiToken(testDb(), actor, { name: "old", expiresInDays: 1 });
    const gone = await createApiToken(testDb(), actor, { name: "gone" });
    await testDb().apiToken.update({ where: { id: old.token.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await revokeApiToken(testDb(), actor, gone.token.id);
    const byName = Object.fromEntries((await listApiTokens(testDb(), user.id)).map((token) => [token.name, token.status]));
    expect(byName).toEqual({ live: "active", old: "expired", gone: "revoked" });
    expect(live.token.status).toBe("active");
  });
});
