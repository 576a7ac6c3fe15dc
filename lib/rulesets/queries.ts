import { lintRuleSet, type LintIssue, type RuleSet } from "@/lib/engine";
import type { PrismaClient, VersionState } from "@/lib/generated/prisma/client";
import { DomainError, notFound, parseInput } from "@/lib/errors";
import { diffRuleSets, type RuleSetDiff } from "./diff";
import { storedDocument } from "./documents";
import { likeLiteral } from "@/lib/db/like-literal";
import { listRuleSetsInput, versionRefSchema, type VersionRef } from "./schemas";

export interface LintCounts {
  errors: number;
  warnings: number;
}

export interface RuleSetListItem {
  slug: string;
  title: string;
  description: string;
  /** The version client apps get (null before the first publication). */
  publishedVersion: number | null;
  withdrawn: boolean;
  latestVersion: number | null;
  draft: {
    number: number;
    revision: number;
    lastEditedBy: string;
    updatedAt: Date;
    lint: LintCounts;
  } | null;
  updatedAt: Date;
}

export interface VersionSummary {
  number: number;
  state: VersionState;
  revision: number;
  basedOnNumber: number | null;
  createdBy: string;
  createdAt: Date;
  lastEditedBy: string;
  updatedAt: Date;
  frozenAt: Date | null;
}

const personSelect = { select: { name: true, email: true } } as const;

type VersionWithPeople = Omit<VersionSummary, "createdBy" | "lastEditedBy"> & {
  createdBy: { name: string };
  lastEditedBy: { name: string };
};

function versionSummary(version: VersionWithPeople): VersionSummary {
  return {
    number: version.number,
    state: version.state,
    revision: version.revision,
    basedOnNumber: version.basedOnNumber,
    createdBy: version.createdBy.name,
    createdAt: version.createdAt,
    lastEditedBy: version.lastEditedBy.name,
    updatedAt: version.updatedAt,
    frozenAt: version.frozenAt,
  };
}

export function lintCounts(issues: readonly LintIssue[]): LintCounts {
  return {
    errors: issues.filter((issue) => issue.severity === "error").length,
    warnings: issues.filter((issue) => issue.severity === "warning").length,
  };
}

export async function listRuleSets(db: PrismaClient, input: { query?: string } = {}): Promise<RuleSetListItem[]> {
  const parsed = parseInput(listRuleSetsInput, input);
  const query = parsed.query ? likeLiteral(parsed.query) : undefined;
  const ruleSets = await db.ruleSet.findMany({
    where: query
      ? {
          OR: [
            { slug: { contains: query, mode: "insensitive" } },
            { title: { contains: query, mode: "insensitive" } },
            { description: { contains: query, mode: "insensitive" } },
          ],
        }
      : undefined,
    orderBy: { title: "asc" },
    include: {
      currentVersion: { select: { number: true } },
      versions: {
        where: { state: { not: "discarded" } },
        orderBy: { number: "desc" },
        select: { number: true, state: true, revision: true, updatedAt: true, document: true, lastEditedBy: personSelect },
      },
    },
  });
  return ruleSets.map((ruleSet) => {
    const draft = ruleSet.versions.find((version) => version.state === "draft");
    return {
      slug: ruleSet.slug,
      title: ruleSet.title,
      description: ruleSet.description,
      publishedVersion: ruleSet.currentVersion?.number ?? null,
      withdrawn: ruleSet.withdrawnAt !== null,
      latestVersion: ruleSet.versions[0]?.number ?? null,
      draft: draft
        ? {
            number: draft.number,
            revision: draft.revision,
            lastEditedBy: draft.lastEditedBy.name,
            updatedAt: draft.updatedAt,
            lint: lintCounts(lintRuleSet(draft.document)),
          }
        : null,
      updatedAt: ruleSet.versions[0]?.updatedAt ?? ruleSet.updatedAt,
    };
  });
}

export async function getRuleSet(db: PrismaClient, slug: string) {
  const ruleSet = await db.ruleSet.findUnique({
    where: { slug },
    include: {
      createdBy: personSelect,
      currentVersion: { select: { number: true } },
      versions: {
        orderBy: { number: "desc" },
        include: { createdBy: personSelect, lastEditedBy: personSelect },
      },
      publicationEvents: {
        // The order the changes took effect in (assigned under the rule set's lock), newest first.
        orderBy: { seq: "desc" },
        include: { actor: personSelect, version: { select: { number: true } } },
      },
    },
  });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const versions = ruleSet.versions.map(versionSummary);
  return {
    id: ruleSet.id,
    slug: ruleSet.slug,
    title: ruleSet.title,
    description: ruleSet.description,
    createdBy: ruleSet.createdBy.name,
    createdAt: ruleSet.createdAt,
    draftNumber: versions.find((version) => version.state === "draft")?.number ?? null,
    publishedVersion: ruleSet.currentVersion?.number ?? null,
    requiredApprovals: ruleSet.requiredApprovals,
    withdrawn: ruleSet.withdrawnAt ? { at: ruleSet.withdrawnAt, reason: ruleSet.withdrawnReason ?? "" } : null,
    publications: ruleSet.publicationEvents.map((event) => ({
      kind: event.kind,
      versionNumber: event.version?.number ?? null,
      reason: event.reason,
      actor: event.actor.name,
      at: event.at,
    })),
    versions,
  };
}

