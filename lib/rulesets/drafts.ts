import type { RuleSet } from "@/lib/engine";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { conflict, DomainError, notFound, parseInput } from "@/lib/errors";
import { diffRuleSets, isEmptyDiff, summarizeDiff } from "./diff";
import { parseDocumentInput, storedDocument, toJson } from "./documents";
import { lockRuleSet } from "./lock";
import { parseTestCasesInput, storedTestCases, testCasesJson } from "./stored-test-cases";
import { diffTestCases, isEmptyTestCaseDiff, summarizeTestCaseDiff } from "./test-case-diff";
import { createRuleSetInput, revisionSchema, slugSchema, startDraftInput, type CreateRuleSetInput } from "./schemas";
import { starterDocument } from "./starter";

type Editor = AuditActor & { id: string };

/** Creates a rule set with its first draft (version 1): the starter document, or an imported one. */
export async function createRuleSet(
  db: PrismaClient,
  actor: Editor,
  input: CreateRuleSetInput & { document?: unknown },
) {
  const data = parseInput(createRuleSetInput, input);
  const document =
    input.document === undefined
      ? parseDocumentInput(starterDocument(data), data.slug)
      : parseDocumentInput(input.document, data.slug);
  try {
    return await db.$transaction(async (tx) => {
      const ruleSet = await tx.ruleSet.create({
        data: { slug: data.slug, title: data.title, description: data.description, createdById: actor.id },
      });
      const version = await tx.ruleSetVersion.create({
        data: {
          ruleSetId: ruleSet.id,
          number: 1,
          document: toJson(document),
          createdById: actor.id,
          lastEditedById: actor.id,
        },
      });
      const summary = input.document === undefined ? "Started from the standard dispositions" : "Imported";
      await tx.draftRevision.create({
        data: { versionId: version.id, revision: 1, document: toJson(document), savedById: actor.id, summary },
      });
      await recordAudit(tx, actor, {
        action: "ruleset.created",
        targetType: "ruleset",
        targetId: ruleSet.slug,
        details: { slug: ruleSet.slug, title: ruleSet.title, draft: 1, imported: input.document !== undefined },
      });
      return { slug: ruleSet.slug, draftNumber: version.number, revision: version.revision };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError(409, "slug_taken", `A rule set with slug “${data.slug}” already exists.`, [
        { path: "slug", message: "is already used by another rule set" },
      ]);
    }
    throw error;
  }
}

/** Starts the draft from the latest version, or from `fromVersion`. There is never more than one draft. */
export async function startDraft(db: PrismaClient, actor: Editor, slug: string, input: { fromVersion?: number | string } = {}) {
  const { fromVersion } = parseInput(startDraftInput, input);
  const validSlug = parseInput(slugSchema, slug);
  try {
    return await db.$transaction(async (tx) => {
      // The rule set's lock first (lib/rulesets/lock.ts): a draft started while a reviewer sends a version back waits, then sees that draft.
      const ruleSet = await lockRuleSet(tx, validSlug);
      const existing = await tx.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" } });
      if (existing) {
        throw new DomainError(409, "draft_exists", `Rule set “${slug}” already has a draft (version ${existing.number}); edit or discard it first.`, [], {
          draftNumber: existing.number,
          revision: existing.revision,
        });
      }
      const source = await tx.ruleSetVersion.findFirst({
        where: { ruleSetId: ruleSet.id, state: { not: "discarded" }, ...(fromVersion ? { number: fromVersion } : {}) },
        orderBy: { number: "desc" },
      });
      if (!source) throw notFound(fromVersion ? `Rule set “${slug}” has no version ${fromVersion}.` : `Rule set “${slug}” has no version to start from.`);
      const number = await draftFromVersion(tx, source, actor.id);
      await recordAudit(tx, actor, {
        action: "draft.started",
        targetType: "ruleset",
        targetId: slug,
        details: { version: number, basedOn: source.number },
      });
      return { slug, draftNumber: number, revision: 1, basedOnNumber: source.number };
    });
  } catch (error) {
    // Two people pressing "start draft" at once: the database's one-draft index lets only one win.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(`Someone else just started a draft of “${slug}”; open it instead.`);
    }
    throw error;
  }
}

