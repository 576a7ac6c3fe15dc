"use client";

import { useId, useState, type ReactNode } from "react";
import { IdSchema } from "@/lib/engine/schema";
import { useFieldError, useReadOnly } from "./editor-context";
import type { ItemLint } from "./lint-utils";

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
}

function FieldShell({ id, label, hint, error, children, className }: FieldShellProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** JSONPath of the value: shows shape errors for it and lets lint links focus it. */
  path?: string;
  hint?: ReactNode;
  /** A problem found by the field itself (e.g. a duplicate id), shown before shape errors. */
  error?: string;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  className?: string;
  inputClassName?: string;
  list?: string;
  monospace?: boolean;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const shapeError = useFieldError(props.path);
  const error = props.error ?? shapeError;
  const common = {
    id,
    value: props.value,
    placeholder: props.placeholder,
    "data-path": props.path,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, props.hint, error),
    className: `field-input ${props.monospace ? "font-mono" : ""} ${props.inputClassName ?? ""}`,
  } as const;
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} className={props.className}>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" list={props.list} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </FieldShell>
  );
}

/** Live check of an id as typed: format first, then uniqueness among its siblings. */
export function idProblem(value: string, otherIds: readonly string[]): string | undefined {
  const parsed = IdSchema.safeParse(value);
  if (!parsed.success) {
    return value === "" ? "An id is required." : "Use snake_case: lower-case letters, digits and single underscores, starting with a letter.";
  }
  if (otherIds.includes(value)) return "Another item already uses this id.";
  return undefined;
}

interface IdFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  otherIds: readonly string[];
  path: string;
  hint?: ReactNode;
  className?: string;
}

export function IdField({ otherIds, ...props }: IdFieldProps) {
  return (
    <TextField
      {...props}
      monospace
      error={idProblem(props.value, otherIds)}
      hint={props.hint ?? "Used by apps and other rules to refer to this. Renaming updates references in this rule set."}
    />
  );
}

function sameNumber(a: number | undefined, b: number | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && Object.is(a, b));
}

function parseNumber(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

interface NumberFieldProps {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  /** Optional numbers may be cleared; required ones keep their last valid value. */
  optional?: boolean;
  path?: string;
  hint?: ReactNode;
  className?: string;
  hideLabel?: boolean;
}

/**
 * A number input that keeps what is being typed ("-", "1.") while only ever
 * storing valid numbers in the document, so the JSON never contains NaN.
 */
export function NumberField(props: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shapeError = useFieldError(props.path);
  const parsedDraft = draft === null ? null : parseNumber(draft);
  // Show the draft while it is unfinished or agrees with the stored value; any
  // other change to the stored value (undo, loading another version) wins.
  const showDraft = draft !== null && (parsedDraft === null || (parsedDraft === undefined && !props.optional) || sameNumber(parsedDraft, props.value));
  const text = showDraft ? draft : props.value === undefined ? "" : String(props.value);
  const localError =
    showDraft && (parsedDraft === null || (parsedDraft === undefined && !props.optional)) ? "Enter a number." : undefined;
  const error = localError ?? shapeError;

  const input = (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      value={text}
      data-path={props.path}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, props.hint, error)}
      aria-label={props.hideLabel ? props.label : undefined}
      className="field-input"
      onChange={(e) => {
        setDraft(e.target.value);
        const parsed = parseNumber(e.target.value);
        if (parsed === null) return;
        if (parsed === undefined && !props.optional) return;
        props.onChange(parsed);
      }}
    />
  );
  if (props.hideLabel) {
    return (
      <div className={props.className}>
        {input}
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={error} className={props.className}>
      {input}
    </FieldShell>
  );
}

function parseList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

interface ListFieldProps {
  label: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
  path?: string;
  hint?: ReactNode;
  placeholder?: string;
  className?: string;
}

