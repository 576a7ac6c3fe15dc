import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readOptionalJsonBody } from "@/lib/http/optional-body";
import { runDraftTests } from "@/lib/rulesets/preview";

/** Runs every test case against the draft. Body (optional): { caseId } to also get that case's trace. */
export const POST = adminRoute<{ slug: string }>("editDraft", async (request, _identity, { slug }) =>
  Response.json(await runDraftTests(db(), slug, await readOptionalJsonBody(request))),
);