/**
 * Creates the next version as a draft copying `source` (document and test cases).
 * Its first revision is a snapshot, not an edit: starting a draft does not make
 * someone an author of it for the four-eyes rule.
 */
export async function draftFromVersion(
  tx: Prisma.TransactionClient,
  source: { id: string; ruleSetId: string; number: number; document: Prisma.JsonValue; testCases: Prisma.JsonValue },
  createdById: string,
): Promise<number> {
  const latest = await tx.ruleSetVersion.aggregate({ where: { ruleSetId: source.ruleSetId }, _max: { number: true } });
  const number = (latest._max.number ?? 0) + 1;
  const document = toJson(storedDocument(source.document));
  const testCases = source.testCases as Prisma.InputJsonValue;
  const version = await tx.ruleSetVersion.create({
    data: {
      ruleSetId: source.ruleSetId,
      number,
      document,
      testCases,
      basedOnNumber: source.number,
      createdById,
      lastEditedById: createdById,
    },
  });
  await tx.draftRevision.create({
    data: {
      versionId: version.id,
      revision: 1,
      document,
      testCases,
      savedById: createdById,
      summary: `Started from version ${source.number}`,
      isEdit: false,
    },
  });
  return number;
}

export interface SaveDraftInput {
  baseRevision: number | string | undefined;
  /** The whole rule-set document; omit to keep the draft's. */
  document?: unknown;
  /** The whole list of test cases; omit to keep the draft's. */
  testCases?: unknown;
  /** How the change arrived, for the audit log. */
  source?: "editor" | "api" | "import";
}

/**
 * Saves the draft's document and/or test cases if nobody saved since
 * `baseRevision`; otherwise refuses with a conflict that says who saved and what
 * they changed, and writes nothing.
 */
export async function saveDraft(db: PrismaClient, actor: Editor, slug: string, input: SaveDraftInput) {
  const baseRevision = parseInput(revisionSchema, input.baseRevision ?? undefined);
  if (input.document === undefined && input.testCases === undefined) {
    throw new DomainError(400, "invalid_input", "Send the rule-set document, the test cases, or both.", [
      { path: "(body)", message: "has nothing to save" },
    ]);
  }
  const newDocument = input.document === undefined ? null : parseDocumentInput(input.document, slug);
  const newTestCases = input.testCases === undefined ? null : parseTestCasesInput(input.testCases);
  return db.$transaction(async (tx) => {
    // The rule set's lock before the draft's row (lib/rulesets/lock.ts): a save may also update the rule set's title.
    const ruleSet = await lockRuleSet(tx, slug);
    const draft = await tx.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" } });
    if (!draft) throw notFound(`Rule set “${slug}” has no draft to save into. Start a draft first.`);
    if (draft.revision !== baseRevision) throw await staleSave(tx, draft.id, baseRevision, draft.revision);

    const document = newDocument ?? storedDocument(draft.document);
    const testCases = newTestCases ?? storedTestCases(draft.testCases);
    const documentChanges = diffRuleSets(storedDocument(draft.document), document);
    const testChanges = diffTestCases(storedTestCases(draft.testCases), testCases);
    if (isEmptyDiff(documentChanges) && isEmptyTestCaseDiff(testChanges)) {
      return { revision: draft.revision, savedAt: draft.updatedAt, summary: "No changes", changed: false };
    }
    const summary = [isEmptyDiff(documentChanges) ? "" : summarizeDiff(documentChanges), summarizeTestCaseDiff(testChanges)]
      .filter(Boolean)
      .join("; ");
    // The revision in the WHERE clause makes the check and the write one atomic step.
    const updated = await tx.ruleSetVersion.updateMany({
      where: { id: draft.id, revision: baseRevision, state: "draft" },
      data: { document: toJson(document), testCases: testCasesJson(testCases), revision: { increment: 1 }, lastEditedById: actor.id },
    });
    if (updated.count === 0) throw await staleSave(tx, draft.id, baseRevision, baseRevision + 1);
    const revision = baseRevision + 1;
    const saved = await tx.draftRevision.create({
      data: { versionId: draft.id, revision, document: toJson(document), testCases: testCasesJson(testCases), savedById: actor.id, summary },
    });
    if (ruleSet.title !== document.metadata.title || ruleSet.description !== document.metadata.description) {
      await tx.ruleSet.update({
        where: { id: ruleSet.id },
        data: { title: document.metadata.title, description: document.metadata.description },
      });
    }
    await recordAudit(tx, actor, {
      action: input.source === "import" ? "draft.imported" : "draft.saved",
      targetType: "ruleset",
      targetId: slug,
      details: { version: draft.number, revision, summary, via: input.source ?? "editor" },
    });
    return { revision, savedAt: saved.savedAt, summary, changed: true };
  });
}

