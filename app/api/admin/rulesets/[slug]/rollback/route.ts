import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { rollback } from "@/lib/reviews/publishing";

/**
 * Body: { toVersion, reason, liftWithdrawal?: { reason, withdrawnAt? } }. Reviewers and admins.
 * While the rule set is withdrawn, liftWithdrawal is required (409 `withdrawn` otherwise); `toVersion` = the withdrawn version makes it available again.
 */
export const POST = adminRoute<{ slug: string }>("rollBack", async (request, identity, { slug }) =>
  Response.json(await rollback(db(), identity, slug, await readJsonBody(request))),
);
