"use client";

import { useCallback, useId, useMemo } from "react";
import { factLookup } from "@/lib/engine/describe";
import { invariantStatement, isRedFlagRule, redFlagInvariantId } from "@/lib/engine/invariants";
import type { InvariantKind, RuleSet } from "@/lib/engine/schema";
import type { InvariantVerdict } from "@/lib/verify/schemas";
import { CitationsEditor } from "./citations-editor";
import { ConditionBuilder } from "./condition-builder";
import { useFieldError, useReadOnly } from "./editor-context";
import type { DocInvariant } from "./editor-reducer";
import { EditorHeading, IdField, ItemToolbar, TextField } from "./fields";
import { ItemList, type ListItemView } from "./item-list";
import { ItemIssues } from "./lint-panel";
import type { TabEditorProps } from "./tab-props";
import { VerdictChip } from "./verification-panel";
import { verdictKind } from "./verification-utils";

/** The solver's latest verdicts by invariant id (explicit ids and `red-flag:<ruleId>`), and whether they are out of date. */
export interface VerdictIndex {
  byId: ReadonlyMap<string, InvariantVerdict>;
  stale: boolean;
}

interface InvariantsEditorProps extends TabEditorProps {
  verdicts: VerdictIndex | null;
  /** Opens a spot of the document, e.g. the rule a red-flag invariant comes from. */
  onOpenPath: (path: string) => void;
}

export const KIND_CHOICES: readonly { kind: InvariantKind; label: string; hint: string }[] = [
  {
    kind: "atLeast",
    label: "Whenever … the disposition is at least …",
    hint: "A floor: whenever the condition is true, nobody gets a less urgent result than the disposition below.",
  },
  {
    kind: "onlyWhen",
    label: "The disposition is … or less urgent only when …",
    hint: "A gate: a result this un-urgent (or less) is only given when the condition is true.",
  },
];

const KIND_SHORT: Readonly<Record<InvariantKind, string>> = { atLeast: "At least", onlyWhen: "Only when" };

type StatementDoc = Pick<RuleSet, "facts" | "dispositions">;

/**
 * The safety invariants the authors write, and the ones every red-flag rule
 * adds by itself (read only here: they change with their rule).
 */
