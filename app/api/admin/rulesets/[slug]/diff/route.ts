import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { adminRoute } from "@/lib/http/admin-route";
import { diffVersions } from "@/lib/rulesets/queries";

/** ?from=<n|published|draft>&to=<n|published|draft>; defaults: published → draft. */
export const GET = adminRoute<{ slug: string }>("viewRuleSets", async (request, _identity, { slug }) => {
  const params = request.nextUrl.searchParams;
  const from = params.get("from") ?? "published";
  const to = params.get("to") ?? "draft";
  if (from === "" || to === "") {
    throw new DomainError(400, "invalid_version", "from and to must name versions.", [
      ...(from === "" ? [{ path: "from", message: "is empty" }] : []),
      ...(to === "" ? [{ path: "to", message: "is empty" }] : []),
    ]);
  }
  return Response.json(await diffVersions(db(), slug, from, to));
});
