"use client";

import { useActionState, useId, useState } from "react";
import { gateReasonsFrom, GateReasonList } from "@/components/review/gate-reasons";
import type { ActionResult } from "@/lib/http/action-result";
import {
  addCommentAction,
  approveAction,
  publishAction,
  requestChangesAction,
  rollbackAction,
  submitAction,
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

export function ApproveForm({ slug, version }: { slug: string; version: number }) {
  const [result, action, pending] = useActionState(approveAction, undefined);
  return (
    <form action={action} className="space-y-2" aria-label="Approve">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <label htmlFor="approve-comment" className="field-label">
        Note with your approval <span className="font-normal text-slate-500">(optional)</span>
      </label>
      <textarea id="approve-comment" name="comment" rows={2} className="field-input" />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Approving…" : "Approve"}
      </button>
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

export function PublishForm({ slug, version }: { slug: string; version: number }) {
  const [result, action, pending] = useActionState(publishAction, undefined);
  return (
    <form
      action={action}
      className="space-y-2"
      onSubmit={(event) => {
        if (!window.confirm(`Publish version ${version}? Client apps get it immediately.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Publishing…" : `Publish version ${version}`}
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

