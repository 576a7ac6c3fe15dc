import { RuleSetSchema, type RuleSet } from "@/lib/engine";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DomainError, fieldIssues } from "@/lib/errors";

/**
 * Checks a rule-set document coming from the editor, the API or an import file.
 * Shape errors name each field by its path in the document (e.g. rules.3.when);
 * lint problems (unknown facts, shadowed rules…) do not block saving a draft.
 */
export function parseDocumentInput(input: unknown, slug: string): RuleSet {
  const result = RuleSetSchema.safeParse(input);
  if (!result.success) {
    const fields = fieldIssues(result.error);
    throw new DomainError(
      400,
      "invalid_document",
      `The rule-set document is not valid: ${fields
        .slice(0, 5)
        .map((field) => `${field.path} ${field.message}`)
        .join("; ")}${fields.length > 5 ? ` and ${fields.length - 5} more` : ""}.`,
      fields,
    );
  }
  if (result.data.metadata.slug !== slug) {
    throw new DomainError(400, "invalid_document", `The document's slug must stay “${slug}”.`, [
      { path: "metadata.slug", message: `must be “${slug}” (the rule set this draft belongs to)` },
    ]);
  }
  return result.data;
}

/** Reads a stored document; they were validated on the way in, so a failure here is a bug, not user error. */
export function storedDocument(json: Prisma.JsonValue): RuleSet {
  return RuleSetSchema.parse(json);
}

export function toJson(document: RuleSet): Prisma.InputJsonValue {
  return document as unknown as Prisma.InputJsonValue;
}
