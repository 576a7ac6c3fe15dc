import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readOptionalJsonBody } from "@/lib/http/optional-body";
import { draftImpact } from "@/lib/rulesets/preview";

/** Draft vs the published version: on every test case, and across generated answers. Body (optional): { samples, seed }. */
export const POST = adminRoute<{ slug: string }>("editDraft", async (request, _identity, { slug }) =>
  Response.json(await draftImpact(db(), slug, await readOptionalJsonBody(request))),
);
