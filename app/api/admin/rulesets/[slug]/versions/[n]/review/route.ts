import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { reviewPacket } from "@/lib/reviews/review-packet";

/** The reviewer's view of a version: diff against published, lint, test results, impact, comments. */
export const GET = adminRoute<{ slug: string; n: string }>("viewRuleSets", async (_request, identity, { slug, n }) =>
  Response.json(await reviewPacket(db(), identity, slug, n)),
);
