import type { PrismaClient } from "@/lib/generated/prisma/client";
import { coverage, runTestCases, traceTestCase } from "@/lib/testcases";
import { compareOnTestCases, exploreAnswerSpace } from "@/lib/preview/impact";
import { z } from "zod";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { evaluable } from "./evaluable";
import { storedDocument } from "./documents";
import { storedTestCases } from "./stored-test-cases";
import { verifyRuleSet } from "@/lib/verify/verify";

/**
 * What a draft does before anyone approves it: its test cases run against it,
 * coverage, and its impact against the published version. One service for the
 * dashboard and the admin API.
 */

async function draftRow(db: PrismaClient, slug: string) {
  const ruleSet = await db.ruleSet.findUnique({
    where: { slug },
    include: { currentVersion: { select: { number: true, document: true } } },
  });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const draft = await db.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" } });
  if (!draft) throw notFound(`Rule set “${slug}” has no draft.`);
  return { ruleSet, draft };
}

export async function getDraftTests(db: PrismaClient, slug: string) {
  const { draft } = await draftRow(db, slug);
  return { revision: draft.revision, testCases: storedTestCases(draft.testCases) };
}

export const runInput = z.object({
  /** Explain one case with the engine's trace. */
  caseId: z.string().min(1).max(80).optional(),
});

export async function runDraftTests(db: PrismaClient, slug: string, input: unknown = {}) {
  const { caseId } = parseInput(runInput, input ?? {});
  const { draft } = await draftRow(db, slug);
  const document = storedDocument(draft.document);
  const testCases = storedTestCases(draft.testCases);
  const started = performance.now();
  const report = evaluable(() => runTestCases(document, testCases));
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  let trace = null;
  if (caseId) {
    const testCase = testCases.find((candidate) => candidate.id === caseId);
    if (!testCase) throw new DomainError(404, "not_found", `The draft has no test case “${caseId}”.`, [{ path: "caseId", message: "is not a test case of the draft" }]);
    try {
      trace = traceTestCase(document, testCase);
    } catch (error) {
      throw new DomainError(400, "invalid_test_case", `Test case “${testCase.name}” cannot be evaluated: ${(error as Error).message}`);
    }
  }
  return { revision: draft.revision, durationMs, report, coverage: coverage(document, report), trace };
}

export const impactInput = z.object({
  samples: z.coerce.number().int().min(100, "must be at least 100").max(200_000, "must be at most 200000").optional(),
  seed: z.coerce.number().int().optional(),
});

export async function draftImpact(db: PrismaClient, slug: string, input: unknown = {}) {
  const options = parseInput(impactInput, input ?? {});
  const { ruleSet, draft } = await draftRow(db, slug);
  const document = storedDocument(draft.document);
  const published = ruleSet.currentVersion ? storedDocument(ruleSet.currentVersion.document) : null;
  const testCases = storedTestCases(draft.testCases);
  const testCasesReport = evaluable(() => compareOnTestCases(published, document, testCases));
  const explored = evaluable(() => exploreAnswerSpace(published, document, { ...options, timeBudgetMs: 5_000 }));
  // The exact answer (the solver, over every answer set) leads; the sampled exploration stays for the counts.
  const exact = published
    ? (await verifyRuleSet({ document, published: { version: ruleSet.currentVersion!.number, document: published }, timeBudgetMs: 10_000 })).impact
    : ({ comparable: false, message: "Nothing is published yet, so there is no previous version to compare the draft with." } as const);
  return {
    revision: draft.revision,
    publishedVersion: ruleSet.currentVersion?.number ?? null,
    exact,
    testCases: testCasesReport,
    explored,
  };
}
