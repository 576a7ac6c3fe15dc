import type { RuleSet } from "@/lib/engine";
import type { CaseImpact, Outcome } from "@/lib/preview/impact";
import { TagList } from "./tag-list";
import { UrgencyBadge } from "./urgency-badge";

function outcomeText(outcome: Outcome): string {
  if (!outcome.valid) return `cannot be evaluated: ${outcome.issues.map((i) => i.message).join(" ")}`;
  return outcome.dispositionLabel ?? "no disposition";
}

/** Per case: published vs draft, reductions first (the report's order). */
export function ImpactCasesTable({ cases, ruleSet }: { cases: readonly CaseImpact[]; ruleSet: RuleSet }) {
  if (cases.length === 0) return <p className="text-sm text-slate-700">The draft has no test cases; only the exploration below applies.</p>;
  const guidanceTitle = new Map(ruleSet.guidance.map((g) => [g.id, g.title]));
  const titles = (ids: string[]) => ids.map((id) => guidanceTitle.get(id) ?? id).join(", ");
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="impact-cases">
        <caption className="sr-only">Test cases, published version against the draft, less urgent first</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Test case</th>
            <th scope="col" className="py-2 pr-3 font-medium">Published</th>
            <th scope="col" className="py-2 pr-3 font-medium">Draft</th>
            <th scope="col" className="py-2 pr-3 font-medium">Change</th>
            <th scope="col" className="py-2 font-medium">Guidance</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr
              key={c.id}
              className={`border-t align-top ${c.urgency === "reduced" ? "border-l-4 border-red-600 bg-red-50" : "border-slate-100"}`}
              data-testid={`impact-case-${c.id}`}
              data-urgency={c.urgency}
            >
              <th scope="row" className="py-2 pr-3 pl-2 font-medium text-slate-900">
                {c.name}
                <TagList tags={c.tags} />
              </th>
              <td className="py-2 pr-3">{outcomeText(c.published)}</td>
              <td className={`py-2 pr-3 ${c.urgency === "reduced" ? "font-semibold text-red-800" : ""}`}>{outcomeText(c.draft)}</td>
              <td className="py-2 pr-3">
                <UrgencyBadge urgency={c.urgency} />
              </td>
              <td className="py-2 text-slate-800">
                {c.guidanceAdded.length === 0 && c.guidanceRemoved.length === 0 ? (
                  <span className="text-slate-500">unchanged</span>
                ) : (
                  <>
                    {c.guidanceAdded.length > 0 && <div>Added: {titles(c.guidanceAdded)}</div>}
                    {c.guidanceRemoved.length > 0 && <div className="font-medium text-red-800">Removed: {titles(c.guidanceRemoved)}</div>}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
