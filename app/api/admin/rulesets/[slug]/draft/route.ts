import { actorOf } from "@/lib/auth/identity";
import { db } from "@/lib/db/client";
import { asPreconditionFailed, ifMatchRevision, revisionEtag } from "@/lib/http/if-match";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { discardDraft, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import { getDraft } from "@/lib/rulesets/queries";

type Params = { slug: string };

/** Body (optional): { fromVersion } */
export const POST = adminRoute<Params>("editDraft", async (request, identity, { slug }) => {
  const hasBody = (request.headers.get("content-length") ?? "0") !== "0" || request.headers.has("content-type");
  const body = hasBody ? ((await readJsonBody(request)) as { fromVersion?: number } | null) : null;
  const started = await startDraft(db(), actorOf(identity), slug, { fromVersion: body?.fromVersion });
  return Response.json(started, { status: 201, headers: { etag: revisionEtag(started.revision) } });
});

export const GET = adminRoute<Params>("editDraft", async (_request, _identity, { slug }) => {
  const draft = await getDraft(db(), slug);
  return Response.json(draft, { headers: { etag: revisionEtag(draft.revision) } });
});

/** Body: the whole rule-set document. Header: If-Match: <revision>. 412 when stale. */
export const PUT = adminRoute<Params>("editDraft", async (request, identity, { slug }) => {
  const baseRevision = ifMatchRevision(request.headers.get("if-match"));
  const document = await readJsonBody(request);
  try {
    const saved = await saveDraft(db(), actorOf(identity), slug, { baseRevision, document, source: "api" });
    return Response.json(saved, { headers: { etag: revisionEtag(saved.revision) } });
  } catch (error) {
    throw asPreconditionFailed(error);
  }
});

export const DELETE = adminRoute<Params>("editDraft", async (request, identity, { slug }) => {
  const header = request.headers.get("if-match");
  const discarded = await discardDraft(db(), actorOf(identity), slug, {
    revision: header ? ifMatchRevision(header) : undefined,
  });
  return Response.json(discarded);
});