export function InvariantsEditor({ doc, selected, dispatch, lint, onJump, verdicts, onOpenPath }: InvariantsEditorProps) {
  const invariants = useMemo(() => doc.invariants ?? [], [doc.invariants]);
  const { facts, dispositions } = doc;
  const statementDoc = useMemo(() => ({ facts, dispositions }) as unknown as StatementDoc, [facts, dispositions]);
  const lookup = useMemo(() => factLookup({ facts }), [facts]);
  const items = useMemo<ListItemView[]>(
    () =>
      invariants.map((inv, i) => {
        const verdict = verdicts?.byId.get(inv.id);
        return {
          key: inv.id,
          title: invariantStatement(inv, statementDoc, lookup),
          subtitle: inv.id,
          chips: [KIND_SHORT[inv.kind] ?? inv.kind, verdict ? verdictText(verdict, verdicts!.stale) : ""].filter(Boolean).join("\u001f"),
          errors: lint.byItem.invariants.get(i)?.errors ?? 0,
          warnings: lint.byItem.invariants.get(i)?.warnings ?? 0,
        };
      }),
    [invariants, statementDoc, lookup, lint, verdicts],
  );
  const onSelect = useCallback((index: number) => dispatch({ type: "select", collection: "invariants", index }), [dispatch]);
  const invariant = invariants[selected];
  const redFlags = doc.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => isRedFlagRule({ tags: rule.tags ?? [] }));

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Invariants are safety statements the solver proves for <strong>every</strong> possible set of answers (any question answered or not) before the
        draft can be submitted. Conditions are written as in rules; an invariant holds only when its condition is definitely true.
      </p>
      <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <ItemList
          label="Invariants"
          items={items}
          selected={selected}
          onSelect={onSelect}
          addLabel="Add invariant"
          onAdd={() => dispatch({ type: "invariant/add" })}
          showNumbers
          emptyText="No invariants written yet. Red-flag rules add their own (listed below)."
        />
        {invariant ? (
          <InvariantForm
            key={selected}
            doc={doc}
            statementDoc={statementDoc}
            invariant={invariant}
            index={selected}
            dispatch={dispatch}
            issues={lint.issuesByItem.invariants.get(selected)}
            onJump={onJump}
            verdict={verdicts?.byId.get(invariant.id)}
            stale={verdicts?.stale ?? false}
          />
        ) : (
          <p className="card text-sm text-slate-600">Select or add an invariant.</p>
        )}
      </div>
      <section className="card space-y-3" aria-labelledby="derived-invariants-heading" data-testid="derived-invariants">
        <h2 id="derived-invariants-heading" className="font-semibold">
          From red-flag rules <span className="text-sm font-normal text-slate-600">({redFlags.length}, read only)</span>
        </h2>
        <p className="text-sm text-slate-700">
          Every rule tagged <span className="rounded bg-red-100 px-1.5 font-semibold text-red-800">red-flag</span> adds “whenever its condition is true, the
          disposition is at least its own”. Edit the rule to change it; disabling the rule breaks it.
        </p>
        {redFlags.length === 0 ? (
          <p className="text-sm text-slate-600">No red-flag rules.</p>
        ) : (
          <ul className="space-y-2">
            {redFlags.map(({ rule, index }) => {
              const id = redFlagInvariantId(rule.id);
              const verdict = verdicts?.byId.get(id);
              return (
                <li key={`${rule.id}-${index}`} className="rounded-md border border-slate-200 p-3" data-testid="derived-invariant" data-rule-id={rule.id}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <p className="min-w-0 text-sm text-slate-900">
                      {invariantStatement({ kind: "atLeast", when: rule.when, disposition: rule.disposition }, statementDoc, lookup)}
                      {rule.enabled === false && <span className="ml-2 text-xs font-semibold text-red-800">(the rule is disabled)</span>}
                    </p>
                    {verdict && <VerdictChip kind={verdictKind(verdict)} stale={verdicts!.stale} />}
                  </div>
                  <button type="button" className="mt-1 text-sm text-brand-700 underline" onClick={() => onOpenPath(`$.rules[${index}]`)}>
                    Open the rule “{rule.title || rule.id}”
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

function verdictText(verdict: InvariantVerdict, stale: boolean): string {
  const kind = verdictKind(verdict);
  const text = kind === "proven" ? "✓ Proven" : kind === "violated" ? "✗ Violated" : kind === "timeout" ? "Not decided in time" : "Cannot be checked";
  return stale ? `${text} (out of date)` : text;
}

interface InvariantFormProps {
  doc: TabEditorProps["doc"];
  statementDoc: StatementDoc;
  invariant: DocInvariant;
  index: number;
  dispatch: TabEditorProps["dispatch"];
  issues: Parameters<typeof ItemIssues>[0]["issues"];
  onJump: TabEditorProps["onJump"];
  verdict: InvariantVerdict | undefined;
  stale: boolean;
}

function InvariantForm({ doc, statementDoc, invariant, index, dispatch, issues, onJump, verdict, stale }: InvariantFormProps) {
  const readOnly = useReadOnly();
  const path = `$.invariants[${index}]`;
  const baseId = useId();
  const dispositionId = `${baseId}-disposition`;
  const dispositionError = useFieldError(`${path}.disposition`);
  const kindError = useFieldError(`${path}.kind`);
  const invariants = doc.invariants;
  const otherIds = useMemo(() => (invariants ?? []).filter((_, i) => i !== index).map((inv) => inv.id), [invariants, index]);
  const knownDisposition = doc.dispositions.some((d) => d.id === invariant.disposition);
  const statement = invariantStatement(invariant, statementDoc);

  const remove = () => {
    if (window.confirm(`Delete the invariant “${invariant.id}”? Nothing is stored until you save.`)) {
      dispatch({ type: "item/remove", collection: "invariants", index });
    }
  };

  return (
    <section className="card @container space-y-4" aria-label="Invariant editor" data-testid="invariant-form">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <EditorHeading path={path}>
          Invariant {index + 1}: <span className="font-mono">{invariant.id || "unnamed"}</span>
        </EditorHeading>
        <ItemToolbar index={index} count={invariants?.length ?? 0} onMove={(to) => dispatch({ type: "item/move", collection: "invariants", index, to })} onDelete={remove} />
      </div>
      <ItemIssues issues={issues} onJump={onJump} />
      <div className="rounded-md border border-brand-200 bg-brand-50 px-3 py-2 text-sm text-brand-900" aria-live="polite">
        <span className="font-medium">Reads as:</span> <span data-testid="invariant-statement">{statement}</span>
        {verdict && (
          <span className="ml-2 align-middle">
            <VerdictChip kind={verdictKind(verdict)} stale={stale} />
          </span>
        )}
      </div>
      <fieldset disabled={readOnly} className="min-w-0 space-y-4">
        <legend className="sr-only">Invariant fields</legend>
        <IdField
          label="Invariant id"
          value={invariant.id}
          onChange={(value) => dispatch({ type: "invariant/set", index, field: "id", value })}
          otherIds={otherIds}
          path={`${path}.id`}
          hint="Names the invariant in verification reports and in the publication gate."
        />
        <fieldset className="rounded-md border border-slate-200 p-3" data-path={`${path}.kind`} tabIndex={-1} aria-describedby={kindError ? `${baseId}-kind-error` : undefined}>
          <legend className="px-1 text-sm font-medium text-slate-800">Kind</legend>
          <div className="space-y-2">
            {KIND_CHOICES.map((choice) => (
              <label key={choice.kind} className="flex items-start gap-2 text-sm">
                <input
                  type="radio"
                  name={`${baseId}-kind`}
                  value={choice.kind}
                  className="mt-0.5 size-4 accent-brand-600"
                  checked={invariant.kind === choice.kind}
                  onChange={() => dispatch({ type: "invariant/setKind", index, kind: choice.kind })}
                  aria-describedby={`${baseId}-kind-${choice.kind}`}
                />
                <span>
                  <span className="font-medium text-slate-900">{choice.label}</span>
                  <span id={`${baseId}-kind-${choice.kind}`} className="block text-xs text-slate-600">
                    {choice.hint}
                  </span>
                </span>
              </label>
            ))}
          </div>
          {kindError && (
            <p id={`${baseId}-kind-error`} className="field-error">
              {kindError}
            </p>
          )}
        </fieldset>
        <ConditionBuilder
          value={invariant.when}
          onChange={(when) => dispatch({ type: "invariant/setWhen", index, when })}
          facts={doc.facts}
          path={`${path}.when`}
          legend="Invariant condition"
          sentenceLead="The condition is true when:"
        />
        <div>
          <label htmlFor={dispositionId} className="field-label">
            Disposition
          </label>
          <select
            id={dispositionId}
            className="field-input"
            value={invariant.disposition}
            data-path={`${path}.disposition`}
            aria-invalid={!knownDisposition || dispositionError ? true : undefined}
            aria-describedby={`${dispositionId}-hint`}
            onChange={(e) => dispatch({ type: "invariant/set", index, field: "disposition", value: e.target.value })}
          >
            {!knownDisposition && <option value={invariant.disposition}>Unknown disposition “{invariant.disposition}”</option>}
            {doc.dispositions.map((d, i) => (
              <option key={`${d.id}-${i}`} value={d.id}>
                {i + 1}. {d.label}
              </option>
            ))}
          </select>
          <p id={`${dispositionId}-hint`} className="mt-1 text-xs text-slate-600">
            {invariant.kind === "atLeast" ? "The least urgent result allowed while the condition is true." : "This result and anything less urgent need the condition to be true."}{" "}
            Dispositions are listed from most to least urgent.
          </p>
          {(dispositionError || !knownDisposition) && <p className="field-error">{dispositionError ?? "Choose a disposition that exists."}</p>}
        </div>
        <TextField
          label="Rationale"
          value={invariant.rationale ?? ""}
          onChange={(value) => dispatch({ type: "invariant/set", index, field: "rationale", value })}
          path={`${path}.rationale`}
          multiline
          rows={3}
          hint="Why this must always hold, for reviewers."
        />
        <CitationsEditor
          citations={invariant.citations ?? []}
          onChange={(citations) => dispatch({ type: "invariant/setCitations", index, citations })}
          path={`${path}.citations`}
        />
      </fieldset>
    </section>
  );
}
