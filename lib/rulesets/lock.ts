import type { Prisma, RuleSet } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";

type Tx = Prisma.TransactionClient;

/**
 * The per-rule-set lock: a row lock on the RuleSet row (SELECT … FOR UPDATE),
 * held until the transaction ends, and the row re-read under it.
 *
 * Every transaction that changes a rule set or one of its versions takes it
 * FIRST — publish, roll back, withdraw, lift a withdrawal, waive coverage,
 * submit, approve, request changes, start, save and discard a draft — and
 * only then locks a version row (lib/reviews/lifecycle.ts lockVersion). One
 * order everywhere (rule set, then version, then the publication serial), so
 * two of them on the same rule set run one after the other and never
 * deadlock; decisions are made on what this returns, never on a read taken
 * before the lock (under READ COMMITTED a later statement sees every change
 * committed by whoever held the lock before).
 *
 * FOR UPDATE rather than an advisory lock: it needs no key scheme, it is the
 * lock the UPDATE of `currentVersionId` (a unique column) takes anyway, and it
 * also makes inserts that reference the row (new versions, events) wait.
 */
export async function lockRuleSet(tx: Tx, slug: string): Promise<RuleSet> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "RuleSet" WHERE slug = ${slug} FOR UPDATE`;
  if (rows.length === 0) throw notFound(`There is no rule set “${slug}”.`);
  return tx.ruleSet.findUniqueOrThrow({ where: { id: rows[0].id } });
}
