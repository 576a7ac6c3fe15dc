import { RateLimiterMemory } from "rate-limiter-flexible";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { signInInput } from "@/lib/users/schemas";
import { verifyPassword } from "./password";

export interface SignInContext {
  ip?: string;
  userAgent?: string;
}

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; sessionEpoch: number } }
  | { ok: false; reason: "invalid" | "throttled" };

// Slows password guessing per account and per address without locking real users out for long.
const failuresPerEmail = new RateLimiterMemory({ keyPrefix: "signin-email", points: 10, duration: 15 * 60 });
const failuresPerIp = new RateLimiterMemory({ keyPrefix: "signin-ip", points: 50, duration: 15 * 60 });

export async function signInWithPassword(
  db: PrismaClient,
  input: unknown,
  context: SignInContext = {},
): Promise<SignInResult> {
  const parsed = signInInput.safeParse(input);
  const attemptedEmail = parsed.success ? parsed.data.email : String((input as { email?: unknown })?.email ?? "").slice(0, 200);
  const details = { ip: context.ip ?? null, userAgent: context.userAgent?.slice(0, 200) ?? null };

  const ipKey = context.ip ?? "unknown";
  const [emailState, ipState] = await Promise.all([failuresPerEmail.get(attemptedEmail), failuresPerIp.get(ipKey)]);
  if ((emailState && emailState.remainingPoints <= 0) || (ipState && ipState.remainingPoints <= 0)) {
    await recordAudit(db, { id: null, label: attemptedEmail || "(none)", via: "system" }, {
      action: "auth.sign_in_failed",
      details: { ...details, reason: "too many failed attempts" },
    });
    return { ok: false, reason: "throttled" };
  }

  const user = parsed.success ? await db.user.findUnique({ where: { email: parsed.data.email } }) : null;
  const passwordOk = parsed.success && (await verifyPassword(user?.passwordHash, parsed.data.password));
  if (!user || !passwordOk || !user.active) {
    await Promise.all([
      failuresPerEmail.penalty(attemptedEmail || "(none)"),
      failuresPerIp.penalty(ipKey),
    ]);
    await recordAudit(db, { id: null, label: attemptedEmail || "(none)", via: "system" }, {
      action: "auth.sign_in_failed",
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details: { ...details, reason: !user ? "unknown e-mail" : !passwordOk ? "wrong password" : "user deactivated" },
    });
    return { ok: false, reason: "invalid" };
  }

  await failuresPerEmail.delete(attemptedEmail);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit(db, { id: user.id, label: user.email, via: "session" }, {
    action: "auth.signed_in",
    targetType: "user",
    targetId: user.id,
    details: { ...details, method: "password" },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionEpoch: user.sessionEpoch } };
}
