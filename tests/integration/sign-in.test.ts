import { describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { updateUser } from "@/lib/users/service";
import { makeUser, TEST_PASSWORD, testDb, uniqueEmail } from "../setup/fixtures";

describe("password sign-in", () => {
  it("accepts the right password, stamps the sign-in and audits it", async () => {
    const user = await makeUser(["author"]);
    const result = await signInWithPassword(testDb(), { email: user.email.toUpperCase(), password: TEST_PASSWORD }, { ip: "10.1.1.1" });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email } });
    const stored = await testDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.lastSignInAt).toBeInstanceOf(Date);
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "auth.signed_in", actorId: user.id } });
    expect(audit.details).toMatchObject({ method: "password", ip: "10.1.1.1" });
  });

  it("refuses a wrong password and records the failed attempt without the password", async () => {
    const user = await makeUser(["author"]);
    const result = await signInWithPassword(testDb(), { email: user.email, password: "wrong password!" }, { ip: "10.1.1.2" });
    expect(result).toEqual({ ok: false, reason: "invalid" });
    const audit = await testDb().auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in_failed", targetId: user.id } });
    expect(audit.actorLabel).toBe(user.email);
    expect(audit.details).toMatchObject({ reason: "wrong password" });
    expect(JSON.stringify(audit.details)).not.toContain("wrong password!");
  });

  it("refuses unknown e-mails and deactivated users the same way", async () => {
    expect(await signInWithPassword(testDb(), { email: uniqueEmail("ghost"), password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const user = await makeUser(["author"]);
    await updateUser(testDb(), SYSTEM_ACTOR, { userId: user.id, active: false });
    expect(await signInWithPassword(testDb(), { email: user.email, password: TEST_PASSWORD })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("slows down password guessing on one account", async () => {
    const user = await makeUser(["author"]);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await signInWithPassword(testDb(), { email: user.email, password: `guess ${attempt}` }, { ip: "10.9.9.9" });
    }
    // Even the right password is refused until the window passes.
    expect(await signInWithPassword(testDb(), { email: user.email, password: TEST_PASSWORD }, { ip: "10.9.9.8" })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("treats malformed input as a failed sign-in, not an error", async () => {
    expect(await signInWithPassword(testDb(), { email: 42, password: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(testDb(), null)).toEqual({ ok: false, reason: "invalid" });
  });
});
