import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword, type SignInResult } from "@/lib/auth/sign-in";
import { backoffSeconds, SIGN_IN_THROTTLE, SignInThrottle } from "@/lib/auth/throttle";
import { SYSTEM_ACTOR } from "@/lib/audit/record";
import { updateUser } from "@/lib/users/service";
import { makeUser, TEST_PASSWORD, testDb, uniqueEmail } from "../setup/fixtures";
import { deadDatabaseUrl, postgresLimits, randomAddress, redisLimits, type TestLimits } from "../setup/limits";

const opened: TestLimits[] = [];
afterAll(async () => {
  await Promise.all(opened.map((limits) => limits.close()));
});
function track<T extends TestLimits>(limits: T): T {
  opened.push(limits);
  return limits;
}

const attempt = (email: string, password: string, ip: string, throttle?: SignInThrottle): Promise<SignInResult> =>
  signInWithPassword(testDb(), { email, password }, { ip, throttle });

/** A counter as the PostgreSQL store holds it (null: no row). */
async function storedPoints(key: string): Promise<number | null> {
  const rows = await testDb().$queryRaw<{ points: number }[]>`SELECT points FROM rate_limits WHERE key = ${key}`;
  return rows[0]?.points ?? null;
}

async function auditRows(action: string, actorLabel: string) {
  return testDb().auditEvent.findMany({ where: { action, actorLabel }, orderBy: { at: "asc" } });
}

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

  it("treats malformed input as a failed sign-in, not an error", async () => {
    expect(await signInWithPassword(testDb(), { email: 42, password: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword(testDb(), null)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("sign-in throttling (PostgreSQL store, shared)", () => {
  it("stops one address guessing one account after 5 failures, even with the right password, and audits the block once", async () => {
    const user = await makeUser(["author"]);
    const attacker = randomAddress();
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccountAddress; i += 1) {
      expect(await attempt(user.email, `guess ${i}`, attacker)).toEqual({ ok: false, reason: "invalid" });
    }
    for (const password of ["guess 5", TEST_PASSWORD, "guess 6"]) {
      const refused = await attempt(user.email, password, attacker);
      expect(refused).toMatchObject({ ok: false, reason: "throttled" });
      // Blocked for blockSeconds (15 min) from the first refusal.
      expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(SIGN_IN_THROTTLE.blockSeconds - 60);
    }
    // The owner, from an address that has not failed, is not affected.
    expect(await attempt(user.email, TEST_PASSWORD, randomAddress())).toMatchObject({ ok: true });

    // Five checked failures, one throttling row for the block, nothing for the refused attempts.
    expect(await auditRows("auth.sign_in_failed", user.email)).toHaveLength(5);
    const throttled = await auditRows("auth.sign_in_throttled", user.email);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ targetType: "user", targetId: user.id, via: "system" });
    expect(throttled[0].details).toMatchObject({ scope: "account_address", ip: attacker });
  });

  it("cannot be used to lock a person out: attackers at other addresses are slowed, the owner's right password gets in", async () => {
    // The default rules, with a first backoff delay of 60 s instead of 1 s so that the test does not race the clock.
    const options = { ...SIGN_IN_THROTTLE, backoffBaseSeconds: 60 };
    const throttle = new SignInThrottle(track(postgresLimits()).limiter, options);
    const user = await makeUser(["reviewer"]);
    const attackers = Array.from({ length: 5 }, randomAddress);
    // 5 addresses × 2 failures: 10 failures on the account, the account backoff's threshold; no pair is blocked.
    for (let round = 0; round < 2; round += 1) {
      for (const address of attackers) expect(await attempt(user.email, `guess ${round}`, address, throttle)).toEqual({ ok: false, reason: "invalid" });
    }
    // Addresses that already failed here now get one attempt per delay between them, the delay doubling with
    // each failure: the first goes through (and fails), the next, from any of them, waits, even with the right password.
    expect(await attempt(user.email, "guess 2", attackers[0], throttle)).toEqual({ ok: false, reason: "invalid" });
    for (const [address, password] of [[attackers[1], "guess 3"], [attackers[2], TEST_PASSWORD]]) {
      const slowed = await attempt(user.email, password, address, throttle);
      expect(slowed).toMatchObject({ ok: false, reason: "throttled" });
      expect(slowed.ok === false && slowed.retryAfterSeconds).toBeGreaterThan(50);
      expect(slowed.ok === false && slowed.retryAfterSeconds).toBeLessThanOrEqual(backoffSeconds(10, options));
    }

    // Refused by the backoff before any guess, those attempts are given back: each of those addresses still
    // has its two failures on the account and no more (so a person who mistyped and retries is never held
    // longer than their own failures last).
    for (let i = 0; i < 5; i += 1) expect(await attempt(user.email, TEST_PASSWORD, attackers[1], throttle)).toMatchObject({ reason: "throttled" });
    expect(await storedPoints(`signin-pair:${attackers[1]}|${user.email}`)).toBe(2);
    expect(await storedPoints(`signin-pair:${attackers[2]}|${user.email}`)).toBe(2);

    // The owner, with the right password from their own address, gets in at once, however the attack goes on.
    expect(await attempt(user.email, TEST_PASSWORD, randomAddress(), throttle)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await attempt(user.email, "a typo", randomAddress(), throttle)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, TEST_PASSWORD, randomAddress(), throttle)).toMatchObject({ ok: true });

    // The backoff was audited once, when it began, with the failure count; refused attempts left no rows.
    const throttled = await auditRows("auth.sign_in_throttled", user.email);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ targetId: user.id });
    expect(throttled[0].details).toMatchObject({ scope: "account", failures: SIGN_IN_THROTTLE.accountBackoffAfter });
    expect(await auditRows("auth.sign_in_failed", user.email)).toHaveLength(12);
  });

  it("doubles the account backoff with each failure, up to 15 minutes", () => {
    expect([9, 10, 11, 12, 15, 19, 20, 40].map((failures) => backoffSeconds(failures))).toEqual([0, 1, 2, 4, 32, 512, 900, 900]);
  });

  it("lets no parallel guesses slip between check and count: 20 at once from one address, 5 checked", async () => {
    const user = await makeUser(["author"]);
    const address = randomAddress();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(user.email, `parallel ${i}`, address)));
    expect(results.filter((result) => !result.ok && result.reason === "invalid")).toHaveLength(SIGN_IN_THROTTLE.perAccountAddress);
    expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(20 - SIGN_IN_THROTTLE.perAccountAddress);
    expect(await auditRows("auth.sign_in_failed", user.email)).toHaveLength(5);
    expect(await auditRows("auth.sign_in_throttled", user.email)).toHaveLength(1);
  });

  it("stops one address spraying a password over many accounts, and audits that once", async () => {
    // The same rules with a per-address ceiling of 6 instead of 50, to keep the test short.
    const limits = track(postgresLimits());
    const throttle = new SignInThrottle(limits.limiter, { ...SIGN_IN_THROTTLE, perAddress: 6 });
    const sprayer = randomAddress();
    const accounts = Array.from({ length: 8 }, () => uniqueEmail("sprayed"));
    const results = [];
    for (const email of accounts) results.push(await attempt(email, "Summer2026!", sprayer, throttle));
    expect(results.map((result) => (result.ok ? "ok" : result.reason))).toEqual([...Array(6).fill("invalid"), "throttled", "throttled"]);
    // Another address is not affected.
    expect(await attempt(accounts[7], "Summer2026!", randomAddress(), throttle)).toEqual({ ok: false, reason: "invalid" });
    const throttled = await testDb().auditEvent.findMany({ where: { action: "auth.sign_in_throttled", actorLabel: { in: accounts } } });
    expect(throttled).toHaveLength(1);
    expect(throttled[0].details).toMatchObject({ scope: "address", ip: sprayer });
  });

  it("gives a good address back its clean slate: a success clears that address's failures on the account", async () => {
    const user = await makeUser(["author"]);
    const address = randomAddress();
    for (let i = 0; i < 4; i += 1) await attempt(user.email, `typo ${i}`, address);
    expect(await attempt(user.email, TEST_PASSWORD, address)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i += 1) expect(await attempt(user.email, `typo again ${i}`, address)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, TEST_PASSWORD, address)).toMatchObject({ ok: true });
  });

  it("shares the counters between instances: a block earned on one holds on the other (two pools, two memories, one database)", async () => {
    const first = new SignInThrottle(track(postgresLimits()).limiter);
    const second = new SignInThrottle(track(postgresLimits()).limiter);
    const user = await makeUser(["author"]);
    const attacker = randomAddress();
    for (let i = 0; i < 5; i += 1) await attempt(user.email, `guess ${i}`, attacker, i % 2 ? first : second);
    expect(await attempt(user.email, TEST_PASSWORD, attacker, first)).toMatchObject({ reason: "throttled" });
    expect(await attempt(user.email, TEST_PASSWORD, attacker, second)).toMatchObject({ reason: "throttled" });
    expect(await attempt(user.email, TEST_PASSWORD, randomAddress(), second)).toMatchObject({ ok: true });
    expect(await auditRows("auth.sign_in_throttled", user.email)).toHaveLength(1);
  });

  it("keeps throttling in memory while the store is unreachable, and says so once", async () => {
    const limits = track(postgresLimits(await deadDatabaseUrl(), 60_000));
    const throttle = new SignInThrottle(limits.limiter);
    const user = await makeUser(["author"]);
    const attacker = randomAddress();
    for (let i = 0; i < 5; i += 1) expect(await attempt(user.email, `guess ${i}`, attacker, throttle)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(user.email, TEST_PASSWORD, attacker, throttle)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await attempt(user.email, TEST_PASSWORD, randomAddress(), throttle)).toMatchObject({ ok: true });
    expect(limits.logs).toHaveLength(1);
    expect(limits.logs[0]).toMatch(/the postgres store does not answer \(.+\): counting in this instance's memory/);
  });
});

describe("sign-in throttling (Redis store, REDIS_URL)", () => {
  it("shares the same limits between two instances through Redis", async () => {
    const first = new SignInThrottle((await redisLimits().then(track)).limiter);
    const second = new SignInThrottle((await redisLimits().then(track)).limiter);
    const user = await makeUser(["author"]);
    const attacker = randomAddress();
    for (let i = 0; i < 5; i += 1) expect(await attempt(user.email, `guess ${i}`, attacker, i % 2 ? first : second)).toEqual({ ok: false, reason: "invalid" });
    const refused = await attempt(user.email, TEST_PASSWORD, attacker, first);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThan(SIGN_IN_THROTTLE.blockSeconds - 60);
    expect(await attempt(user.email, TEST_PASSWORD, attacker, second)).toMatchObject({ reason: "throttled" });
    expect(await attempt(user.email, TEST_PASSWORD, randomAddress(), second)).toMatchObject({ ok: true });
    expect(await auditRows("auth.sign_in_throttled", user.email)).toHaveLength(1);
  });
});
