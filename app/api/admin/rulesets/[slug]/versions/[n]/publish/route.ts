import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { publishVersion } from "@/lib/reviews/publishing";

/** Reviewers and admins; the version must be approved. */
export const POST = adminRoute<{ slug: string; n: string }>(["reviewer", "admin"], async (_request, identity, { slug, n }) =>
  Response.json(await publishVersion(db(), identity, slug, n)),
);
