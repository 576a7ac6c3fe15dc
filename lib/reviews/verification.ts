/**
 * The solver's side of the publication gate: verify a version against what is
 * published now (outside any database transaction: the solver may take
 * seconds, and a transaction must not hold locks that long), record what it
 * found with the version (append-only), and read it back for the review page.
 */
import type { Prisma, PrismaClient, RuleSetVersion, VerificationStage } from "@/lib/generated/prisma/client";
import { RuleSetCompileError } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import { storedDocument } from "@/lib/rulesets/documents";
import { VerificationReportSchema, type VerificationReport } from "@/lib/verify/schemas";
import { verifyRuleSet } from "@/lib/verify/verify";

type Tx = Prisma.TransactionClient;

/** The gate's budget: enough for every invariant of a 200-rule set many times over; what is not decided by then is refused. */
export const GATE_TIME_BUDGET_MS = 30_000;

export interface Baseline {
  /** The current version's id and number, null when nothing is published (or the version IS the current one). */
  id: string | null;
  number: number | null;
  document: Prisma.JsonValue | null;
}

/** What the exact impact compares with: the published version, unless it is this very version. */
export async function baselineFor(db: Pick<PrismaClient, "ruleSet" | "ruleSetVersion"> | Tx, ruleSetId: string, versionId: string): Promise<Baseline> {
  const ruleSet = await db.ruleSet.findUniqueOrThrow({ where: { id: ruleSetId }, select: { currentVersionId: true } });
  if (!ruleSet.currentVersionId || ruleSet.currentVersionId === versionId) return { id: null, number: null, document: null };
  const current = await db.ruleSetVersion.findUniqueOrThrow({ where: { id: ruleSet.currentVersionId }, select: { id: true, number: true, document: true } });
  return { id: current.id, number: current.number, document: current.document };
}

/** Runs the solver; a document that cannot be evaluated is the author's to fix (422), never a server error. */
export async function verifyAgainst(document: Prisma.JsonValue, baseline: Baseline, timeBudgetMs = GATE_TIME_BUDGET_MS): Promise<VerificationReport> {
  try {
    return await verifyRuleSet({
      document: storedDocument(document),
      published: baseline.document === null ? null : { version: baseline.number, document: storedDocument(baseline.document) },
      timeBudgetMs,
    });
  } catch (error) {
    if (error instanceof RuleSetCompileError) {
      throw new DomainError(
        422,
        "draft_not_evaluable",
        `The rule set cannot be verified until these are fixed: ${error.issues.map((issue) => issue.message).join(" ")}`,
        error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
      );
    }
    throw error;
  }
}

export async function recordVerification(tx: Tx, version: Pick<RuleSetVersion, "id">, stage: VerificationStage, report: VerificationReport, comparedWithVersion: number | null, actorId: string) {
  await tx.verification.create({
    data: { versionId: version.id, stage, report: report as unknown as Prisma.InputJsonValue, allProven: report.summary.allProven, comparedWithVersion, actorId },
  });
}

/** The most recent verification recorded for a version (submit, approve or publish), or null. */
export async function latestVerification(db: Pick<PrismaClient, "verification">, versionId: string) {
  const row = await db.verification.findFirst({ where: { versionId }, orderBy: { at: "desc" }, include: { actor: { select: { name: true } } } });
  if (!row) return null;
  return { stage: row.stage, at: row.at, by: row.actor.name, comparedWithVersion: row.comparedWithVersion, report: VerificationReportSchema.parse(row.report) };
}

/** Thrown when what was verified changed before the change could be made (a save, or another publication). */
export function changedWhileChecking(what: string): DomainError {
  return new DomainError(409, "changed_while_checking", `${what} changed while it was being checked. Try again.`);
}
