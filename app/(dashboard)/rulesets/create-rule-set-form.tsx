"use client";

import { useActionState } from "react";
import { fieldError } from "@/lib/http/action-result";
import { createRuleSetAction } from "./actions";

export function CreateRuleSetForm() {
  const [result, action, pending] = useActionState(createRuleSetAction, undefined);
  const errors = { slug: fieldError(result, "slug"), title: fieldError(result, "title"), description: fieldError(result, "description") };
  return (
    <details className="card" open={result !== undefined && !result.ok}>
      <summary className="cursor-pointer font-semibold">Create a rule set</summary>
      <form action={action} className="mt-4 space-y-4" aria-label="Create a rule set">
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="ruleset-title" className="field-label">
              Title
            </label>
            <input id="ruleset-title" name="title" required maxLength={120} className="field-input" placeholder="Back pain" />
            {errors.title && <p className="field-error">Title {errors.title}</p>}
          </div>
          <div>
            <label htmlFor="ruleset-slug" className="field-label">
              Slug <span className="font-normal text-slate-500">(used in the public API URL)</span>
            </label>
            <input id="ruleset-slug" name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" className="field-input" placeholder="back-pain" />
            {errors.slug && <p className="field-error">Slug {errors.slug}</p>}
          </div>
        </div>
        <div>
          <label htmlFor="ruleset-description" className="field-label">
            Description
          </label>
          <textarea id="ruleset-description" name="description" rows={2} className="field-input" />
          {errors.description && <p className="field-error">Description {errors.description}</p>}
        </div>
        {result && !result.ok && !errors.slug && !errors.title && <p className="field-error">{result.message}</p>}
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create and start the first draft"}
        </button>
      </form>
    </details>
  );
}
