"use client";

import { useId } from "react";
import { useFieldError, useReadOnly } from "./editor-context";
import { ListField, TextField } from "./fields";
import type { TabEditorProps } from "./tab-props";

export function DetailsEditor({ doc, dispatch }: Pick<TabEditorProps, "doc" | "dispatch">) {
  const readOnly = useReadOnly();
  const defaultId = useId();
  const { metadata } = doc;
  const defaultError = useFieldError("$.defaultDisposition");
  const knownDefault = doc.defaultDisposition === undefined || doc.dispositions.some((d) => d.id === doc.defaultDisposition);

  return (
    <section className="card @container space-y-4" aria-label="Rule set details">
      <h2 tabIndex={-1} data-path="$.metadata" className="text-lg font-semibold focus:outline-none">
        Details
      </h2>
      <fieldset disabled={readOnly} className="min-w-0 space-y-4">
        <legend className="sr-only">Rule set details</legend>
        <div className="grid gap-4 @xl:grid-cols-[1fr_16rem]">
          <TextField label="Title" value={metadata.title} onChange={(value) => dispatch({ type: "metadata/set", field: "title", value })} path="$.metadata.title" />
          <div>
            <span className="field-label">Slug</span>
            <p className="mt-1 rounded-md bg-slate-100 px-3 py-2 font-mono text-sm text-slate-700" data-path="$.metadata.slug" tabIndex={-1}>
              {metadata.slug}
            </p>
            <p className="mt-1 text-xs text-slate-600">Part of the address apps use; set when the rule set was created.</p>
          </div>
        </div>
        <TextField
          label="Description"
          value={metadata.description ?? ""}
          onChange={(value) => dispatch({ type: "metadata/set", field: "description", value })}
          path="$.metadata.description"
          multiline
          rows={3}
        />
        <div className="grid gap-4 @xl:grid-cols-2">
          <TextField
            label="Audience"
            value={metadata.audience ?? ""}
            onChange={(value) => dispatch({ type: "metadata/set", field: "audience", value })}
            path="$.metadata.audience"
            hint="Who this is written for, e.g. “Adults 18 and over”."
          />
          <ListField
            label="Locales (comma-separated)"
            value={metadata.locales ?? ["en"]}
            onChange={(locales) => dispatch({ type: "metadata/setLocales", locales })}
            path="$.metadata.locales"
            placeholder="en, fr"
          />
        </div>
        <div>
          <label htmlFor={defaultId} className="field-label">
            Default disposition
          </label>
          <select
            id={defaultId}
            className="field-input"
            data-path="$.defaultDisposition"
            value={doc.defaultDisposition ?? ""}
            aria-invalid={!knownDefault || defaultError ? true : undefined}
            onChange={(e) => dispatch({ type: "defaultDisposition/set", id: e.target.value === "" ? undefined : e.target.value })}
          >
            <option value="">None: apps show their own safe fallback</option>
            {!knownDefault && <option value={doc.defaultDisposition}>Unknown disposition “{doc.defaultDisposition}”</option>}
            {doc.dispositions.map((d, i) => (
              <option key={`${d.id}-${i}`} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-600">The result when no rule fires.</p>
          {(defaultError || !knownDefault) && <p className="field-error">{defaultError ?? "This disposition does not exist."}</p>}
        </div>
      </fieldset>
    </section>
  );
}
