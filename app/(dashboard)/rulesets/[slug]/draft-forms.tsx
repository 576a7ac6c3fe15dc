"use client";

import { useActionState } from "react";
import { fieldError } from "@/lib/http/action-result";
import { discardDraftAction, importDraftAction, startDraftAction } from "../actions";

export function StartDraftForm({ slug, versions }: { slug: string; versions: number[] }) {
  const [result, action, pending] = useActionState(startDraftAction, undefined);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" aria-label="Start a draft">
      <input type="hidden" name="slug" value={slug} />
      <div>
        <label htmlFor="from-version" className="field-label">
          Start from
        </label>
        <select id="from-version" name="fromVersion" className="field-input" defaultValue="">
          <option value="">the latest version{versions[0] ? ` (v${versions[0]})` : ""}</option>
          {versions.map((number) => (
            <option key={number} value={number}>
              version {number}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Starting…" : "Start a draft"}
      </button>
      {result && !result.ok && <p className="field-error w-full">{result.message}</p>}
    </form>
  );
}

export function DiscardDraftForm({ slug, revision }: { slug: string; revision: number }) {
  const [result, action, pending] = useActionState(discardDraftAction, undefined);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!window.confirm("Discard this draft? It is kept in the history but can no longer be edited.")) event.preventDefault();
      }}
    >
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="revision" value={revision} />
      <button type="submit" className="btn-danger" disabled={pending}>
        Discard draft
      </button>
      {result && <p className={result.ok ? "mt-1 text-sm text-green-800" : "field-error"}>{result.message}</p>}
    </form>
  );
}

export function ImportForm({ slug, revision }: { slug: string; revision: number | null }) {
  const [result, action, pending] = useActionState(importDraftAction, undefined);
  const fileError = fieldError(result, "file");
  const otherFields = result && !result.ok ? result.fields.filter((field) => field.path !== "file") : [];
  return (
    <form action={action} className="space-y-3" aria-label="Import JSON">
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="baseRevision" value={revision ?? ""} />
      <div>
        <label htmlFor="import-file" className="field-label">
          Rule-set document (JSON)
        </label>
        <input id="import-file" name="file" type="file" accept="application/json,.json" required className="field-input" />
        {fileError && <p className="field-error">File {fileError}</p>}
      </div>
      <p className="text-xs text-slate-600">
        {revision
          ? `Replaces the draft's content as revision ${revision + 1}; refused if someone saves the draft first.`
          : "Starts a new draft from the file."}
      </p>
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Importing…" : "Import into the draft"}
      </button>
      {result && (
        <div role="status" className={result.ok ? "text-sm text-green-800" : "field-error"}>
          <p>{result.message}</p>
          {otherFields.length > 0 && (
            <ul className="mt-1 list-disc pl-5" data-testid="import-errors">
              {otherFields.slice(0, 50).map((field) => (
                <li key={`${field.path}:${field.message}`}>
                  <code>{field.path}</code> {field.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
