import { AnswersError, evaluate } from "@/lib/engine";
import { DomainError } from "@/lib/errors";
import type { CatalogSnapshot, PublishedRuleSetEntry, PublishedVersionEntry } from "./catalog";
import { answerJson, answerObject } from "./evaluate-answer";
import { EvaluateRequestSchema, type EvaluateResponse } from "./schemas";

/**
 * What the public API may show: only published versions of rule sets that are
 * not withdrawn. Drafts, versions in review and never-published versions are
 * indistinguishable from ids that do not exist (404).
 */
export function findRuleSet(snapshot: CatalogSnapshot, slug: string): PublishedRuleSetEntry {
  const entry = snapshot.ruleSets.get(slug);
  if (!entry || !entry.head) throw new DomainError(404, "not_found", `No published rule set “${slug}”.`);
  if (entry.withdrawn) {
    throw new DomainError(410, "withdrawn", `Rule set “${slug}” was withdrawn: ${entry.withdrawn.reason}`, [], {
      reason: entry.withdrawn.reason,
      withdrawnAt: entry.withdrawn.at.toISOString(),
    });
  }
  return entry;
}

/** The current version of a rule set found by findRuleSet; after a restart its document may have to be loaded first (once; see PublishedCatalog). */
export async function currentVersion(snapshot: CatalogSnapshot, entry: PublishedRuleSetEntry): Promise<PublishedVersionEntry> {
  if (entry.current) return entry.current;
  if (!snapshot.currents) throw new Error(`Public catalog: the current version of ${entry.slug} is not loaded and nothing can load it`);
  return snapshot.currents.get(entry);
}

/** Async because an older version may have to be loaded (once; then it is cached, see PublishedCatalog). */
export async function findVersion(snapshot: CatalogSnapshot, slug: string, version: string | number): Promise<PublishedVersionEntry> {
  const entry = findRuleSet(snapshot, slug);
  const number = typeof version === "number" ? version : /^\d{1,9}$/.test(version) ? Number(version) : NaN;
  const found =
    entry.versions.get(number) ??
    (number === entry.head!.number ? await currentVersion(snapshot, entry) : entry.published.has(number) ? await snapshot.older?.get(slug, number) : undefined);
  if (!found) throw new DomainError(404, "not_found", `Rule set “${slug}” has no published version ${String(version)}.`);
  return found;
}

/** One evaluation of a published version: the validated body, the version it names and the engine's result. */
async function evaluateOnce(snapshot: CatalogSnapshot, slug: string, body: unknown) {
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
  const version = parsed.data.version === undefined ? await currentVersion(snapshot, entry) : await findVersion(snapshot, slug, parsed.data.version);
  const compiled = version.compiled();
  try {
    return { version, compiled, result: evaluate(compiled, parsed.data.answers, { trace: false }) };
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

export async function evaluatePublished(snapshot: CatalogSnapshot, slug: string, body: unknown): Promise<EvaluateResponse> {
  const { version, compiled, result } = await evaluateOnce(snapshot, slug, body);
  return answerObject(slug, version, compiled, result);
}

/** The same answer as JSON text, as the public API sends it (exactly JSON.stringify of evaluatePublished's answer). */
export async function evaluatePublishedJson(snapshot: CatalogSnapshot, slug: string, body: unknown): Promise<string> {
  const { version, compiled, result } = await evaluateOnce(snapshot, slug, body);
  return answerJson(slug, version, compiled, result);
}
