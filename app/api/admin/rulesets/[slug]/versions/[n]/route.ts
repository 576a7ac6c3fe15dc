import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { getVersion } from "@/lib/rulesets/queries";

/** A version with its document; `?download=1` answers the bare document as a file (export). */
export const GET = adminRoute<{ slug: string; n: string }>("viewRuleSets", async (request, _identity, { slug, n }) => {
  const version = await getVersion(db(), slug, n);
  if (request.nextUrl.searchParams.get("download") === "1") {
    return new Response(JSON.stringify(version.document, null, 2) + "\n", {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${slug}-v${version.number}${version.state === "draft" ? "-draft" : ""}.json"`,
      },
    });
  }
  return Response.json(version);
});
