import { AnswersError, evaluate } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import type { CatalogSnapshot, PublishedRuleSetEntry, PublishedVersionEntry } from "./catalog";
import { EvaluateRequestSchema, type EvaluateResponse } from "./schemas";

/**
 * What the public API may show: only published versions of rule sets that are
 * not withdrawn. Drafts, versions in review and never-published versions are
 * indistinguishable from ids that do not exist (404).
 */
export function findRuleSet(snapshot: CatalogSnapshot, slug: string): PublishedRuleSetEntry {
  const entry = snapshot.ruleSets.get(slug);
  if (!entry || !entry.current) throw new DomainError(404, "not_found", `No published rule set “${slug}”.`);
  if (entry.withdrawn) {
    throw new DomainError(410, "withdrawn", `Rule set “${slug}” was withdrawn: ${entry.withdrawn.reason}`, [], {
      reason: entry.withdrawn.reason,
      withdrawnAt: entry.withdrawn.at.toISOString(),
    });
  }
  return entry;
}

export function findVersion(snapshot: CatalogSnapshot, slug: string, version: string | number): PublishedVersionEntry {
  const entry = findRuleSet(snapshot, slug);
  const number = typeof version === "number" ? version : /^\d{1,9}$/.test(version) ? Number(version) : NaN;
  const found = entry.versions.get(number);
  if (!found) throw new DomainError(404, "not_found", `Rule set “${slug}” has no published version ${String(version)}.`);
  return found;
}

export function evaluatePublished(snapshot: CatalogSnapshot, slug: string, body: unknown): EvaluateResponse {
  const parsed = EvaluateRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new DomainError(
      400,
      "invalid_request",
      "The request body must be { \"answers\": { \"<factId>\": value, … } } with an optional \"version\".",
      parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(body)", message: issue.message })),
    );
  }
  const entry = findRuleSet(snapshot, slug);
  const version = parsed.data.version === undefined ? entry.current! : findVersion(snapshot, slug, parsed.data.version);
  const compiled = version.compiled();
  try {
    const result = evaluate(compiled, parsed.data.answers, { trace: false });
    const facts = new Map(version.document.facts.map((fact) => [fact.id, fact]));
    const rules = new Map(version.document.rules.map((rule) => [rule.id, rule]));
    return {
      ruleSet: { slug, version: version.number, contentHash: version.contentHash },
      disposition: result.disposition
        ? {
            id: result.disposition.id,
            label: result.disposition.label,
            action: result.disposition.action,
            urgencyRank: version.document.dispositions.findIndex((d) => d.id === result.disposition!.id),
          }
        : null,
      decidedBy: result.decidedBy,
      complete: result.complete,
      guidance: result.guidance.map((block) => ({ id: block.id, title: block.title, body: block.body })),
      firedRules: result.firedRules.map((id) => ({ id, title: rules.get(id)?.title ?? id })),
      missingFacts: result.missingFacts.map((id) => ({ id, question: facts.get(id)?.question ?? id })),
    };
  } catch (error) {
    if (error instanceof AnswersError) {
      throw new DomainError(
        400,
        "invalid_answers",
        `Some answers do not fit rule set “${slug}” version ${version.number}.`,
        error.issues.map((issue) => ({ path: issue.factId ? `answers.${issue.factId}` : "answers", message: issue.message })),
      );
    }
    throw error;
  }
}
