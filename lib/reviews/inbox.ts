import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Identity } from "@/lib/auth/identity";
import { can } from "@/lib/auth/permissions";
import { contributorsOf } from "./contributors";

export interface InboxItem {
  slug: string;
  title: string;
  versionNumber: number;
  since: Date;
  detail: string;
}

/** What waits for this person: versions to review (never their own), and their drafts with comments to answer. */
export async function inboxFor(db: PrismaClient, identity: Identity): Promise<{ toReview: InboxItem[]; toAnswer: InboxItem[] }> {
  const toReview: InboxItem[] = [];
  if (can(identity, "reviewVersion")) {
    const inReview = await db.ruleSetVersion.findMany({
      where: { state: "in_review", reviews: { none: { reviewerId: identity.userId } } },
      include: { ruleSet: { select: { slug: true, title: true, requiredApprovals: true } }, reviews: { select: { decision: true } } },
      orderBy: { submittedAt: "asc" },
    });
    for (const version of inReview) {
      if ((await contributorsOf(db, version.id)).has(identity.userId)) continue;
      const approvals = version.reviews.filter((review) => review.decision === "approved").length;
      toReview.push({
        slug: version.ruleSet.slug,
        title: version.ruleSet.title,
        versionNumber: version.number,
        since: version.submittedAt ?? version.updatedAt,
        detail: `${approvals} of ${version.ruleSet.requiredApprovals} approvals`,
      });
    }
  }
  const toAnswer: InboxItem[] = [];
  if (can(identity, "editDraft")) {
    const drafts = await db.ruleSetVersion.findMany({
      where: { state: "draft", ruleSet: { comments: { some: { resolvedAt: null } } } },
      include: { ruleSet: { select: { slug: true, title: true, id: true } } },
    });
    for (const draft of drafts) {
      if (!(await contributorsOf(db, draft.id)).has(identity.userId) && draft.createdById !== identity.userId) continue;
      const open = await db.reviewComment.count({ where: { ruleSetId: draft.ruleSet.id, resolvedAt: null } });
      toAnswer.push({
        slug: draft.ruleSet.slug,
        title: draft.ruleSet.title,
        versionNumber: draft.number,
        since: draft.updatedAt,
        detail: `${open} unresolved comment${open === 1 ? "" : "s"}`,
      });
    }
  }
  return { toReview, toAnswer };
}
