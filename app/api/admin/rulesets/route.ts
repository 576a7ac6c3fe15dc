import type { NextRequest } from "next/server";
import { actorOf } from "@/lib/auth/identity";
import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { createRuleSet } from "@/lib/rulesets/drafts";
import { listRuleSets } from "@/lib/rulesets/queries";

export const GET = adminRoute("viewRuleSets", async (request: NextRequest) => {
  const query = request.nextUrl.searchParams.get("q") ?? undefined;
  return Response.json({ ruleSets: await listRuleSets(db(), { query }) });
});

/** Body: { slug, title, description?, document? } — with a document, it becomes version 1's draft. */
export const POST = adminRoute("editDraft", async (request, identity) => {
  const body = (await readJsonBody(request)) as Record<string, unknown> | null;
  const created = await createRuleSet(db(), actorOf(identity), {
    slug: body?.slug as string,
    title: body?.title as string,
    description: body?.description as string | undefined,
    document: body?.document,
  });
  return Response.json(created, { status: 201, headers: { location: `/api/admin/rulesets/${created.slug}` } });
});
