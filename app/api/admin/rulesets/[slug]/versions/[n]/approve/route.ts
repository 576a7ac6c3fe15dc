import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { readOptionalJsonBody } from "@/lib/http/optional-body";
import { approveVersion } from "@/lib/reviews/lifecycle";

/** Body (optional): { comment }. 403 when the caller wrote or edited the version (four-eyes). */
export const POST = adminRoute<{ slug: string; n: string }>("reviewer", async (request, identity, { slug, n }) => {
  const body = (await readOptionalJsonBody(request)) as { comment?: string } | null;
  return Response.json(await approveVersion(db(), identity, slug, n, { comment: typeof body?.comment === "string" ? body.comment : undefined }));
});
