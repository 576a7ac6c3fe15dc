import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { listComments } from "@/lib/reviews/comments";

/** ?all=1 includes resolved comments. */
export const GET = adminRoute<{ slug: string }>("viewRuleSets", async (request, _identity, { slug }) =>
  Response.json({ comments: await listComments(db(), slug, { includeResolved: request.nextUrl.searchParams.get("all") === "1" }) }),
);
