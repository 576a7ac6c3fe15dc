import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readOptionalJsonBody } from "@/lib/http/optional-body";
import { approveVersion } from "@/lib/reviews/lifecycle";

/**
 * Body (optional): { comment, acknowledgements: [{ published, draft, reason }] }: every reduction in
 * urgency the exact impact finds against the published version must be acknowledged (409 `not_ready`
 * lists them). 403 when the caller wrote or edited the version (four-eyes).
 */
export const POST = adminRoute<{ slug: string; n: string }>("reviewVersion", async (request, identity, { slug, n }) =>
  Response.json(await approveVersion(db(), identity, slug, n, await readOptionalJsonBody(request))),
);
