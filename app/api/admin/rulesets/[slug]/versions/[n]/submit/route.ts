import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { submitVersion } from "@/lib/reviews/lifecycle";

/** 409 with `reasons` when lint errors or failing test cases block the submission. */
export const POST = adminRoute<{ slug: string; n: string }>("submitForReview", async (_request, identity, { slug, n }) =>
  Response.json(await submitVersion(db(), identity, slug, n)),
);
