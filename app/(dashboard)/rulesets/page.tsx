import type { Metadata } from "next";
import Link from "next/link";
import { formatWhen } from "@/components/format";
import { requirePageIdentity } from "@/lib/auth/next";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { listRuleSets } from "@/lib/rulesets/queries";
import { CreateRuleSetForm } from "./create-rule-set-form";

export const metadata: Metadata = { title: "Rule sets" };

export default async function RuleSetsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  // Authors create and edit here; admins see the same list, read-only.
  const mayEdit = can(await requirePageIdentity("viewRuleSets"), "editDraft");
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 120) : undefined;
  const ruleSets = await listRuleSets(db(), { query });

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Rule sets</h1>
          <p className="mt-1 text-sm text-slate-600">Each rule set has numbered versions; at most one draft at a time.</p>
        </div>
        <form role="search" className="flex gap-2" action="/rulesets">
          <label htmlFor="ruleset-search" className="sr-only">
            Search rule sets
          </label>
          <input id="ruleset-search" name="q" defaultValue={query} placeholder="Search title, slug, description" className="field-input mt-0 w-64" />
          <button type="submit" className="btn-secondary">
            Search
          </button>
        </form>
      </header>
      {mayEdit && <CreateRuleSetForm />}
      {ruleSets.length === 0 ? (
        <p className="card text-sm text-slate-600">{query ? `No rule set matches “${query}”.` : mayEdit ? "No rule sets yet. Create the first one above." : "No rule sets yet."}</p>
      ) : (
        <ul className="space-y-3" aria-label="Rule sets">
          {ruleSets.map((ruleSet) => (
            <li key={ruleSet.slug} className="card" data-testid={`ruleset-${ruleSet.slug}`}>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <Link href={`/rulesets/${ruleSet.slug}`} className="text-lg font-semibold text-brand-700 hover:underline">
                    {ruleSet.title}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{ruleSet.slug}</div>
                  {ruleSet.description && <p className="mt-1 text-sm text-slate-700">{ruleSet.description}</p>}
                </div>
                <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm">
                  <dt className="text-slate-500">Published</dt>
                  <dd>{ruleSet.publishedVersion ? `v${ruleSet.publishedVersion}` : "not yet"}</dd>
                  <dt className="text-slate-500">Draft</dt>
                  <dd>
                    {ruleSet.draft ? (
                      <Link href={mayEdit ? `/rulesets/${ruleSet.slug}/draft` : `/rulesets/${ruleSet.slug}/versions/${ruleSet.draft.number}`} className="text-brand-700 hover:underline">
                        v{ruleSet.draft.number}, rev {ruleSet.draft.revision}
                      </Link>
                    ) : (
                      "none"
                    )}
                  </dd>
                  {ruleSet.draft && (
                    <>
                      <dt className="text-slate-500">Last edit</dt>
                      <dd>
                        {ruleSet.draft.lastEditedBy}, {formatWhen(ruleSet.draft.updatedAt)}
                      </dd>
                      <dt className="text-slate-500">Lint</dt>
                      <dd data-testid="ruleset-lint">
                        {ruleSet.draft.lint.errors === 0 && ruleSet.draft.lint.warnings === 0 ? (
                          <span className="text-green-800">clean</span>
                        ) : (
                          <span className={ruleSet.draft.lint.errors > 0 ? "text-red-700" : "text-amber-800"}>
                            {ruleSet.draft.lint.errors} errors, {ruleSet.draft.lint.warnings} warnings
                          </span>
                        )}
                      </dd>
                    </>
                  )}
                </dl>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
