import type { Metadata } from "next";
import Link from "next/link";
import { formatWhen } from "@/components/format";
import { describeAuditAction } from "@/lib/audit/describe";
import { distinctAuditActions, queryAudit } from "@/lib/audit/query";
import { requirePageIdentity } from "@/lib/auth/next";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePageIdentity("readAudit");
  const params = await searchParams;
  const filter = { ruleSet: params.ruleSet, user: params.user, action: params.action, from: params.from, to: params.to, before: params.before };
  let error: string | null = null;
  let result: Awaited<ReturnType<typeof queryAudit>> = { rows: [], nextBefore: null };
  try {
    result = await queryAudit(db(), filter);
  } catch (caught) {
    if (!(caught instanceof DomainError)) throw caught;
    error = caught.fields.map((field) => `${field.path} ${field.message}`).join("; ") || caught.message;
  }
  const [actions, ruleSets] = await Promise.all([
    distinctAuditActions(db()),
    db().ruleSet.findMany({ select: { slug: true, title: true }, orderBy: { title: "asc" } }),
  ]);
  const query = new URLSearchParams(Object.entries(filter).filter(([key, value]) => key !== "before" && value) as [string, string][]);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">Every sign-in, edit, review and publication, append-only. Times are UTC.</p>
      </header>
      <form className="card grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit log">
        <div>
          <label htmlFor="audit-ruleset" className="field-label">
            Rule set
          </label>
          <select id="audit-ruleset" name="ruleSet" defaultValue={filter.ruleSet ?? ""} className="field-input">
            <option value="">any</option>
            {ruleSets.map((ruleSet) => (
              <option key={ruleSet.slug} value={ruleSet.slug}>
                {ruleSet.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-user" className="field-label">
            User (e-mail)
          </label>
          <input id="audit-user" name="user" defaultValue={filter.user ?? ""} className="field-input" />
        </div>
        <div>
          <label htmlFor="audit-action" className="field-label">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className="field-input">
            <option value="">any</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {describeAuditAction(action)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-from" className="field-label">
            From
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className="field-input" />
        </div>
        <div>
          <label htmlFor="audit-to" className="field-label">
            To
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className="field-input" />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className="btn-primary">
            Filter
          </button>
          <a className="btn-secondary" href={`/api/admin/audit?${query.toString()}${query.size ? "&" : ""}format=csv&limit=5000`}>
            Export CSV
          </a>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <section className="card overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="audit-table">
          <thead className="text-slate-600">
            <tr>
              <th className="py-2 pr-4 font-medium">Time</th>
              <th className="py-2 pr-4 font-medium">Who</th>
              <th className="py-2 pr-4 font-medium">What</th>
              <th className="py-2 pr-4 font-medium">Target</th>
              <th className="py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">{formatWhen(row.at)}</td>
                <td className="py-2 pr-4">
                  {row.actor}
                  {row.via === "token" && <span className="ml-1 text-xs text-slate-500">(token)</span>}
                </td>
                <td className="py-2 pr-4">{describeAuditAction(row.action)}</td>
                <td className="py-2 pr-4 font-mono text-xs">{row.targetId ?? ""}</td>
                <td className="max-w-md py-2 font-mono text-xs break-words text-slate-600">{JSON.stringify(row.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.rows.length === 0 && !error && <p className="py-4 text-sm text-slate-600">No events match.</p>}
        {result.nextBefore && (
          <Link className="btn-secondary mt-3" href={`/audit?${query.toString()}${query.size ? "&" : ""}before=${result.nextBefore}`}>
            Older events
          </Link>
        )}
      </section>
    </div>
  );
}
