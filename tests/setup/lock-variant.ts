/**
 * TEST ONLY, never imported by the product: stands in for lib/rulesets/lock.ts
 * inside the admin API instances of the concurrency tests when they are
 * started with TRIAGE_TEST_LOCK_VARIANT (see tests/setup/instance-hooks.mjs).
 *
 * - `unlocked`: reads the rule set WITHOUT a lock, then waits
 *   TRIAGE_TEST_LOCK_HOLD_MS: the code as it was before issue #14, with the
 *   race window held open so two requests sent together both act on the same
 *   stale state, every round;
 * - `held`: takes the real row lock, then waits as long while holding it: the
 *   same wide window, which the lock must still make harmless.
 */
import type { Prisma, RuleSet } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";

const variant = process.env.TRIAGE_TEST_LOCK_VARIANT;
const holdMs = Number(process.env.TRIAGE_TEST_LOCK_HOLD_MS ?? 500);

export async function lockRuleSet(tx: Prisma.TransactionClient, slug: string): Promise<RuleSet> {
  if (variant === "held") await tx.$queryRaw`SELECT id FROM "RuleSet" WHERE slug = ${slug} FOR UPDATE`;
  else if (variant !== "unlocked") throw new Error(`Unknown TRIAGE_TEST_LOCK_VARIANT “${variant}”.`);
  const ruleSet = await tx.ruleSet.findUnique({ where: { slug } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  return ruleSet;
}
