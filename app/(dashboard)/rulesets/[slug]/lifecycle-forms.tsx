"use client";

import { useActionState, useId, useState, type FormEvent } from "react";
import { gateReasonsFrom, GateReasonList } from "@/components/review/gate-reasons";
import type { ActionResult } from "@/lib/http/action-result";
import { NO_DISPOSITION } from "@/lib/reviews/schemas";
import {
  addCommentAction,
  approveAction,
  liftCoverageWaiverAction,
  liftWithdrawalAction,
  publishAction,
  requestChangesAction,
  rollbackAction,
  submitAction,
  waiveCoverageAction,
  withdrawAction,
} from "../review-actions";

/** "Version 2 cannot be submitted yet" from the gate's refusal; the reasons themselves follow as a list. */
function refusedHeadline(message: string): string {
  return /^(.*? cannot be \w+ yet):/.exec(message)?.[1] ?? "Refused";
}

function Outcome({ result }: { result: ActionResult | undefined }) {
  const idPrefix = useId();
  if (!result) return null;
  // A refusal by the publication gate carries its reasons (GateProblem[]): each with where to fix it.
  const reasons = !result.ok ? gateReasonsFrom(result.details?.reasons) : [];
  const fieldMessages = !result.ok ? result.fields.map((field) => `${field.path}: ${field.message}`) : [];
  return (
    <div role="status" className={result.ok ? "text-sm text-green-800" : "text-sm text-red-700"} data-testid="lifecycle-outcome">
      <p>{!result.ok && reasons.length > 0 ? `${refusedHeadline(result.message)}: ${reasons.length} problem${reasons.length === 1 ? "" : "s"} to fix first.` : result.message}</p>
      {reasons.length > 0 && <GateReasonList reasons={reasons} idPrefix={idPrefix} />}
      {reasons.length === 0 && fieldMessages.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fieldMessages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function SubmitForm({ slug, version }: { slug: string; version: number }) {
  const [result, action, pending] = useActionState(submitAction, undefined);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Submitting…" : "Submit for review"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

/** One reduction in urgency the approving reviewer must accept, with the gate's words for it. */
export interface ReductionToAcknowledge {
  published: string | null;
  draft: string | null;
  /** "Published version 1 gives “Emergency” where this version gives “Urgent” (e.g. …)". */
  text: string;
  /** "“Emergency” → “Urgent”", for the field's label. */
  short: string;
}

/** The server's rule (lib/reviews/schemas.ts AcknowledgementSchema): at least 10 characters once trimmed. */
const MIN_REASON = 10;

export function ApproveForm({ slug, version, reductions = [] }: { slug: string; version: number; reductions?: readonly ReductionToAcknowledge[] }) {
  const [result, action, pending] = useActionState(approveAction, undefined);
  // Controlled, so a refusal from the server does not wipe what the reviewer wrote.
  const [comment, setComment] = useState("");
  const [reasons, setReasons] = useState<string[]>(() => reductions.map(() => ""));
  const [missing, setMissing] = useState<boolean[]>([]);
  const id = useId();
  const reasonId = (index: number) => `${id}-ack-${index}`;

  const check = (event: FormEvent<HTMLFormElement>) => {
    const short = reductions.map((_, index) => (reasons[index] ?? "").trim().length < MIN_REASON);
    setMissing(short);
    const first = short.indexOf(true);
    if (first >= 0) {
      event.preventDefault();
      document.getElementById(reasonId(first))?.focus();
    }
  };
  const stillMissing = missing.filter(Boolean).length;

  return (
    <form action={action} className="space-y-3" aria-label="Approve" onSubmit={check} noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      {reductions.length > 0 && (
        <fieldset className="space-y-3 rounded-md border-2 border-red-600 bg-red-50 p-3" data-testid="acknowledge-reductions">
          <legend className="px-1 text-sm font-semibold text-red-900">
            {reductions.length === 1 ? "1 reduction in urgency to accept" : `${reductions.length} reductions in urgency to accept`}
          </legend>
          <p className="text-sm text-red-950">
            Approving says each is clinically intended. Say why for each one (at least {MIN_REASON} characters); the reasons are kept with your approval and in
            the audit log.
          </p>
          {reductions.map((reduction, index) => {
            const fieldId = reasonId(index);
            const invalid = missing[index] === true;
            return (
              <div key={index} data-testid="acknowledgement-field">
                <input type="hidden" name="ackPublished" value={reduction.published ?? NO_DISPOSITION} />
                <input type="hidden" name="ackDraft" value={reduction.draft ?? NO_DISPOSITION} />
                <label htmlFor={fieldId} className="field-label">
                  Reason for accepting reduction {index + 1}: {reduction.short}
                </label>
                <p id={`${fieldId}-what`} className="text-xs text-slate-700">
                  {reduction.text}
                </p>
                <textarea
                  id={fieldId}
                  name="ackReason"
                  rows={2}
                  required
                  aria-required="true"
                  aria-invalid={invalid || undefined}
                  aria-describedby={`${fieldId}-what${invalid ? ` ${fieldId}-error` : ""}`}
                  className="field-input"
                  value={reasons[index] ?? ""}
                  onChange={(event) => {
                    const value = event.target.value;
                    setReasons((all) => all.map((old, i) => (i === index ? value : old)));
                    if (invalid && value.trim().length >= MIN_REASON) setMissing((all) => all.map((old, i) => (i === index ? false : old)));
                  }}
                />
                {invalid && (
                  <p id={`${fieldId}-error`} className="field-error" data-testid="acknowledgement-error">
                    Say why this reduction is clinically intended (at least {MIN_REASON} characters).
                  </p>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <div>
        <label htmlFor={`${id}-comment`} className="field-label">
          Note with your approval <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea id={`${id}-comment`} name="comment" rows={2} className="field-input" value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Approving…" : "Approve"}
      </button>
      <div aria-live="assertive">
        {stillMissing > 0 && (
          <p className="text-sm font-medium text-red-700" role="alert" data-testid="approve-missing-reasons">
            Not approved: {stillMissing === 1 ? "1 reduction needs" : `${stillMissing} reductions need`} a reason first.
          </p>
        )}
      </div>
      <Outcome result={result} />
    </form>
  );
}

export function RequestChangesForm({ slug, version, rules }: { slug: string; version: number; rules: { id: string; title: string }[] }) {
  const [result, action, pending] = useActionState(requestChangesAction, undefined);
  const [rows, setRows] = useState(1);
  return (
    <form action={action} className="space-y-3" aria-label="Request changes">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor="changes-comment" className="field-label">
          What needs to change (on the version as a whole)
        </label>
        <textarea id="changes-comment" name="comment" rows={3} required className="field-input" />
      </div>
      <fieldset className="space-y-2">
        <legend className="field-label">Comments on rules</legend>
        {Array.from({ length: rows }, (_, index) => (
          <div key={index} className="grid gap-2 sm:grid-cols-[14rem_1fr]">
            <label className="sr-only" htmlFor={`rule-comment-rule-${index}`}>
              Rule for comment {index + 1}
            </label>
            <select id={`rule-comment-rule-${index}`} name="ruleCommentRule" className="field-input mt-0" defaultValue="">
              <option value="">Choose a rule…</option>
              {rules.map((rule) => (
                <option key={rule.id} value={rule.id}>
                  {rule.title}
                </option>
              ))}
            </select>
            <label className="sr-only" htmlFor={`rule-comment-body-${index}`}>
              Comment {index + 1}
            </label>
            <input id={`rule-comment-body-${index}`} name="ruleCommentBody" className="field-input mt-0" placeholder="Comment on this rule" />
          </div>
        ))}
        <button type="button" className="btn-secondary" onClick={() => setRows((count) => count + 1)}>
          Comment on another rule
        </button>
      </fieldset>
      <button type="submit" className="btn-danger" disabled={pending}>
        {pending ? "Sending…" : "Request changes"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

/** A rule set's withdrawal as the forms show it: `at` is ISO 8601, sent back so only this withdrawal is lifted. */
export interface WithdrawalShown {
  at: string;
  reason: string;
}

/** While withdrawn, publishing also lifts the withdrawal, and says so: a reason is required (the server refuses without one too). */
export function PublishForm({ slug, version, withdrawn = null }: { slug: string; version: number; withdrawn?: WithdrawalShown | null }) {
  const [result, action, pending] = useActionState(publishAction, undefined);
  const [liftReason, setLiftReason] = useState("");
  const id = useId();
  return (
    <form
      action={action}
      className="space-y-2"
      aria-label={`Publish version ${version}`}
      onSubmit={(event) => {
        const question = withdrawn
          ? `Lift the withdrawal and publish version ${version}? Client apps get it immediately.`
          : `Publish version ${version}? Client apps get it immediately.`;
        if (!window.confirm(question)) event.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      {withdrawn && (
        <div className="space-y-2 rounded-md border-2 border-red-600 bg-red-50 p-3" data-testid="publish-lifts-withdrawal">
          <p className="text-sm text-red-950">
            This rule set is withdrawn from client apps (“{withdrawn.reason}”). Publishing version {version} makes it available again, so it lifts the
            withdrawal too.
          </p>
          <input type="hidden" name="withdrawnAt" value={withdrawn.at} />
          <label htmlFor={`${id}-lift`} className="field-label">
            Why it is safe to lift the withdrawal (required, kept in the publication history and the audit log)
          </label>
          <textarea
            id={`${id}-lift`}
            name="liftReason"
            rows={2}
            required
            minLength={5}
            className="field-input"
            value={liftReason}
            onChange={(event) => setLiftReason(event.target.value)}
          />
        </div>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Publishing…" : withdrawn ? `Lift the withdrawal and publish version ${version}` : `Publish version ${version}`}
      </button>
      <Outcome result={result} />
    </form>
  );
}

export function RollbackForm({ slug, versions }: { slug: string; versions: number[] }) {
  const [result, action, pending] = useActionState(rollbackAction, undefined);
  return (
    <form action={action} className="space-y-2" aria-label="Roll back">
      <input type="hidden" name="slug" value={slug} />
      <div className="grid gap-2 sm:grid-cols-[10rem_1fr]">
        <div>
          <label htmlFor="rollback-version" className="field-label">
            Make current
          </label>
          <select id="rollback-version" name="toVersion" className="field-input">
            {versions.map((number) => (
              <option key={number} value={number}>
                version {number}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="rollback-reason" className="field-label">
            Reason (required)
          </label>
          <input id="rollback-reason" name="reason" required minLength={5} className="field-input" />
        </div>
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Rolling back…" : "Roll back"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

export function WithdrawForm({ slug }: { slug: string }) {
  const [result, action, pending] = useActionState(withdrawAction, undefined);
  return (
    <form
      action={action}
      className="space-y-2"
      aria-label="Withdraw"
      onSubmit={(event) => {
        if (!window.confirm("Withdraw this rule set from client apps now?")) event.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor="withdraw-reason" className="field-label">
        Reason client apps will show (required)
      </label>
      <input id="withdraw-reason" name="reason" required minLength={5} className="field-input" />
      <button type="submit" className="btn-danger" disabled={pending}>
        {pending ? "Withdrawing…" : "Withdraw from client apps"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

/**
 * Next to (in place of) the withdraw form while withdrawn: the one way to make the rule set available again,
 * with a reason. Either the withdrawn version itself or an earlier published one; never as a side effect.
 */
export function LiftWithdrawalForm({ slug, withdrawn, current, earlier }: { slug: string; withdrawn: WithdrawalShown; current: number; earlier: number[] }) {
  const [result, action, pending] = useActionState(liftWithdrawalAction, undefined);
  const [reason, setReason] = useState("");
  return (
    <form
      action={action}
      className="space-y-2"
      aria-label="Lift the withdrawal"
      onSubmit={(event) => {
        if (!window.confirm("Lift the withdrawal? Client apps get the chosen version again immediately.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="withdrawnAt" value={withdrawn.at} />
      <div className="grid gap-2 sm:grid-cols-[14rem_1fr]">
        <div>
          <label htmlFor="lift-version" className="field-label">
            Make available
          </label>
          <select id="lift-version" name="toVersion" className="field-input" defaultValue={current}>
            <option value={current}>version {current} (withdrawn)</option>
            {earlier.map((number) => (
              <option key={number} value={number}>
                version {number}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="lift-reason" className="field-label">
            Why it is safe to lift the withdrawal (required)
          </label>
          <textarea
            id="lift-reason"
            name="reason"
            rows={2}
            required
            minLength={5}
            className="field-input"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Lifting…" : "Lift the withdrawal"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

export function CommentForm({ slug, version, rules }: { slug: string; version: number; rules: { id: string; title: string }[] }) {
  const [result, action, pending] = useActionState(addCommentAction, undefined);
  return (
    <form action={action} className="space-y-2" aria-label="Add a comment">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <div className="grid gap-2 sm:grid-cols-[14rem_1fr]">
        <div>
          <label htmlFor="comment-rule" className="field-label">
            About
          </label>
          <select id="comment-rule" name="ruleId" className="field-input" defaultValue="">
            <option value="">the whole version</option>
            {rules.map((rule) => (
              <option key={rule.id} value={rule.id}>
                {rule.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="comment-body" className="field-label">
            Comment
          </label>
          <textarea id="comment-body" name="body" rows={2} required className="field-input" />
        </div>
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Adding…" : "Add comment"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

/** Admins only (the server checks): waives the gate's coverage part for this rule set, with a reason that is audited. */
export function WaiveCoverageForm({ slug }: { slug: string }) {
  const [result, action, pending] = useActionState(waiveCoverageAction, undefined);
  const [reason, setReason] = useState("");
  return (
    <form
      action={action}
      className="space-y-2"
      aria-label="Waive the coverage requirement"
      onSubmit={(event) => {
        if (!window.confirm("Waive the test-coverage requirement for this rule set? Invariants and reductions stay required.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <label htmlFor="waiver-reason" className="field-label">
        Why coverage may be waived (required, kept in the audit log)
      </label>
      <textarea
        id="waiver-reason"
        name="reason"
        rows={2}
        required
        minLength={5}
        className="field-input"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Waiving…" : "Waive the coverage requirement"}
      </button>
      <Outcome result={result} />
    </form>
  );
}

export function LiftCoverageWaiverForm({ slug }: { slug: string }) {
  const [result, action, pending] = useActionState(liftCoverageWaiverAction, undefined);
  return (
    <form action={action} className="space-y-2" aria-label="Lift the coverage waiver">
      <input type="hidden" name="slug" value={slug} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Lifting…" : "Lift the waiver"}
      </button>
      <Outcome result={result} />
    </form>
  );
}