/** A comma-separated list (tags, locales) that keeps trailing commas and spaces while typing. */
export function ListField(props: ListFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shapeError = useFieldError(props.path);
  const showDraft = draft !== null && parseList(draft).join("\u0000") === props.value.join("\u0000");
  const text = showDraft ? draft : props.value.join(", ");
  return (
    <FieldShell id={id} label={props.label} hint={props.hint} error={shapeError} className={props.className}>
      <input
        id={id}
        type="text"
        value={text}
        placeholder={props.placeholder}
        data-path={props.path}
        aria-describedby={describedBy(id, props.hint, shapeError)}
        className="field-input"
        onChange={(e) => {
          setDraft(e.target.value);
          props.onChange(parseList(e.target.value));
        }}
      />
    </FieldShell>
  );
}

interface GuidancePickerProps {
  legend: string;
  guidance: readonly { id: string; title: string }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  path: string;
}

/** Attach guidance blocks by title; order of attachment is kept (it is the order shown). */
export function GuidancePicker({ legend, guidance, value, onChange, path }: GuidancePickerProps) {
  const missing = value.filter((id) => !guidance.some((g) => g.id === id));
  return (
    <fieldset data-path={path} tabIndex={-1} className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">{legend}</legend>
      {guidance.length === 0 ? (
        <p className="text-sm text-slate-600">No guidance blocks yet. Add them on the Guidance tab.</p>
      ) : (
        <ul className="max-h-56 space-y-1 overflow-y-auto">
          {guidance.map((g) => (
            <li key={g.id}>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-brand-600"
                  checked={value.includes(g.id)}
                  onChange={(e) => onChange(e.target.checked ? [...value, g.id] : value.filter((id) => id !== g.id))}
                />
                <span>
                  {g.title} <span className="font-mono text-xs text-slate-500">{g.id}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {missing.map((id) => (
        <p key={id} className="field-error">
          Attached guidance “{id}” does not exist.{" "}
          <button type="button" className="underline" onClick={() => onChange(value.filter((v) => v !== id))}>
            Remove “{id}”
          </button>
        </p>
      ))}
    </fieldset>
  );
}

export function LintBadge({ lint }: { lint: ItemLint | undefined }) {
  if (!lint || (lint.errors === 0 && lint.warnings === 0)) {
    return (
      <span className="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-200">
        OK
      </span>
    );
  }
  return (
    <span className="inline-flex gap-1">
      {lint.errors > 0 && (
        <span className="inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-red-200">
          {lint.errors} {lint.errors === 1 ? "error" : "errors"}
        </span>
      )}
      {lint.warnings > 0 && (
        <span className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-200">
          {lint.warnings} {lint.warnings === 1 ? "warning" : "warnings"}
        </span>
      )}
    </span>
  );
}

interface ItemToolbarProps {
  index: number;
  count: number;
  onMove: (to: number) => void;
  onDelete: () => void;
  children?: ReactNode;
}

/** Move up / Move down / Delete for the selected item; hidden in read-only mode. */
export function ItemToolbar({ index, count, onMove, onDelete, children }: ItemToolbarProps) {
  const readOnly = useReadOnly();
  if (readOnly) return null;
  return (
    <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Item actions">
      <button type="button" className="btn-secondary" disabled={index === 0} onClick={() => onMove(index - 1)}>
        Move up
      </button>
      <button type="button" className="btn-secondary" disabled={index >= count - 1} onClick={() => onMove(index + 1)}>
        Move down
      </button>
      {children}
      <button type="button" className="btn-danger" onClick={onDelete}>
        Delete
      </button>
    </div>
  );
}

/** The heading of the selected item's editor; lint links focus it when no closer field matches. */
export function EditorHeading({ path, children }: { path: string; children: ReactNode }) {
  return (
    <h2 tabIndex={-1} data-path={path} className="text-lg font-semibold text-slate-900 focus:outline-none focus-visible:outline-2">
      {children}
    </h2>
  );
}
