"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActionIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { runAction, type ActionResult } from "@/lib/http/action-result";
import { addComment, resolveComment } from "@/lib/reviews/comments";
import { liftCoverageWaiver, waiveCoverage } from "@/lib/reviews/coverage-waiver";
import { approveVersion, requestChanges, submitVersion } from "@/lib/reviews/lifecycle";
import { NO_DISPOSITION } from "@/lib/reviews/schemas";
import { publishVersion, rollback, withdraw } from "@/lib/reviews/publishing";

export type LifecycleResult = ActionResult;

async function lifecycle(slug: string, work: () => Promise<string>): Promise<LifecycleResult> {
  const result = await runAction<undefined>(async () => ({ message: await work() }));
  revalidatePath(`/rulesets/${slug}`, "layout");
  return result;
}

function text(form: FormData, name: string): string {
  return String(form.get(name) ?? "");
}

/** The approve form's reductions: one (published, draft, reason) row each; NO_DISPOSITION stands for null. */
function acknowledgementsFrom(form: FormData) {
  const published = form.getAll("ackPublished").map(String);
  const drafts = form.getAll("ackDraft").map(String);
  const reasons = form.getAll("ackReason").map(String);
  const id = (value: string | undefined) => (value === undefined || value === NO_DISPOSITION ? null : value);
  return published.map((p, i) => ({ published: id(p), draft: id(drafts[i]), reason: reasons[i] ?? "" }));
}

export async function submitAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  const version = text(form, "version");
  const result = await lifecycle(slug, async () => {
    const identity = await requireActionIdentity("submitForReview");
    const submitted = await submitVersion(db(), identity, slug, version);
    return `Version ${submitted.number} submitted for review.`;
  });
  // The draft is gone once submitted: show the author the version as reviewers will see it.
  if (result.ok) redirect(`/rulesets/${slug}/versions/${version}/review`);
  return result;
}

export async function approveAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("reviewVersion");
    const result = await approveVersion(db(), identity, slug, text(form, "version"), { comment: text(form, "comment"), acknowledgements: acknowledgementsFrom(form) });
    return result.state === "approved"
      ? `Version ${result.number} is approved and can be published.`
      : `Approval recorded: ${result.approvals} of ${result.requiredApprovals}.`;
  });
}

export async function requestChangesAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("reviewVersion");
    const ruleComments = form
      .getAll("ruleCommentRule")
      .map((ruleId, index) => ({ ruleId: String(ruleId), body: String(form.getAll("ruleCommentBody")[index] ?? "") }))
      .filter((comment) => comment.ruleId !== "" && comment.body.trim() !== "");
    const result = await requestChanges(db(), identity, slug, text(form, "version"), { comment: text(form, "comment"), ruleComments });
    return result.draftKept
      ? `Changes requested on version ${result.number}. The authors already have draft version ${result.draftNumber}${result.draftBasedOn ? ` (started from version ${result.draftBasedOn})` : ""}; it was kept, and the comments carry over to it.`
      : `Changes requested on version ${result.number}; draft version ${result.draftNumber} was started for the authors.`;
  });
}

/** The form's "lift the withdrawal" fields, present only while the rule set is withdrawn. */
function liftFrom(form: FormData, reasonField: string) {
  if (!form.has(reasonField)) return undefined;
  const withdrawnAt = text(form, "withdrawnAt");
  return { reason: text(form, reasonField), ...(withdrawnAt ? { withdrawnAt } : {}) };
}

export async function publishAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("publish");
    const liftWithdrawal = liftFrom(form, "liftReason");
    const result = await publishVersion(db(), identity, slug, text(form, "version"), liftWithdrawal ? { liftWithdrawal } : {});
    return `${result.withdrawalLifted ? "Withdrawal lifted. " : ""}Version ${result.number} is published: client apps get it now.`;
  });
}

export async function rollbackAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("rollBack");
    const result = await rollback(db(), identity, slug, { toVersion: text(form, "toVersion"), reason: text(form, "reason") });
    return `Version ${result.currentVersion} is current again.`;
  });
}

export async function withdrawAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("withdraw");
    await withdraw(db(), identity, slug, { reason: text(form, "reason") });
    return "Withdrawn: client apps are told it is no longer available.";
  });
}

/** Ends the withdrawal on purpose: a rollback to the chosen published version (the withdrawn one itself, or earlier) that lifts it, with one reason. */
export async function liftWithdrawalAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("liftWithdrawal");
    const result = await rollback(db(), identity, slug, { toVersion: text(form, "toVersion"), reason: text(form, "reason"), liftWithdrawal: liftFrom(form, "reason") });
    return `Withdrawal lifted: client apps get version ${result.currentVersion} again.`;
  });
}

/** Admins only (checked here and again by the service): the gate's coverage part no longer applies to this rule set. */
export async function waiveCoverageAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("waiveCoverage");
    await waiveCoverage(db(), identity, slug, { reason: text(form, "reason") });
    return "Coverage waived: rules need not all be exercised by test cases. Tests must still pass; invariants and reductions are still required.";
  });
}

export async function liftCoverageWaiverAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("waiveCoverage");
    await liftCoverageWaiver(db(), identity, slug);
    return "Waiver lifted: coverage is required again from the next submit, approval or publication.";
  });
}

export async function addCommentAction(_previous: LifecycleResult | undefined, form: FormData): Promise<LifecycleResult> {
  const slug = text(form, "slug");
  return lifecycle(slug, async () => {
    const identity = await requireActionIdentity("comment");
    await addComment(db(), identity, slug, text(form, "version"), { body: text(form, "body"), ruleId: text(form, "ruleId") || undefined });
    return "Comment added.";
  });
}

export async function resolveCommentAction(form: FormData): Promise<void> {
  const slug = text(form, "slug");
  const identity = await requireActionIdentity("comment");
  await resolveComment(db(), identity, slug, text(form, "commentId"));
  revalidatePath(`/rulesets/${slug}`, "layout");
}