async function findRuleSetId(db: PrismaClient, slug: string): Promise<string> {
  const ruleSet = await db.ruleSet.findUnique({ where: { slug }, select: { id: true } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  return ruleSet.id;
}

export async function getDraft(db: PrismaClient, slug: string) {
  const ruleSetId = await findRuleSetId(db, slug);
  const draft = await db.ruleSetVersion.findFirst({
    where: { ruleSetId, state: "draft" },
    include: { lastEditedBy: personSelect },
  });
  if (!draft) throw notFound(`Rule set “${slug}” has no draft. Start one from its latest version.`);
  const document = storedDocument(draft.document);
  return {
    number: draft.number,
    revision: draft.revision,
    basedOnNumber: draft.basedOnNumber,
    updatedAt: draft.updatedAt,
    lastEditedBy: draft.lastEditedBy.name,
    document,
    lint: lintRuleSet(document),
  };
}

/** A version by number, or the current draft / published version. */
export async function getVersion(db: PrismaClient, slug: string, ref: VersionRef | string | number) {
  const parsed = versionRefSchema.safeParse(ref);
  if (!parsed.success) {
    throw new DomainError(400, "invalid_version", `“${String(ref)}” is not a version: use a number, draft or published.`, [
      { path: "version", message: "must be a version number, draft or published" },
    ]);
  }
  const ruleSet = await db.ruleSet.findUnique({ where: { slug }, select: { id: true, currentVersionId: true } });
  if (!ruleSet) throw notFound(`There is no rule set “${slug}”.`);
  const ruleSetId = ruleSet.id;
  const where =
    parsed.data === "draft"
      ? { ruleSetId, state: "draft" as const }
      : parsed.data === "published"
        ? { id: ruleSet.currentVersionId ?? "none" }
        : { ruleSetId, number: parsed.data, state: { not: "discarded" as const } };
  const version = await db.ruleSetVersion.findFirst({
    where,
    orderBy: { number: "desc" },
    include: { createdBy: personSelect, lastEditedBy: personSelect },
  });
  if (!version) throw notFound(`Rule set “${slug}” has no ${typeof parsed.data === "number" ? `version ${parsed.data}` : `${parsed.data} version`}.`);
  return {
    ...versionSummary(version),
    submittedAt: version.submittedAt,
    publishedAt: version.publishedAt,
    document: storedDocument(version.document),
    testCases: version.testCases,
  };
}

export interface VersionDiff {
  from: { number: number; state: VersionState } | null;
  to: { number: number; state: VersionState };
  diff: RuleSetDiff;
}

/** The difference between two versions; `from` may name nothing yet published, then everything is new. */
export async function diffVersions(
  db: PrismaClient,
  slug: string,
  fromRef: VersionRef | string | number,
  toRef: VersionRef | string | number,
): Promise<VersionDiff> {
  const to = await getVersion(db, slug, toRef);
  let from: Awaited<ReturnType<typeof getVersion>> | null = null;
  try {
    from = await getVersion(db, slug, fromRef);
  } catch (error) {
    // Comparing a first draft with "published" before anything was published: everything is an addition.
    if (!(error instanceof DomainError && error.status === 404 && fromRef === "published")) throw error;
  }
  return {
    from: from ? { number: from.number, state: from.state } : null,
    to: { number: to.number, state: to.state },
    diff: diffRuleSets(from?.document ?? null, to.document),
  };
}

export async function getDraftHistory(db: PrismaClient, slug: string, versionNumber: number) {
  const ruleSetId = await findRuleSetId(db, slug);
  const version = await db.ruleSetVersion.findUnique({ where: { ruleSetId_number: { ruleSetId, number: versionNumber } } });
  if (!version) throw notFound(`Rule set “${slug}” has no version ${versionNumber}.`);
  const revisions = await db.draftRevision.findMany({
    where: { versionId: version.id },
    orderBy: { revision: "desc" },
    select: { revision: true, savedAt: true, summary: true, savedBy: personSelect },
  });
  return revisions.map((revision) => ({
    revision: revision.revision,
    savedAt: revision.savedAt,
    savedBy: revision.savedBy.name,
    summary: revision.summary,
  }));
}

export type { RuleSet };
