"use client";

import { useActionState } from "react";
import { fieldError } from "@/lib/http/action-result";
import { createTokenAction } from "./actions";

export function CreateTokenForm() {
  const [result, action, pending] = useActionState(createTokenAction, undefined);
  const nameError = fieldError(result, "name");
  const expiresError = fieldError(result, "expiresInDays");

  return (
    <div className="card space-y-4">
      <h2 className="font-semibold">Create a token</h2>
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <div>
          <label htmlFor="token-name" className="field-label">
            Name
          </label>
          <input
            id="token-name"
            name="name"
            required
            maxLength={80}
            placeholder="e.g. Import script"
            className="field-input"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? "token-name-error" : undefined}
          />
          {nameError && (
            <p id="token-name-error" className="field-error">
              Name {nameError}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="token-expires" className="field-label">
            Expires after (days)
          </label>
          <input id="token-expires" name="expiresInDays" type="number" min={1} max={365} placeholder="never" className="field-input" />
          {expiresError && <p className="field-error">Expiry {expiresError}</p>}
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
      {result && !result.ok && !nameError && !expiresError && <p className="field-error">{result.message}</p>}
      {result?.ok && result.data && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="new-token">
          <p className="font-medium">{result.message} Copy it now: it will not be shown again.</p>
          <code className="mt-2 block break-all rounded bg-white p-2 font-mono text-xs" data-testid="new-token-secret">
            {result.data.secret}
          </code>
        </div>
      )}
    </div>
  );
}
