import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { rollback } from "@/lib/reviews/publishing";

/** Body: { toVersion, reason }. Reviewers and admins. */
export const POST = adminRoute<{ slug: string }>(["reviewer", "admin"], async (request, identity, { slug }) =>
  Response.json(await rollback(db(), identity, slug, await readJsonBody(request))),
);
