import { DomainError } from "@/lib/errors";

export function revisionEtag(revision: number): string {
  return `"${revision}"`;
}

/** The draft revision a write is based on: `If-Match: 7` or the quoted ETag form `If-Match: "7"`. */
export function ifMatchRevision(header: string | null): string {
  if (header === null || header.trim() === "") {
    throw new DomainError(428, "revision_required", "Send If-Match with the draft revision your change is based on.", [
      { path: "If-Match", message: "is required" },
    ]);
  }
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) {
    throw new DomainError(400, "invalid_revision", 'If-Match must be the draft revision, e.g. If-Match: "7".', [
      { path: "If-Match", message: "must be a revision number" },
    ]);
  }
  return match[1];
}

/** HTTP's own word for "your If-Match no longer holds". */
export function asPreconditionFailed(error: unknown): unknown {
  if (error instanceof DomainError && error.code === "stale_revision") {
    return new DomainError(412, error.code, error.message, error.fields, error.details);
  }
  return error;
}
