"use server";

import { requireActionIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { unexpectedFailureMessage } from "@/lib/http/action-result";
import { getDraftTests } from "@/lib/rulesets/preview";
import type { TestCase } from "@/lib/testcases";

export type LoadDraftTestsResult = { ok: true; revision: number; testCases: TestCase[] } | { ok: false; message: string };

/**
 * The draft's test cases as stored now. Pages that append one case (patient
 * preview, impact) read the latest list first so they never overwrite cases
 * someone saved after the page was opened; the test-case page uses it to
 * reload after an import or a conflict.
 */
export async function loadDraftTestsAction(input: { slug: string }): Promise<LoadDraftTestsResult> {
  try {
    await requireActionIdentity("editDraft");
    const tests = await getDraftTests(db(), String(input?.slug ?? ""));
    return { ok: true, revision: tests.revision, testCases: tests.testCases };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message };
    return { ok: false, message: unexpectedFailureMessage(error, "The test cases could not be loaded; try again.") };
  }
}
