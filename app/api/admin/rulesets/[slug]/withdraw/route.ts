import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { withdraw } from "@/lib/reviews/publishing";

/** Body: { reason }. Takes the rule set off the public API (410 with the reason); 409 `already_withdrawn` when it is. */
export const POST = adminRoute<{ slug: string }>("withdraw", async (request, identity, { slug }) =>
  Response.json(await withdraw(db(), identity, slug, await readJsonBody(request))),
);
