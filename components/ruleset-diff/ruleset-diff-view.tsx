/**
 * The comparison of two versions of a rule set, written for the clinicians who
 * review it. Anything that can give people a less urgent result comes first.
 *
 * No hooks and no "use client": it renders in server pages and inside client
 * components (the save-conflict dialog). It imports only types from the diff
 * module, so client bundles do not carry the diff algorithm.
 */
import { Fragment, type ReactNode } from "react";
import type {
  DefaultDispositionChange,
  DispositionChange,
  DispositionEntry,
  FactChange,
  FactEntry,
  GuidanceChange,
  InvariantChange,
  GuidanceEntry,
  MetadataChanges,
  Move,
  RuleChange,
  RuleEntry,
  RuleSetDiff,
  UrgencyReduction,
} from "@/lib/rulesets/diff-schema";
import {
  BeforeAfter,
  Citations,
  Entry,
  EntryList,
  Field,
  GuidanceLinks,
  Section,
  Tags,
  UrgencyBadge,
  WordDiff,
  WordDiffLegend,
  AddedRemoved,
  type EntryStatus,
} from "./parts";

export interface RulesetDiffViewProps {
  diff: RuleSetDiff;
  /** Names the older version, e.g. "v3 (published)". */
  fromLabel?: string;
  /** Names the newer version, e.g. "v4 (draft)". */
  toLabel?: string;
}

export function RulesetDiffView({ diff, fromLabel = "Before", toLabel = "After" }: RulesetDiffViewProps) {
  if (!hasDifferences(diff)) {
    return (
      <p className="card text-slate-700" data-testid="diff-empty">
        No differences.
      </p>
    );
  }
  const labels = { fromLabel, toLabel };
  return (
    <div className="space-y-8" data-testid="ruleset-diff">
      {diff.urgencyReductions.length > 0 ? <UrgencyAlert reductions={diff.urgencyReductions} /> : null}
      {diff.firstVersion ? (
        <p className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700">
          There is no earlier version to compare with: everything in {toLabel} is new.
        </p>
      ) : null}
      <RulesSection diff={diff} {...labels} />
      <FactsSection diff={diff} {...labels} />
      <DispositionsSection diff={diff} {...labels} />
      <GuidanceSection diff={diff} {...labels} />
      <InvariantsSection diff={diff} {...labels} />
      <MetadataSection metadata={diff.metadata} {...labels} />
    </div>
  );
}

type Labels = { fromLabel: string; toLabel: string };

function hasDifferences(diff: RuleSetDiff): boolean {
  const sections = [diff.rules, diff.facts, diff.dispositions, diff.guidance, diff.invariants];
  return (
    diff.defaultDisposition !== null ||
    Object.keys(diff.metadata).length > 0 ||
    sections.some((s) => s.added.length + s.removed.length + s.changed.length > 0)
  );
}

