/**
 * Building blocks of the version comparison. No hooks and no client-only code,
 * so they render in server components and inside client components alike.
 *
 * Every difference is carried by words and by <ins>/<del> semantics as well as
 * by colour, so the view reads the same in greyscale, printed, or spoken.
 */
import type { ReactNode } from "react";
import type { CitationsChange, GuidanceLinksChange, NamedRef, TagsChange, WordSegment } from "@/lib/rulesets/diff-schema";

export type EntryStatus = "added" | "removed" | "changed" | "moved";

const STATUS_STYLES: Record<EntryStatus, { text: string; badge: string; border: string }> = {
  added: { text: "Added", badge: "bg-green-100 text-green-900 ring-green-700/30", border: "border-l-green-600" },
  removed: { text: "Removed", badge: "bg-red-100 text-red-900 ring-red-700/30", border: "border-l-red-600" },
  changed: { text: "Changed", badge: "bg-amber-100 text-amber-900 ring-amber-700/30", border: "border-l-amber-500" },
  moved: { text: "Moved", badge: "bg-slate-100 text-slate-800 ring-slate-500/30", border: "border-l-slate-400" },
};

export function StatusBadge({ status }: { status: EntryStatus }) {
  const style = STATUS_STYLES[status];
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${style.badge}`}>
      {style.text}
    </span>
  );
}

export function UrgencyBadge({ lower }: { lower: boolean }) {
  return lower ? (
    <span className="inline-flex items-center rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">
      <span aria-hidden="true">▼&nbsp;</span>Lower urgency
    </span>
  ) : (
    <span className="inline-flex items-center rounded bg-sky-100 px-1.5 py-0.5 text-xs font-semibold text-sky-900 ring-1 ring-inset ring-sky-700/30">
      <span aria-hidden="true">▲&nbsp;</span>Higher urgency
    </span>
  );
}

/** One entry (a rule, a question…) in a section list. */
export function Entry({
  testId,
  status,
  title,
  badges,
  children,
}: {
  testId: string;
  status: EntryStatus;
  title: ReactNode;
  badges?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li
      data-testid={testId}
      data-status={status}
      className={`rounded-md border border-l-4 border-slate-200 bg-white p-3 sm:p-4 ${STATUS_STYLES[status].border}`}
    >
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={status} />
        <h3 className="min-w-0 font-medium text-slate-900 wrap-break-word">{title}</h3>
        {badges}
      </div>
      {children ? <dl className="mt-3 space-y-3 text-sm">{children}</dl> : null}
    </li>
  );
}

/** A labelled row inside an entry. */
export function Field({ label, note, children }: { label: string; note?: ReactNode; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-700">
        {label}
        {note ? <span className="ml-2 text-xs font-normal text-slate-600">{note}</span> : null}
      </dt>
      <dd className="mt-1 text-slate-900 wrap-break-word">{children}</dd>
    </div>
  );
}

const NOT_SET = <span className="text-slate-500 italic">not set</span>;

/**
 * Old and new value side by side on wide screens, stacked on phones. The whole
 * value is replaced, so it is not struck through: the labels say which is which.
 */
export function BeforeAfter({
  before,
  after,
  fromLabel,
  toLabel,
  emptyText,
}: {
  before: ReactNode | null;
  after: ReactNode | null;
  fromLabel: string;
  toLabel: string;
  /** Shown instead of "not set", e.g. "always asked". */
  emptyText?: string;
}) {
  const empty = emptyText ? <span className="text-slate-500 italic">{emptyText}</span> : NOT_SET;
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <div className="min-w-0">
        <div className="text-xs font-medium text-slate-600">{fromLabel}</div>
        {before === null ? (
          <div className="mt-0.5 px-2 py-1">{empty}</div>
        ) : (
          <del className="mt-0.5 block rounded bg-red-50 px-2 py-1 text-slate-900 no-underline ring-1 ring-red-200 ring-inset wrap-break-word">
            {before}
          </del>
        )}
      </div>
      <div className="min-w-0">
        <div className="text-xs font-medium text-slate-600">{toLabel}</div>
        {after === null ? (
          <div className="mt-0.5 px-2 py-1">{empty}</div>
        ) : (
          <ins className="mt-0.5 block rounded bg-green-50 px-2 py-1 text-slate-900 no-underline ring-1 ring-green-200 ring-inset wrap-break-word">
            {after}
          </ins>
        )}
      </div>
    </div>
  );
}

/** Inline word-level changes: struck through on red for removed, underlined on green for added. */
export function WordDiff({ segments }: { segments: WordSegment[] }) {
  return (
    <p className="rounded-md border border-slate-200 bg-slate-50 p-3 leading-relaxed whitespace-pre-wrap wrap-break-word">
      {segments.map((segment, i) => {
        if (segment.kind === "added") {
          return (
            <ins key={i} className="rounded-sm bg-green-100 text-green-950 underline decoration-green-700 decoration-2 underline-offset-2">
              <span className="sr-only">[added: </span>
              {segment.text}
              <span className="sr-only">]</span>
            </ins>
          );
        }
        if (segment.kind === "removed") {
          return (
            <del key={i} className="rounded-sm bg-red-100 text-red-950 line-through decoration-red-700 decoration-2">
              <span className="sr-only">[removed: </span>
              {segment.text}
              <span className="sr-only">]</span>
            </del>
          );
        }
        return <span key={i}>{segment.text}</span>;
      })}
    </p>
  );
}

export function WordDiffLegend() {
  return (
    <p className="text-xs text-slate-600">
      In texts below,{" "}
      <ins className="bg-green-100 text-green-950 underline decoration-green-700 decoration-2 underline-offset-2">added words</ins> are
      underlined and <del className="bg-red-100 text-red-950 line-through decoration-red-700 decoration-2">removed words</del> are struck
      through.
    </p>
  );
}

/** Items added to and removed from a list, e.g. linked guidance or tags. */
export function AddedRemoved({
  added,
  removed,
  reordered,
}: {
  added: ReactNode[];
  removed: ReactNode[];
  reordered?: boolean;
}) {
  return (
    <ul className="space-y-1">
      {added.map((item, i) => (
        <li key={`a${i}`} className="flex flex-wrap items-baseline gap-2">
          <span className="text-xs font-semibold text-green-800">Added:</span>
          <ins className="rounded-sm bg-green-50 px-1 no-underline">{item}</ins>
        </li>
      ))}
      {removed.map((item, i) => (
        <li key={`r${i}`} className="flex flex-wrap items-baseline gap-2">
          <span className="text-xs font-semibold text-red-800">Removed:</span>
          <del className="rounded-sm bg-red-50 px-1 decoration-red-700">{item}</del>
        </li>
      ))}
      {reordered ? <li className="text-slate-700">Same items, new order.</li> : null}
    </ul>
  );
}

export function GuidanceLinks({ change }: { change: GuidanceLinksChange }) {
  const name = (ref: NamedRef) => `“${ref.name}”`;
  return <AddedRemoved added={change.added.map(name)} removed={change.removed.map(name)} reordered={change.reordered} />;
}

export function Tags({ change }: { change: TagsChange }) {
  return <AddedRemoved added={change.added} removed={change.removed} reordered={change.reordered} />;
}

export function Citations({ change }: { change: CitationsChange }) {
  const quote = (c: { source: string; statement: string }) => (
    <>
      “{c.statement}” <span className="text-slate-600">({c.source})</span>
    </>
  );
  return <AddedRemoved added={change.added.map(quote)} removed={change.removed.map(quote)} reordered={change.reordered} />;
}

/** A section of the comparison: a heading with counts and a list of entries. */
export function Section({
  title,
  counts,
  testId,
  children,
}: {
  title: string;
  counts: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="space-y-3" data-testid={testId}>
      <h2 className="text-lg font-semibold text-slate-900">
        {title} <span className="text-sm font-normal text-slate-600">({counts})</span>
      </h2>
      {children}
    </section>
  );
}

export function EntryList({ children }: { children: ReactNode }) {
  return <ul className="space-y-3">{children}</ul>;
}