async function staleSave(tx: Prisma.TransactionClient, versionId: string, baseRevision: number, currentRevision: number) {
  const [base, current] = await Promise.all([
    tx.draftRevision.findUnique({ where: { versionId_revision: { versionId, revision: baseRevision } } }),
    tx.draftRevision.findFirst({
      where: { versionId },
      orderBy: { revision: "desc" },
      include: { savedBy: { select: { name: true } } },
    }),
  ]);
  const changes = base && current ? diffRuleSets(storedDocument(base.document), storedDocument(current.document)) : null;
  const testChanges = base && current ? diffTestCases(storedTestCases(base.testCases), storedTestCases(current.testCases)) : null;
  const savedBy = current?.savedBy.name ?? "someone";
  const when = current?.savedAt.toISOString() ?? null;
  return new DomainError(
    409,
    "stale_revision",
    `${savedBy} saved revision ${current?.revision ?? currentRevision} of this draft after your revision ${baseRevision}. ` +
      "Nothing was saved; reload the draft and re-apply your changes.",
    [{ path: "baseRevision", message: `is ${baseRevision} but the draft is at revision ${current?.revision ?? currentRevision}` }],
    {
      currentRevision: current?.revision ?? currentRevision,
      savedBy,
      savedAt: when,
      changes,
      testCaseChanges: testChanges,
      summary: changes && testChanges
        ? [isEmptyDiff(changes) ? "" : summarizeDiff(changes), summarizeTestCaseDiff(testChanges)].filter(Boolean).join("; ") || "No changes"
        : "",
    },
  );
}

/** Throws the draft away (kept as a discarded version for the record). */
export async function discardDraft(db: PrismaClient, actor: Editor, slug: string, input: { revision?: number | string } = {}) {
  const revision = input.revision === undefined ? undefined : parseInput(revisionSchema, input.revision);
  return db.$transaction(async (tx) => {
    const ruleSet = await lockRuleSet(tx, slug);
    const draft = await tx.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" } });
    if (!draft) throw notFound(`Rule set “${slug}” has no draft.`);
    if (revision !== undefined && draft.revision !== revision) throw await staleSave(tx, draft.id, revision, draft.revision);
    await tx.ruleSetVersion.update({ where: { id: draft.id }, data: { state: "discarded", frozenAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "draft.discarded",
      targetType: "ruleset",
      targetId: slug,
      details: { version: draft.number, revision: draft.revision },
    });
    return { discardedNumber: draft.number };
  });
}

/**
 * Imports a document into the draft. An existing draft is only overwritten with
 * the revision the importer last saw; without a draft, one is started first.
 */
export async function importDocument(
  db: PrismaClient,
  actor: Editor,
  slug: string,
  input: { document: unknown; baseRevision?: number | string },
) {
  const ruleSet = await db.ruleSet.findUnique({ where: { slug }, select: { id: true } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  parseDocumentInput(input.document, slug);
  const draft = await db.ruleSetVersion.findFirst({ where: { ruleSetId: ruleSet.id, state: "draft" } });
  let baseRevision = input.baseRevision;
  if (!draft) {
    baseRevision = (await startDraft(db, actor, slug)).revision;
  } else if (baseRevision === undefined || baseRevision === "") {
    throw new DomainError(
      428,
      "revision_required",
      `Rule set “${slug}” already has a draft (revision ${draft.revision}). Say which revision you are replacing.`,
      [{ path: "baseRevision", message: "is required because a draft exists" }],
      { currentRevision: draft.revision },
    );
  }
  return saveDraft(db, actor, slug, { baseRevision, document: input.document, source: "import" });
}

export type { RuleSet };
