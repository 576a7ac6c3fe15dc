import { formatWhen } from "./format";

export interface RevisionEntry {
  revision: number;
  savedBy: string;
  savedAt: Date;
  summary: string;
}

/** Who saved what and when, newest first: the "what" is the plain-language diff summary. */
export function RevisionHistory({ title, entries, testId }: { title: string; entries: RevisionEntry[]; testId?: string }) {
  return (
    <section className="card">
      <h2 className="mb-3 font-semibold">{title}</h2>
      <ol className="space-y-2 text-sm" data-testid={testId}>
        {entries.map((entry) => (
          <li key={entry.revision} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 pb-2">
            <span>
              <span className="font-medium">Revision {entry.revision}</span> · {entry.summary || "saved"}
            </span>
            <span className="text-slate-600">
              {entry.savedBy}, {formatWhen(entry.savedAt)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
