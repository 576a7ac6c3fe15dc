import { db } from "@/lib/db/client";
import { adminRoute } from "@/lib/http/admin-route";
import { resolveComment } from "@/lib/reviews/comments";

export const POST = adminRoute<{ slug: string; id: string }>("comment", async (_request, identity, { slug, id }) =>
  Response.json(await resolveComment(db(), identity, slug, id)),
);
