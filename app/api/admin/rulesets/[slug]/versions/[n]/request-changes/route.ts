import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { requestChanges } from "@/lib/reviews/lifecycle";

/** Body: { comment, ruleComments?: [{ ruleId, body }] }. Starts the next draft from this version. */
export const POST = adminRoute<{ slug: string; n: string }>("reviewVersion", async (request, identity, { slug, n }) =>
  Response.json(await requestChanges(db(), identity, slug, n, await readJsonBody(request))),
);
