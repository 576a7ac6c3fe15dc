import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { liftCoverageWaiver, waiveCoverage } from "@/lib/reviews/coverage-waiver";

/** Body: { reason }. Admins only: waives the gate's coverage part for this rule set (never the invariants). */
export const POST = adminRoute<{ slug: string }>("waiveCoverage", async (request, identity, { slug }) =>
  Response.json(await waiveCoverage(db(), identity, slug, await readJsonBody(request))),
);

/** Lifts the waiver: coverage is required again from the next submit or publish. */
export const DELETE = adminRoute<{ slug: string }>("waiveCoverage", async (_request, identity, { slug }) =>
  Response.json(await liftCoverageWaiver(db(), identity, slug)),
);
