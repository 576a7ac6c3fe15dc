"use server";

import { revalidatePath } from "next/cache";
import { actorOf } from "@/lib/auth/identity";
import { requireActionIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { RuleSetCompileError } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import { unexpectedFailureMessage } from "@/lib/http/action-result";
import { saveDraft } from "@/lib/rulesets/drafts";
import { draftImpact, runDraftTests } from "@/lib/rulesets/preview";
import { getDraft } from "@/lib/rulesets/queries";
import { verifyDraft } from "@/lib/rulesets/verify-draft";
import { parseTestCasesCsv, parseTestCasesJson, type ImportError, type TestCase } from "@/lib/testcases";

export type SaveTestsResult =
  | { ok: true; revision: number; summary: string }
  | { ok: false; kind: "conflict"; message: string; currentRevision: number; savedBy: string; summary: string }
  | { ok: false; kind: "invalid"; message: string; rows: ImportError[]; fields: { path: string; message: string }[] }
  | { ok: false; kind: "error"; message: string };

function failure(error: unknown): Extract<SaveTestsResult, { ok: false }> {
  if (error instanceof DomainError) {
    if (error.code === "stale_revision") {
      const details = error.details as { currentRevision: number; savedBy: string; summary: string };
      return { ok: false, kind: "conflict", message: error.message, ...details };
    }
    if (error.status === 400) {
      return { ok: false, kind: "invalid", message: error.message, rows: (error.details.rows as ImportError[]) ?? [], fields: error.fields };
    }
    return { ok: false, kind: "error", message: error.message };
  }
  return { ok: false, kind: "error", message: unexpectedFailureMessage(error) };
}

/** Replaces the draft's test cases (the whole list), with the same revision check as the editor. */
export async function saveTestCasesAction(input: { slug: string; baseRevision: number; testCases: TestCase[] }): Promise<SaveTestsResult> {
  try {
    const identity = await requireActionIdentity("editDraft");
    const saved = await saveDraft(db(), actorOf(identity), String(input?.slug ?? ""), {
      baseRevision: input?.baseRevision,
      testCases: input?.testCases,
      source: "editor",
    });
    revalidatePath(`/rulesets/${input.slug}`, "layout");
    return { ok: true, revision: saved.revision, summary: saved.summary };
  } catch (error) {
    return failure(error);
  }
}

/**
 * Imports test cases from a CSV or JSON file's text, all or nothing. `mode`
 * "append" adds them to the draft's cases, "replace" swaps the whole list.
 */
export async function importTestCasesAction(input: {
  slug: string;
  baseRevision: number;
  fileName: string;
  text: string;
  mode: "append" | "replace";
  existing: TestCase[];
}): Promise<SaveTestsResult> {
  try {
    await requireActionIdentity("editDraft");
    const { document } = await getDraft(db(), String(input?.slug ?? ""));
    const text = String(input?.text ?? "");
    const isJson = /\.json$/i.test(String(input?.fileName ?? "")) || /^\s*[[{]/.test(text);
    let parsed;
    if (isJson) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return { ok: false, kind: "invalid", message: `The file is not valid JSON: ${(error as Error).message}`, rows: [], fields: [] };
      }
      parsed = parseTestCasesJson(document, json);
    } else {
      parsed = parseTestCasesCsv(document, text);
    }
    if (!parsed.ok) {
      return { ok: false, kind: "invalid", message: `The file has ${parsed.errors.length} problem(s); nothing was imported.`, rows: parsed.errors, fields: [] };
    }
    const testCases = input.mode === "replace" ? parsed.testCases : [...(input.existing ?? []), ...parsed.testCases];
    return await saveTestCasesAction({ slug: input.slug, baseRevision: input.baseRevision, testCases });
  } catch (error) {
    return failure(error);
  }
}

type Settled<T> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * Production Next hides a thrown action error's message, so problems a person
 * can act on (no draft, a rule set the engine cannot compile) come back as data.
 */
async function settle<T extends object>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message };
    if (error instanceof RuleSetCompileError) {
      return { ok: false, message: `The draft cannot be evaluated until these are fixed: ${error.issues.map((issue) => issue.message).join(" ")}` };
    }
    return { ok: false, message: unexpectedFailureMessage(error, "Something went wrong on the server; it has been logged.") };
  }
}

export async function runTestsAction(input: { slug: string; caseId?: string }) {
  return settle(async () => {
    await requireActionIdentity("editDraft");
    return runDraftTests(db(), String(input?.slug ?? ""), input?.caseId ? { caseId: input.caseId } : {});
  });
}

export async function impactAction(input: { slug: string; samples?: number; seed?: number }) {
  return settle(async () => {
    await requireActionIdentity("editDraft");
    return draftImpact(db(), String(input?.slug ?? ""), { samples: input?.samples, seed: input?.seed });
  });
}

/** The solver on the draft (or the editor's unsaved document): invariants and exact impact. */
export async function verifyDraftAction(input: { slug: string; document?: unknown; timeBudgetMs?: number }) {
  return settle(async () => {
    await requireActionIdentity("editDraft");
    return verifyDraft(db(), String(input?.slug ?? ""), { document: input?.document, timeBudgetMs: input?.timeBudgetMs });
  });
}
