import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readOptionalJsonBody } from "@/lib/http/optional-body";
import { verifyDraft } from "@/lib/rulesets/verify-draft";

/**
 * Proves the draft's invariants and its exact impact against the published version with the solver.
 * Body (optional): { document?, timeBudgetMs? }: `document` verifies unsaved editor content instead of
 * the saved draft. Answers { revision, invariants: [{ id, statement, status, counterexample? }], impact, … }.
 */
export const POST = adminRoute<{ slug: string }>("editDraft", async (request, _identity, { slug }) =>
  Response.json(await verifyDraft(db(), slug, await readOptionalJsonBody(request))),
);
