import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { getRuleSet } from "@/lib/rulesets/queries";

export const GET = adminRoute<{ slug: string }>("viewRuleSets", async (_request, _identity, { slug }) =>
  Response.json(await getRuleSet(db(), slug)),
);
