import type { Metadata } from "next";
import Link from "next/link";
import { formatWhen, VERSION_STATE_LABELS } from "@/components/format";
import { CoverageWaiverStatus } from "@/components/review/coverage-waiver-status";
import { requirePageIdentity } from "@/lib/auth/next";
import { capabilitiesOf } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { PublicationKind } from "@/lib/generated/prisma/client";
import { getDraft, getDraftHistory, getRuleSet } from "@/lib/rulesets/queries";
import { notFoundPage } from "@/lib/http/not-found-page";
import { listComments } from "@/lib/reviews/comments";
import { RevisionHistory } from "@/components/revision-history";
import { CommentsList } from "./comments-list";
import { DiscardDraftForm, ImportForm, StartDraftForm } from "./draft-forms";
import { CommentForm, LiftCoverageWaiverForm, LiftWithdrawalForm, PublishForm, RollbackForm, SubmitForm, WaiveCoverageForm, WithdrawForm } from "./lifecycle-forms";

export const metadata: Metadata = { title: "Rule set" };

const PUBLICATION_VERBS: Record<PublicationKind, string> = {
  published: "published",
  rolled_back: "rolled back to",
  withdrawn: "withdrew",
  withdrawal_lifted: "lifted the withdrawal of",
};

export default async function RuleSetPage({ params }: { params: Promise<{ slug: string }> }) {
  // Authors work here; admins may look (publish, roll back, withdraw, waive coverage) but not edit.
  const may = capabilitiesOf(await requirePageIdentity("viewRuleSets"));
  const { slug } = await params;
  const ruleSet = await notFoundPage(getRuleSet(db(), slug));
  const waiverRow = await db().ruleSet.findUnique({
    where: { slug },
    select: { coverageWaiverReason: true, coverageWaivedAt: true, coverageWaivedBy: { select: { name: true } } },
  });
  const waiver = waiverRow?.coverageWaivedAt
    ? { reason: waiverRow.coverageWaiverReason ?? "", at: waiverRow.coverageWaivedAt, by: waiverRow.coverageWaivedBy?.name ?? null }
    : null;
  const draft = ruleSet.versions.find((version) => version.state === "draft") ?? null;
  const history = draft ? await getDraftHistory(db(), slug, draft.number) : [];
  const comments = may.comment ? await listComments(db(), slug, { includeResolved: true }) : [];
  const inReview = ruleSet.versions.filter((version) => version.state === "in_review" || version.state === "approved");
  const formerlyPublished = ruleSet.versions
    .filter((version) => version.state === "published" && version.number !== ruleSet.publishedVersion)
    .map((version) => version.number);
  const draftRules = draft ? (await getDraft(db(), slug)).document.rules.map((rule) => ({ id: rule.id, title: rule.title })) : [];
  const ruleTitles = new Map(draftRules.map((rule) => [rule.id, rule.title]));
  const comparable = ruleSet.versions.filter((version) => version.state !== "discarded").map((version) => version.number);
  const withdrawn = ruleSet.withdrawn ? { at: ruleSet.withdrawn.at.toISOString(), reason: ruleSet.withdrawn.reason } : null;

  return (
    <div className="space-y-6">
      <header>
        <Link href="/rulesets" className="text-sm text-brand-700 hover:underline">
          ← Rule sets
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">{ruleSet.title}</h1>
        <div className="font-mono text-xs text-slate-500">{ruleSet.slug}</div>
        {ruleSet.description && <p className="mt-2 text-slate-700">{ruleSet.description}</p>}
      </header>

      <section className="card space-y-3" aria-labelledby="draft-heading">
        <h2 id="draft-heading" className="font-semibold">
          Draft
        </h2>
        {draft ? (
          <>
            <p className="text-sm text-slate-700">
              Version {draft.number}, revision {draft.revision}
              {draft.basedOnNumber ? `, started from version ${draft.basedOnNumber}` : ""}. Last edited by {draft.lastEditedBy},{" "}
              {formatWhen(draft.updatedAt)}.
            </p>
            {may.editDraft && (
              <>
                <div className="flex flex-wrap gap-3">
                  <Link href={`/rulesets/${slug}/draft`} className="btn-primary">
                    Open the draft
                  </Link>
                  <Link href={`/rulesets/${slug}/draft/tests`} className="btn-secondary">
                    Test cases
                  </Link>
                  <Link href={`/rulesets/${slug}/draft/preview`} className="btn-secondary">
                    Patient preview
                  </Link>
                  <Link href={`/rulesets/${slug}/diff?from=${ruleSet.publishedVersion ?? "published"}&to=draft`} className="btn-secondary">
                    Compare with published
                  </Link>
                  <a href={`/api/admin/rulesets/${slug}/versions/${draft.number}?download=1`} className="btn-secondary">
                    Export JSON
                  </a>
                  <DiscardDraftForm slug={slug} revision={draft.revision} />
                </div>
                {may.submitForReview && <SubmitForm slug={slug} version={draft.number} />}
              </>
            )}
          </>
        ) : may.editDraft ? (
          <StartDraftForm slug={slug} versions={comparable} />
        ) : (
          <p className="text-sm text-slate-700">No draft.</p>
        )}
      </section>

      {inReview.length > 0 && (
        <section className="card space-y-3" aria-labelledby="review-heading">
          <h2 id="review-heading" className="font-semibold">
            In review
          </h2>
          <ul className="space-y-3">
            {inReview.map((version) => (
              <li key={version.number} className="flex flex-wrap items-center justify-between gap-3" data-testid={`review-version-${version.number}`}>
                <span className="text-sm">
                  Version {version.number}: <strong>{VERSION_STATE_LABELS[version.state]}</strong>
                </span>
                <div className="flex flex-wrap gap-3">
                  <Link href={`/rulesets/${slug}/versions/${version.number}/review`} className="btn-secondary">
                    Open the review
                  </Link>
                  {version.state === "approved" && may.publish && <PublishForm slug={slug} version={version.number} withdrawn={withdrawn} />}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card space-y-3" aria-labelledby="coverage-heading" data-testid="coverage-waiver">
        <h2 id="coverage-heading" className="font-semibold">
          Test coverage requirement
        </h2>
        <CoverageWaiverStatus waiver={waiver} />
        {may.waiveCoverage && (waiver ? <LiftCoverageWaiverForm slug={slug} /> : <WaiveCoverageForm slug={slug} />)}
      </section>

      <section className="card space-y-3" aria-labelledby="publishing-heading">
        <h2 id="publishing-heading" className="font-semibold">
          Published to client apps
        </h2>
        {ruleSet.withdrawn && (
          <p className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="withdrawn-banner">
            Withdrawn {formatWhen(ruleSet.withdrawn.at)}: {ruleSet.withdrawn.reason}
          </p>
        )}
        <p className="text-sm" data-testid="published-version">
          {ruleSet.publishedVersion ? `Current version: v${ruleSet.publishedVersion}` : "Nothing is published yet."} · {ruleSet.requiredApprovals}{" "}
          approval{ruleSet.requiredApprovals === 1 ? "" : "s"} required
        </p>
        {/* While withdrawn, the only way back is to lift the withdrawal on purpose, with a reason (to this version or an earlier one). */}
        {may.rollBack && !withdrawn && formerlyPublished.length > 0 && <RollbackForm slug={slug} versions={formerlyPublished} />}
        {may.withdraw && ruleSet.publishedVersion && !withdrawn && <WithdrawForm slug={slug} />}
        {may.liftWithdrawal && ruleSet.publishedVersion && withdrawn && (
          <LiftWithdrawalForm slug={slug} withdrawn={withdrawn} current={ruleSet.publishedVersion} earlier={formerlyPublished} />
        )}
        {ruleSet.publications.length > 0 && (
          <ol className="space-y-1 text-sm text-slate-700" aria-label="Publication history">
            {ruleSet.publications.map((event, index) => (
              <li key={index}>
                {formatWhen(event.at)} · {event.actor}{" "}
                {PUBLICATION_VERBS[event.kind]}
                {event.versionNumber ? ` v${event.versionNumber}` : ""}
                {event.reason ? ` — “${event.reason}”` : ""}
              </li>
            ))}
          </ol>
        )}
      </section>

      {may.comment && (
        <>
          <section className="card space-y-3" aria-labelledby="comments-heading">
            <h2 id="comments-heading" className="font-semibold">
              Review comments
            </h2>
            <CommentsList slug={slug} comments={comments} ruleTitles={ruleTitles} canResolve={may.comment} />
            {draft && <CommentForm slug={slug} version={draft.number} rules={draftRules} />}
          </section>

          <section className="card space-y-3" aria-labelledby="import-heading">
            <h2 id="import-heading" className="font-semibold">
              Import
            </h2>
            <ImportForm slug={slug} revision={draft?.revision ?? null} />
          </section>
        </>
      )}

      <section className="card overflow-x-auto" aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-3 font-semibold">
          Versions
        </h2>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-600">
            <tr>
              <th className="py-2 pr-4 font-medium">Version</th>
              <th className="py-2 pr-4 font-medium">State</th>
              <th className="py-2 pr-4 font-medium">Started by</th>
              <th className="py-2 pr-4 font-medium">Last edit</th>
              <th className="py-2 pr-4 font-medium">Based on</th>
              <th className="py-2" />
            </tr>
          </thead>
          <tbody>
            {ruleSet.versions.map((version) => (
              <tr key={version.number} className="border-t border-slate-100" data-testid={`version-${version.number}`}>
                <td className="py-2 pr-4 font-medium">v{version.number}</td>
                <td className="py-2 pr-4">{VERSION_STATE_LABELS[version.state]}</td>
                <td className="py-2 pr-4">
                  {version.createdBy}, {formatWhen(version.createdAt)}
                </td>
                <td className="py-2 pr-4">
                  {version.lastEditedBy}, {formatWhen(version.updatedAt)} (rev {version.revision})
                </td>
                <td className="py-2 pr-4">{version.basedOnNumber ? `v${version.basedOnNumber}` : "—"}</td>
                <td className="space-x-3 py-2 text-right whitespace-nowrap">
                  <Link href={`/rulesets/${slug}/versions/${version.number}`} className="text-brand-700 hover:underline">
                    View
                  </Link>
                  {version.basedOnNumber && version.state !== "discarded" && (
                    <Link href={`/rulesets/${slug}/diff?from=${version.basedOnNumber}&to=${version.number}`} className="text-brand-700 hover:underline">
                      Changes
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {comparable.length > 1 && (
          <form action={`/rulesets/${slug}/diff`} className="mt-4 flex flex-wrap items-end gap-3" aria-label="Compare versions">
            <div>
              <label htmlFor="diff-from" className="field-label">
                Compare
              </label>
              <select id="diff-from" name="from" className="field-input" defaultValue={comparable[1]}>
                {comparable.map((number) => (
                  <option key={number} value={number}>
                    v{number}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="diff-to" className="field-label">
                with
              </label>
              <select id="diff-to" name="to" className="field-input" defaultValue={comparable[0]}>
                {comparable.map((number) => (
                  <option key={number} value={number}>
                    v{number}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary">
              Show differences
            </button>
          </form>
        )}
      </section>

      {draft && <RevisionHistory title="Draft history" entries={history} testId="draft-history" />}
    </div>
  );
}