function UrgencyAlert({ reductions }: { reductions: UrgencyReduction[] }) {
  return (
    <section data-testid="diff-urgency-reduction" className="rounded-lg border-2 border-red-700 bg-red-50 p-4 text-red-950 sm:p-5">
      <h2 className="flex items-start gap-2 text-lg font-bold">
        <span aria-hidden="true">⚠</span>
        <span>
          {reductions.length === 1 ? "1 change could give people a less urgent result" : `${reductions.length} changes could give people a less urgent result`}
          {" — "}check {reductions.length === 1 ? "it" : "these"} first
        </span>
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {reductions.map((r, i) => (
          <li key={`${i}:${r.kind}:${r.id}`} className="wrap-break-word" data-kind={r.kind}>
            {r.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

function countsText(section: { added: unknown[]; removed: unknown[]; changed: { changes: object; moved?: unknown }[] }): string {
  const changed = section.changed.filter((c) => Object.keys(c.changes).length > 0).length;
  const moved = section.changed.length - changed;
  const parts = [
    changed > 0 ? `${changed} changed` : null,
    moved > 0 ? `${moved} only moved` : null,
    section.added.length > 0 ? `${section.added.length} added` : null,
    section.removed.length > 0 ? `${section.removed.length} removed` : null,
  ];
  return parts.filter(Boolean).join(", ");
}

function isEmptySection(section: { added: unknown[]; removed: unknown[]; changed: unknown[] }): boolean {
  return section.added.length + section.removed.length + section.changed.length === 0;
}

/** Changed entries first, then added, then removed: the same order in every section. */
function SectionEntries<C extends { id: string }, E extends { id: string }>({
  section,
  changed,
  snapshot,
}: {
  section: { changed: C[]; added: E[]; removed: E[] };
  changed: (entry: C) => ReactNode;
  snapshot: (entry: E, status: "added" | "removed") => ReactNode;
}) {
  return (
    <EntryList>
      {section.changed.map((entry, i) => (
        <Fragment key={`c:${i}:${entry.id}`}>{changed(entry)}</Fragment>
      ))}
      {section.added.map((entry, i) => (
        <Fragment key={`a:${i}:${entry.id}`}>{snapshot(entry, "added")}</Fragment>
      ))}
      {section.removed.map((entry, i) => (
        <Fragment key={`r:${i}:${entry.id}`}>{snapshot(entry, "removed")}</Fragment>
      ))}
    </EntryList>
  );
}

function changeStatus(change: { changes: object }): EntryStatus {
  return Object.keys(change.changes).length > 0 ? "changed" : "moved";
}

function MovedNote({ moved, noun }: { moved: Move; noun: string }) {
  return (
    <Field label="Position">
      Moved from {noun} {moved.fromPosition} to {noun} {moved.toPosition}.
    </Field>
  );
}

// ---------------------------------------------------------------------------
// Rules

function RulesSection({ diff, fromLabel, toLabel }: { diff: RuleSetDiff } & Labels) {
  const { rules } = diff;
  if (isEmptySection(rules)) return null;
  return (
    <Section title="Rules" counts={countsText(rules)} testId="diff-section-rules">
      <SectionEntries
        section={rules}
        changed={(entry) => <ChangedRule rule={entry} fromLabel={fromLabel} toLabel={toLabel} />}
        snapshot={(entry, status) => <RuleSnapshot rule={entry} status={status} />}
      />
    </Section>
  );
}

function RuleSnapshot({ rule, status }: { rule: RuleEntry; status: EntryStatus }) {
  return (
    <Entry testId={`diff-rule-${rule.id}`} status={status} title={rule.title}>
      <Field label="When">{rule.condition}</Field>
      <Field label="Result">{rule.disposition.name}</Field>
      {rule.enabled ? null : <Field label="Switched on">No — this rule is switched off</Field>}
    </Entry>
  );
}

function ChangedRule({ rule, fromLabel, toLabel }: { rule: RuleChange } & Labels) {
  const c = rule.changes;
  const labels = { fromLabel, toLabel };
  return (
    <Entry
      testId={`diff-rule-${rule.id}`}
      status={changeStatus(rule)}
      title={rule.title}
      badges={
        c.disposition && (c.disposition.urgencyReduced || c.disposition.urgencyIncreased) ? (
          <UrgencyBadge lower={c.disposition.urgencyReduced} />
        ) : null
      }
    >
      {c.title ? (
        <Field label="Title">
          <BeforeAfter before={c.title.before} after={c.title.after} {...labels} />
        </Field>
      ) : null}
      {c.condition ? (
        <Field
          label="When"
          note={c.condition.structureChanged ? "The logic changed" : "The rule is unchanged; a question it uses was edited (see Questions)"}
        >
          <BeforeAfter before={c.condition.before} after={c.condition.after} {...labels} />
        </Field>
      ) : null}
      {c.disposition ? (
        <Field
          label="Result"
          note={c.disposition.urgencyReduced ? "Less urgent than before" : c.disposition.urgencyIncreased ? "More urgent than before" : undefined}
        >
          <BeforeAfter before={c.disposition.before.name} after={c.disposition.after.name} {...labels} />
        </Field>
      ) : null}
      {c.enabled ? (
        <Field label="Switched on">
          {c.enabled.after ? "Switched back on" : <strong className="font-semibold text-red-800">Switched off: this rule no longer applies</strong>}
        </Field>
      ) : null}
      {c.guidance ? (
        <Field label="Guidance shown">
          <GuidanceLinks change={c.guidance} />
        </Field>
      ) : null}
      {c.rationale ? (
        <Field label="Rationale">
          <WordDiff segments={c.rationale.segments} />
        </Field>
      ) : null}
      {c.citations ? (
        <Field label="Sources">
          <Citations change={c.citations} />
        </Field>
      ) : null}
      {c.tags ? (
        <Field label="Tags">
          <Tags change={c.tags} />
        </Field>
      ) : null}
      {rule.moved ? <MovedNote moved={rule.moved} noun="position" /> : null}
    </Entry>
  );
}

// ---------------------------------------------------------------------------
// Facts (questions)

function FactsSection({ diff, fromLabel, toLabel }: { diff: RuleSetDiff } & Labels) {
  const { facts } = diff;
  if (isEmptySection(facts)) return null;
  return (
    <Section title="Questions (facts)" counts={countsText(facts)} testId="diff-section-facts">
      <SectionEntries
        section={facts}
        changed={(entry) => <ChangedFact fact={entry} fromLabel={fromLabel} toLabel={toLabel} />}
        snapshot={(entry, status) => <FactSnapshot fact={entry} status={status} />}
      />
    </Section>
  );
}

function FactSnapshot({ fact, status }: { fact: FactEntry; status: EntryStatus }) {
  return (
    <Entry testId={`diff-fact-${fact.id}`} status={status} title={fact.name}>
      {fact.question !== fact.name ? <Field label="Question">{fact.question}</Field> : null}
      <Field label="Answer">
        {fact.type}
        {fact.details ? `. ${fact.details}` : null}
      </Field>
      <Field label="Asked">{fact.askWhen ? `When ${lowerFirst(fact.askWhen)}` : "Always"}</Field>
    </Entry>
  );
}

function ChangedFact({ fact, fromLabel, toLabel }: { fact: FactChange } & Labels) {
  const c = fact.changes;
  const labels = { fromLabel, toLabel };
  const text = (label: string, change: { before: string | null; after: string | null } | undefined) =>
    change ? (
      <Field label={label}>
        <BeforeAfter before={change.before} after={change.after} {...labels} />
      </Field>
    ) : null;
  const num = (label: string, change: { before: number | null; after: number | null } | undefined) =>
    change ? (
      <Field label={label}>
        <BeforeAfter before={change.before === null ? null : String(change.before)} after={change.after === null ? null : String(change.after)} emptyText="no limit" {...labels} />
      </Field>
    ) : null;
  return (
    <Entry testId={`diff-fact-${fact.id}`} status={changeStatus(fact)} title={fact.name}>
      {text("Question", c.question)}
      {text("Short label", c.label)}
      {text("Help text", c.help)}
      {text("Answer type", c.type)}
      {text("Unit", c.unit)}
      {num("Lowest accepted answer", c.min)}
      {num("Highest accepted answer", c.max)}
      {c.options ? (
        <Field label="Options">
          <AddedRemoved
            added={c.options.added.map((o) => `“${o.label}”`)}
            removed={c.options.removed.map((o) => `“${o.label}”`)}
            reordered={c.options.reordered && c.options.added.length === 0 && c.options.removed.length === 0}
          />
          {c.options.relabelled.length > 0 ? (
            <ul className="mt-1 space-y-1">
              {c.options.relabelled.map((o) => (
                <li key={o.id}>
                  Renamed: <del className="bg-red-50 px-1 decoration-red-700">“{o.before}”</del>{" "}
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">to</span> <ins className="bg-green-50 px-1 no-underline">“{o.after}”</ins>
                </li>
              ))}
            </ul>
          ) : null}
          {c.options.reordered && (c.options.added.length > 0 || c.options.removed.length > 0) ? (
            <p className="mt-1 text-slate-700">The remaining options are in a new order.</p>
          ) : null}
        </Field>
      ) : null}
      {c.askWhen ? (
        <Field
          label="Asked when"
          note={c.askWhen.structureChanged ? "The logic changed" : "Unchanged; a question it uses was edited"}
        >
          <BeforeAfter before={c.askWhen.before} after={c.askWhen.after} emptyText="always asked" {...labels} />
        </Field>
      ) : null}
      {fact.moved ? <MovedNote moved={fact.moved} noun="question" /> : null}
    </Entry>
  );
}

// ---------------------------------------------------------------------------
// Dispositions

function DispositionsSection({ diff, fromLabel, toLabel }: { diff: RuleSetDiff } & Labels) {
  const { dispositions, defaultDisposition } = diff;
  if (isEmptySection(dispositions) && !defaultDisposition) return null;
  const counts = [countsText(dispositions), defaultDisposition ? "default changed" : ""].filter(Boolean).join(", ");
  return (
    <Section title="Dispositions (results, most urgent first)" counts={counts} testId="diff-section-dispositions">
      {defaultDisposition ? <DefaultDisposition change={defaultDisposition} fromLabel={fromLabel} toLabel={toLabel} /> : null}
      {isEmptySection(dispositions) ? null : (
        <SectionEntries
          section={dispositions}
          changed={(entry) => <ChangedDisposition disposition={entry} fromLabel={fromLabel} toLabel={toLabel} />}
          snapshot={(entry, status) => <DispositionSnapshot disposition={entry} status={status} />}
        />
      )}
    </Section>
  );
}

function DefaultDisposition({ change, fromLabel, toLabel }: { change: DefaultDispositionChange } & Labels) {
  return (
    <div data-testid="diff-default-disposition" className="rounded-md border border-l-4 border-slate-200 border-l-amber-500 bg-white p-3 sm:p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium text-slate-900">When no rule applies</h3>
        {change.urgencyReduced || change.urgencyIncreased ? <UrgencyBadge lower={change.urgencyReduced} /> : null}
      </div>
      <div className="mt-2 text-sm">
        <BeforeAfter
          before={change.before?.name ?? null}
          after={change.after?.name ?? null}
          emptyText="no default: the app shows its own safe advice"
          fromLabel={fromLabel}
          toLabel={toLabel}
        />
      </div>
    </div>
  );
}

function DispositionSnapshot({ disposition, status }: { disposition: DispositionEntry; status: EntryStatus }) {
  return (
    <Entry testId={`diff-disposition-${disposition.id}`} status={status} title={disposition.label}>
      <Field label="What to do">{disposition.action}</Field>
      <Field label="Urgency rank">{disposition.position} (1 is the most urgent)</Field>
    </Entry>
  );
}

function ChangedDisposition({ disposition, fromLabel, toLabel }: { disposition: DispositionChange } & Labels) {
  const c = disposition.changes;
  const moved = disposition.moved;
  const labels = { fromLabel, toLabel };
  const names = (refs: { name: string }[]) => refs.map((r) => `“${r.name}”`).join(", ");
  return (
    <Entry
      testId={`diff-disposition-${disposition.id}`}
      status={changeStatus(disposition)}
      title={disposition.label}
      badges={moved?.urgencyReduced ? <UrgencyBadge lower /> : moved && moved.nowMoreUrgentThan.length > 0 ? <UrgencyBadge lower={false} /> : null}
    >
      {c.label ? (
        <Field label="Name">
          <BeforeAfter before={c.label.before} after={c.label.after} {...labels} />
        </Field>
      ) : null}
      {c.action ? (
        <Field label="What to do">
          <BeforeAfter before={c.action.before} after={c.action.after} {...labels} />
        </Field>
      ) : null}
      {c.guidance ? (
        <Field label="Guidance shown">
          <GuidanceLinks change={c.guidance} />
        </Field>
      ) : null}
      {moved ? (
        <Field label="Urgency rank">
          <p>
            Moved from rank {moved.fromPosition} to rank {moved.toPosition} (1 is the most urgent).
          </p>
          {moved.nowLessUrgentThan.length > 0 ? (
            <p className="mt-1 font-semibold text-red-800">Now less urgent than {names(moved.nowLessUrgentThan)}.</p>
          ) : null}
          {moved.nowMoreUrgentThan.length > 0 ? <p className="mt-1">Now more urgent than {names(moved.nowMoreUrgentThan)}.</p> : null}
        </Field>
      ) : null}
    </Entry>
  );
}

// ---------------------------------------------------------------------------
// Guidance

function GuidanceSection({ diff, fromLabel, toLabel }: { diff: RuleSetDiff } & Labels) {
  const { guidance } = diff;
  if (isEmptySection(guidance)) return null;
  const hasWordDiff = guidance.changed.some((g) => g.changes.body);
  return (
    <Section title="Guidance" counts={countsText(guidance)} testId="diff-section-guidance">
      {hasWordDiff ? <WordDiffLegend /> : null}
      <SectionEntries
        section={guidance}
        changed={(entry) => <ChangedGuidance guidance={entry} fromLabel={fromLabel} toLabel={toLabel} />}
        snapshot={(entry, status) => <GuidanceSnapshot guidance={entry} status={status} />}
      />
    </Section>
  );
}

function GuidanceSnapshot({ guidance, status }: { guidance: GuidanceEntry; status: EntryStatus }) {
  return (
    <Entry testId={`diff-guidance-${guidance.id}`} status={status} title={guidance.title}>
      {guidance.locale ? <Field label="Language">{guidance.locale}</Field> : null}
      <Field label="Text">
        <p className="rounded-md border border-slate-200 bg-slate-50 p-3 leading-relaxed whitespace-pre-wrap wrap-break-word">
          {guidance.body === "" ? <span className="text-slate-500 italic">empty</span> : guidance.body}
        </p>
      </Field>
    </Entry>
  );
}

function ChangedGuidance({ guidance, fromLabel, toLabel }: { guidance: GuidanceChange } & Labels) {
  const c = guidance.changes;
  const labels = { fromLabel, toLabel };
  return (
    <Entry testId={`diff-guidance-${guidance.id}`} status={changeStatus(guidance)} title={guidance.title}>
      {c.title ? (
        <Field label="Title">
          <BeforeAfter before={c.title.before} after={c.title.after} {...labels} />
        </Field>
      ) : null}
      {c.locale ? (
        <Field label="Language">
          <BeforeAfter before={c.locale.before} after={c.locale.after} {...labels} />
        </Field>
      ) : null}
      {c.body ? (
        <Field label="Text">
          <WordDiff segments={c.body.segments} />
        </Field>
      ) : null}
      {c.citations ? (
        <Field label="Sources">
          <Citations change={c.citations} />
        </Field>
      ) : null}
      {guidance.moved ? (
        <Field label="Position">Moved within the document; people see no difference.</Field>
      ) : null}
    </Entry>
  );
}

// ---------------------------------------------------------------------------
// Invariants

function InvariantsSection({ diff, fromLabel, toLabel }: { diff: RuleSetDiff } & Labels) {
  const { invariants } = diff;
  if (isEmptySection(invariants)) return null;
  return (
    <Section title="Safety invariants" counts={countsText(invariants)} testId="diff-section-invariants">
      <SectionEntries
        section={invariants}
        changed={(entry) => <ChangedInvariant invariant={entry} fromLabel={fromLabel} toLabel={toLabel} />}
        snapshot={(entry, status) => (
          <Entry testId={`diff-invariant-${entry.id}`} status={status} title={entry.id}>
            <Field label="Statement">{entry.statement}</Field>
          </Entry>
        )}
      />
    </Section>
  );
}

function ChangedInvariant({ invariant, fromLabel, toLabel }: { invariant: InvariantChange } & Labels) {
  const c = invariant.changes;
  const labels = { fromLabel, toLabel };
  return (
    <Entry testId={`diff-invariant-${invariant.id}`} status={changeStatus(invariant)} title={invariant.id}>
      {c.statement ? (
        <Field label="Statement">
          <BeforeAfter before={c.statement.before} after={c.statement.after} {...labels} />
        </Field>
      ) : null}
      {c.disposition ? (
        <Field label="Disposition">
          <BeforeAfter before={c.disposition.before.name} after={c.disposition.after.name} {...labels} />
          {c.disposition.urgencyReduced ? <p className="mt-1 font-semibold text-red-800">It now asks for less urgency.</p> : null}
        </Field>
      ) : null}
      {c.rationale ? (
        <Field label="Why it must hold">
          <WordDiff segments={c.rationale.segments} />
        </Field>
      ) : null}
      {c.citations ? (
        <Field label="Sources">
          <Citations change={c.citations} />
        </Field>
      ) : null}
      {invariant.moved ? <Field label="Position">Moved within the list.</Field> : null}
    </Entry>
  );
}

// ---------------------------------------------------------------------------
// Metadata

const METADATA_LABELS: Record<keyof MetadataChanges, string> = {
  title: "Title",
  description: "Description (for authors)",
  summary: "Summary (shown to patients)",
  audience: "Written for",
  slug: "Web address name",
  locales: "Languages",
};

function MetadataSection({ metadata, fromLabel, toLabel }: { metadata: MetadataChanges } & Labels) {
  const fields = (Object.keys(METADATA_LABELS) as (keyof MetadataChanges)[]).filter((f) => metadata[f] !== undefined);
  if (fields.length === 0) return null;
  return (
    <Section title="Details" counts={`${fields.length} changed`} testId="diff-section-metadata">
      <dl className="card space-y-3 text-sm">
        {fields.map((field) => {
          if (field === "locales") {
            const locales = metadata.locales!;
            return (
              <Field key={field} label={METADATA_LABELS[field]}>
                <Tags change={locales} />
              </Field>
            );
          }
          const change = metadata[field]!;
          return (
            <Field key={field} label={METADATA_LABELS[field]}>
              <BeforeAfter before={change.before} after={change.after} fromLabel={fromLabel} toLabel={toLabel} />
            </Field>
          );
        })}
      </dl>
    </Section>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
