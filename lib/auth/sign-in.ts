import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { signInInput } from "@/lib/users/schemas";
import { verifyPassword } from "./password";
import { signInThrottle, type SignInThrottle } from "./throttle";

export interface SignInContext {
  /**
   * The client address as the rate limits count it (lib/http/client-address.ts with
   * TRUSTED_PROXY_HOPS), computed by the sign-in route from the connection. Never a header value.
   */
  ip?: string;
  userAgent?: string;
  /** For tests: another throttle (e.g. a second instance's, or one over a dead store). */
  throttle?: SignInThrottle;
}

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionEpoch: number } }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

/** The account key: the e-mail as the user table holds it, or the (normalised) text that was sent. */
function accountKey(input: unknown, parsedEmail: string | undefined): string {
  if (parsedEmail) return parsedEmail;
  const raw = (input as { email?: unknown } | null)?.email;
  return (typeof raw === "string" ? raw.trim().toLowerCase() : "").slice(0, 200) || "(none)";
}

export async function signInWithPassword(db: PrismaClient, input: unknown, context: SignInContext = {}): Promise<SignInResult> {
  const parsed = signInInput.safeParse(input);
  const email = accountKey(input, parsed.success ? parsed.data.email : undefined);
  const address = context.ip ?? "unknown";
  const details = { ip: context.ip ?? null, userAgent: context.userAgent?.slice(0, 200) ?? null };
  const throttle = context.throttle ?? signInThrottle();
  const system = { id: null, label: email, via: "system" as const };

  const gate = await throttle.begin(email, address);
  if (!gate.allowed) {
    // Once per block, not once per refused attempt: the audit log must not be an attacker's to flood.
    if (gate.startsBlock) {
      const target = gate.scope === "account_address" && parsed.success ? await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } }) : null;
      await recordAudit(db, system, {
        action: "auth.sign_in_throttled",
        targetType: target ? "user" : undefined,
        targetId: target?.id,
        details: {
          ...details,
          scope: gate.scope,
          retryAfterSeconds: gate.retryAfterSeconds,
          reason:
            gate.scope === "address"
              ? `${throttle.options.perAddress} failed sign-ins from this address; it waits before trying any account`
              : `${throttle.options.perAccountAddress} failed sign-ins on this account from this address; it waits before trying this account`,
        },
      });
    }
    return { ok: false, reason: "throttled", retryAfterSeconds: gate.retryAfterSeconds };
  }

  const user = parsed.success ? await db.user.findUnique({ where: { email: parsed.data.email } }) : null;
  const passwordOk = parsed.success && (await verifyPassword(user?.passwordHash, parsed.data.password));
  if (!user || !passwordOk || !user.active) {
    const { accountFailures, backoffStarts } = await throttle.failed(email);
    await recordAudit(db, system, {
      action: "auth.sign_in_failed",
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details: { ...details, reason: !user ? "unknown e-mail" : !passwordOk ? "wrong password" : "user deactivated" },
    });
    if (backoffStarts) {
      await recordAudit(db, system, {
        action: "auth.sign_in_throttled",
        targetType: user ? "user" : undefined,
        targetId: user?.id,
        details: {
          ...details,
          scope: "account",
          failures: accountFailures,
          reason: `${accountFailures} failed sign-ins on this account within ${Math.round(throttle.options.accountWindowSeconds / 60)} minutes: addresses that failed on it now wait longer after each failure; other addresses are not slowed`,
        },
      });
    }
    return { ok: false, reason: "invalid" };
  }

  await throttle.succeeded(email, address);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit(db, { id: user.id, label: user.email, via: "session" }, {
    action: "auth.signed_in",
    targetType: "user",
    targetId: user.id,
    details: { ...details, method: "password" },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionEpoch: user.sessionEpoch } };
}
