import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { addComment } from "@/lib/reviews/comments";

/** Body: { body, ruleId? } */
export const POST = adminRoute<{ slug: string; n: string }>("comment", async (request, identity, { slug, n }) =>
  Response.json(await addComment(db(), identity, slug, n, await readJsonBody(request)), { status: 201 }),
);
