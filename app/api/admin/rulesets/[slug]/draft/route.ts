import { editorOf } from "@/lib/auth/identity";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { adminRoute } from "@/lib/http/admin-route";
import { readJsonBody } from "@/lib/http/problem";
import { discardDraft, saveDraft, startDraft } from "@/lib/rulesets/drafts";
import { getDraft } from "@/lib/rulesets/queries";

type Params = { slug: string };

function etag(revision: number): string {
  return `"${revision}"`;
}

/** Accepts `If-Match: 7` and the quoted ETag form `If-Match: "7"`. */
function ifMatchRevision(header: string | null): string {
  if (header === null || header.trim() === "") {
    throw new DomainError(428, "revision_required", "Send If-Match with the draft revision your change is based on.", [
      { path: "If-Match", message: "is required" },
    ]);
  }
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) {
    throw new DomainError(400, "invalid_revision", "If-Match must be the draft revision, e.g. If-Match: \"7\".", [
      { path: "If-Match", message: "must be a revision number" },
    ]);
  }
  return match[1];
}

/** Body (optional): { fromVersion } */
export const POST = adminRoute<Params>("author", async (request, identity, { slug }) => {
  const hasBody = (request.headers.get("content-length") ?? "0") !== "0" || request.headers.has("content-type");
  const body = hasBody ? ((await readJsonBody(request)) as { fromVersion?: number } | null) : null;
  const started = await startDraft(db(), editorOf(identity), slug, { fromVersion: body?.fromVersion });
  return Response.json(started, { status: 201, headers: { etag: etag(started.revision) } });
});

export const GET = adminRoute<Params>("author", async (_request, _identity, { slug }) => {
  const draft = await getDraft(db(), slug);
  return Response.json(draft, { headers: { etag: etag(draft.revision) } });
});

/** Body: the whole rule-set document. Header: If-Match: <revision>. 412 when stale. */
export const PUT = adminRoute<Params>("author", async (request, identity, { slug }) => {
  const baseRevision = ifMatchRevision(request.headers.get("if-match"));
  const document = await readJsonBody(request);
  try {
    const saved = await saveDraft(db(), editorOf(identity), slug, { baseRevision, document, source: "api" });
    return Response.json(saved, { headers: { etag: etag(saved.revision) } });
  } catch (error) {
    // HTTP's own word for "your If-Match no longer holds".
    if (error instanceof DomainError && error.code === "stale_revision") {
      throw new DomainError(412, error.code, error.message, error.fields, error.details);
    }
    throw error;
  }
});

export const DELETE = adminRoute<Params>("author", async (request, identity, { slug }) => {
  const header = request.headers.get("if-match");
  const discarded = await discardDraft(db(), editorOf(identity), slug, {
    revision: header ? ifMatchRevision(header) : undefined,
  });
  return Response.json(discarded);
});
