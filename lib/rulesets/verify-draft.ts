/**
 * "Is this draft safe?" for the editor and the admin API: every invariant
 * proven or a minimal counterexample, and the exact impact against the
 * published version. The editor sends its unsaved document so the answer is
 * live; nothing is stored (drafts change with every keystroke); the gate
 * records its own verification at submit, approve and publish.
 */
import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { notFound, parseInput } from "@/lib/errors";
import { baselineFor, verifyAgainst } from "@/lib/reviews/verification";
import { parseDocumentInput, toJson } from "./documents";

/** The editor's live check: short, so a typing clinician gets an answer; "not decided in time" says so. */
export const LIVE_TIME_BUDGET_MS = 5_000;

export const verifyDraftInput = z.object({
  /** Unsaved editor content; default: the saved draft. */
  document: z.unknown().optional(),
  timeBudgetMs: z.coerce.number().int("must be a whole number of milliseconds").min(100, "must be at least 100").max(60_000, "must be at most 60000").optional(),
});

export async function verifyDraft(db: PrismaClient, slug: string, input: unknown = {}) {
  const options = parseInput(verifyDraftInput, input ?? {});
  const ruleSet = await db.ruleSet.findUnique({ where: { slug } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const draft = await db.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" } });
  if (!draft) throw notFound(`Rule set “${slug}” has no draft.`);
  const document = options.document === undefined ? draft.document : (toJson(parseDocumentInput(options.document, slug)) as Prisma.JsonValue);
  const baseline = await baselineFor(db, ruleSet.id, draft.id);
  const report = await verifyAgainst(document, baseline, options.timeBudgetMs ?? LIVE_TIME_BUDGET_MS);
  return { revision: draft.revision, unsaved: options.document !== undefined, publishedVersion: baseline.number, ...report };
}
