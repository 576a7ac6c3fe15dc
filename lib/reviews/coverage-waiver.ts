/**
 * An admin's waiver of the publication gate's coverage part for one rule set
 * (every rule exercised, every red flag pinned by a test case), with a reason.
 * For content whose test suite is still being written under clinical
 * oversight. It never touches the invariants, the tests that exist (they must
 * still pass) or the acknowledgement of reductions: no setting can.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { actorOf, type Identity } from "@/lib/auth/identity";
import { requireCapability } from "@/lib/auth/permissions";
import { DomainError, parseInput } from "@/lib/errors";
import { lockRuleSet } from "@/lib/rulesets/lock";
import { waiverInput } from "./schemas";

export async function waiveCoverage(db: PrismaClient, identity: Identity, slug: string, input: unknown) {
  requireCapability(identity, "waiveCoverage");
  const { reason } = parseInput(waiverInput, input);
  return db.$transaction(async (tx) => {
    const ruleSet = await lockRuleSet(tx, slug);
    if (ruleSet.coverageWaivedAt) throw new DomainError(409, "already_waived", `The coverage requirement of “${slug}” is already waived.`);
    const now = new Date();
    await tx.ruleSet.update({ where: { id: ruleSet.id }, data: { coverageWaiverReason: reason, coverageWaivedAt: now, coverageWaivedById: identity.userId } });
    await recordAudit(tx, actorOf(identity), { action: "ruleset.coverage_waived", targetType: "ruleset", targetId: slug, details: { reason } });
    return { waived: true as const, reason, at: now };
  });
}

export async function liftCoverageWaiver(db: PrismaClient, identity: Identity, slug: string) {
  requireCapability(identity, "waiveCoverage");
  return db.$transaction(async (tx) => {
    const ruleSet = await lockRuleSet(tx, slug);
    if (!ruleSet.coverageWaivedAt) throw new DomainError(409, "not_waived", `The coverage requirement of “${slug}” is not waived.`);
    await tx.ruleSet.update({ where: { id: ruleSet.id }, data: { coverageWaiverReason: null, coverageWaivedAt: null, coverageWaivedById: null } });
    await recordAudit(tx, actorOf(identity), {
      action: "ruleset.coverage_waiver_lifted",
      targetType: "ruleset",
      targetId: slug,
      details: { reason: ruleSet.coverageWaiverReason },
    });
    return { waived: false as const };
  });
}
