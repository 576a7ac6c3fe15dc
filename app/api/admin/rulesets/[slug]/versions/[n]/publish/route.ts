import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readOptionalJsonBody } from "@/lib/http/optional-body";
import { publishVersion } from "@/lib/reviews/publishing";

/**
 * Reviewers and admins; the version must be approved. Body (optional):
 * `{ liftWithdrawal: { reason, withdrawnAt? } }`, required while the rule set is withdrawn (409 `withdrawn` otherwise).
 */
export const POST = adminRoute<{ slug: string; n: string }>("publish", async (request, identity, { slug, n }) =>
  Response.json(await publishVersion(db(), identity, slug, n, await readOptionalJsonBody(request))),
);
