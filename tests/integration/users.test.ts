import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { identityFromSession } from "@/lib/auth/session-identity";
import { DomainError } from "@/lib/errors";
import { createUser, updateUser } from "@/lib/users/service";
import { isolatedDb, makeUser, testDb, uniqueEmail } from "../setup/fixtures";

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("users service", () => {
  it("creates a user with a hashed password and records it in the audit log", async () => {
    const email = uniqueEmail("new");
    const user = await createUser(testDb(), SYSTEM_ACTOR, {
      email: `  ${email.toUpperCase()} `,
      name: "Nia New",
      password: "a long enough password",
      roles: ["author", "author"],
    });
    expect(user.email).toBe(email);
    expect(user.roles).toEqual(["author"]);
    const stored = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.created", targetId: user.id } });
    expect(audit.actorLabel).toBe("system");
    expect(JSON.stringify(audit.details)).not.toContain("a long enough password");
  });

  it("names every invalid field and writes nothing", async () => {
    const before = await testDb().user.count();
    const error = await rejection(
      createUser(testDb(), SYSTEM_ACTOR, { email: "not-an-email", name: "", password: "short", roles: ["chief" as never] }),
    );
    expect(error.status).toBe(400);
    expect(error.fields.map((field) => field.path).sort()).toEqual(["email", "name", "password", "roles.0"]);
    expect(await testDb().user.count()).toBe(before);
  });

  it("refuses a duplicate e-mail with a conflict", async () => {
    const existing = await makeUser(["author"]);
    const error = await rejection(
      createUser(testDb(), SYSTEM_ACTOR, { email: existing.email, name: "Dup", roles: ["author"] }),
    );
    expect(error.status).toBe(409);
    expect(error.message).toContain(existing.email);
  });

  it("changes roles and audits the change with before and after", async () => {
    const user = await makeUser(["author"]);
    const updated = await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, roles: ["author", "reviewer"] });
    expect(updated.roles.sort()).toEqual(["author", "reviewer"]);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "user.roles_changed", targetId: user.id } });
    expect(audit.details).toMatchObject({ changes: { roles: { from: ["author"], to: ["author", "reviewer"] } } });
  });

  it("ends existing sessions when a user is deactivated, and they stay ended after reactivation", async () => {
    const user = await makeUser(["reviewer"]);
    const claims = { sub: user.id, epoch: 0 };
    expect(await identityFromSession(testDb(), claims)).toMatchObject({ userId: user.id, roles: ["reviewer"] });

    await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, active: false });
    expect(await identityFromSession(testDb(), claims)).toBeNull();

    await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, active: true });
    expect(await identityFromSession(testDb(), claims)).toBeNull();
    const actions = await testDb().auditEvent.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(["user.created", "user.deactivated", "user.reactivated"]);
  });

  it("role changes take effect on the next request without a new sign-in", async () => {
    const user = await makeUser(["author"]);
    await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, roles: ["admin"] });
    expect(await identityFromSession(testDb(), { sub: user.id, epoch: 0 })).toMatchObject({ roles: ["admin"] });
  });

  it("never leaves the product without an active admin", async () => {
    const { db, drop } = await isolatedDb();
    try {
      const admin = await createUser(db, SYSTEM_ACTOR, { email: uniqueEmail("only-admin"), name: "Only", roles: ["admin"] });
      for (const change of [{ roles: ["author" as const] }, { active: false }]) {
        const error = await rejection(updateUser(db, SYSTEM_ACTOR, { userId: admin.id, ...change }));
        expect(error.status).toBe(409);
        expect(error.code).toBe("last_admin");
      }
      expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ roles: ["admin"], active: true });

      const second = await createUser(db, SYSTEM_ACTOR, { email: uniqueEmail("admin2"), name: "Two", roles: ["admin"] });
      await updateUser(db, SYSTEM_ACTOR, { userId: admin.id, roles: ["author"] });
      expect(await db.user.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ roles: ["admin"] });
    } finally {
      await drop();
    }
  });
});
