/**
 * TEST ONLY, never imported by the product: stands in for lib/rulesets/lock.ts
 * inside the admin API instances of the concurrency tests when they are
 * started with TRIAGE_TEST_LOCK_VARIANT (see tests/setup/instance-hooks.mjs).
 *
 * - `unlocked`: reads the rule set WITHOUT a lock — the code as it was before
 *   issue #14 — and then waits for the round's other request to have read it
 *   too (a rendezvous through pg_stat_activity, at most
 *   TRIAGE_TEST_LOCK_HOLD_MS: keep it under Prisma's 5 s transaction
 *   timeout), so both act on the same state every round, however long either
 *   took to get there;
 * - `held`: takes the real row lock, then keeps it TRIAGE_TEST_LOCK_HOLD_MS
 *   longer: a wide window that the lock must still make harmless.
 */
import type { Prisma, RuleSet } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";

type Tx = Prisma.TransactionClient;

const variant = process.env.TRIAGE_TEST_LOCK_VARIANT;
const holdMs = Number(process.env.TRIAGE_TEST_LOCK_HOLD_MS ?? 500);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until two transactions have read this rule set and are in the window (or the time is up). */
async function rendezvous(tx: Tx, slug: string) {
  const marker = `lock-window:${slug}`.slice(0, 63);
  await tx.$queryRaw`SELECT set_config('application_name', ${marker}, true)`;
  const deadline = Date.now() + holdMs;
  while (Date.now() < deadline) {
    // pg_stat_activity is a snapshot per transaction unless cleared.
    await tx.$executeRaw`SELECT pg_stat_clear_snapshot()`;
    const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${marker}`;
    if (n >= 2) {
      // Long enough for the other one to see this one too before either writes.
      await sleep(250);
      return;
    }
    await sleep(20);
  }
}

export async function lockRuleSet(tx: Tx, slug: string): Promise<RuleSet> {
  if (variant === "held") await tx.$queryRaw`SELECT id FROM "RuleSet" WHERE slug = ${slug} FOR UPDATE`;
  else if (variant !== "unlocked") throw new Error(`Unknown TRIAGE_TEST_LOCK_VARIANT “${variant}”.`);
  const ruleSet = await tx.ruleSet.findUnique({ where: { slug } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  if (variant === "held") await sleep(holdMs);
  else await rendezvous(tx, slug);
  return ruleSet;
}
