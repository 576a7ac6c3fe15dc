import type { CoverageItem, CoverageReport, CoverageSection } from "@/lib/testcases";

const SECTIONS: { key: "rules" | "dispositions" | "guidance"; title: string; none: string }[] = [
  { key: "rules", title: "Rules", none: "Every enabled rule fires in at least one case." },
  { key: "dispositions", title: "Dispositions", none: "Every disposition is the result of at least one case." },
  { key: "guidance", title: "Guidance", none: "Every guidance block is shown in at least one case." },
];

function summary(section: CoverageSection): string {
  return section.percent === null ? "nothing to cover" : `${section.covered} of ${section.total} (${section.percent}%)`;
}

interface CoveragePanelProps {
  /** From the last run; null before the first. */
  coverage: CoverageReport | null;
  /** Red-flag rules no test case pins (tagged red-flag, expecting the rule's disposition, requiring it to fire). */
  unpinned: readonly CoverageItem[];
  /** Opens a new test case prefilled for the rule; absent: no buttons (e.g. while another case is edited). */
  onAddCaseForRule?: (ruleId: string) => void;
}

/** What no test case exercises; untested and unpinned red-flag rules stand out. */
export function CoveragePanel({ coverage, unpinned, onAddCaseForRule }: CoveragePanelProps) {
  const addButton = (item: CoverageItem, label: string) =>
    onAddCaseForRule && (
      <button type="button" className="ml-2 text-xs font-normal text-brand-700 underline" onClick={() => onAddCaseForRule(item.id)} aria-label={`${label} for “${item.label}”`}>
        {label}
      </button>
    );
  return (
    <section className="card space-y-3" aria-labelledby="coverage-heading" data-testid="coverage">
      <h2 id="coverage-heading" className="font-semibold">
        Coverage
      </h2>
      <div className="rounded-md border border-slate-200 p-3" data-testid="coverage-red-flags">
        <h3 className="text-sm font-semibold">Red flags pinned: {unpinned.length === 0 ? "all" : `${unpinned.length} not pinned`}</h3>
        {unpinned.length === 0 ? (
          <p className="mt-1 text-sm text-emerald-800">Every enabled red-flag rule has a test case tagged red-flag that expects its disposition and requires it to fire.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-700">
              Not pinned by any case on this page (unsaved changes included): a case tagged <strong>red-flag</strong> that expects the rule’s disposition and lists
              the rule among the rules that must fire. The draft cannot be submitted until each is pinned.
            </p>
            <ul className="mt-1 space-y-0.5 text-sm">
              {unpinned.map((item) => (
                <li key={item.id} className="font-semibold text-red-800" data-testid="unpinned-red-flag" data-rule-id={item.id}>
                  <span>⚑ Red flag not pinned: </span>
                  {item.label} <span className="font-mono text-xs font-normal text-slate-500">{item.id}</span>
                  {addButton(item, "Add a pinning test case")}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {coverage === null ? (
        <p className="text-sm text-slate-700">Run the test cases to see which rules, dispositions and guidance they exercise.</p>
      ) : (
        <>
          <p className="text-sm text-slate-700">From {coverage.casesConsidered} evaluated case(s); invalid cases are left out.</p>
          <div className="grid gap-3 md:grid-cols-3">
            {SECTIONS.map(({ key, title, none }) => {
              const section = coverage[key];
              return (
                <div key={key} className="rounded-md border border-slate-200 p-3" data-testid={`coverage-${key}`}>
                  <h3 className="text-sm font-semibold">
                    {title}: {summary(section)}
                  </h3>
                  {section.uncovered.length === 0 ? (
                    <p className="mt-1 text-sm text-emerald-800">{section.total === 0 ? "None in the draft." : none}</p>
                  ) : (
                    <>
                      <p className="mt-1 text-sm text-slate-700">Not exercised by any case:</p>
                      <ul className="mt-1 space-y-0.5 text-sm">
                        {section.uncovered.map((item) => {
                          const redFlag = item.tags?.includes("red-flag");
                          return (
                            <li key={item.id} className={redFlag ? "font-semibold text-red-800" : "text-slate-800"}>
                              {redFlag && <span>⚑ Red flag untested: </span>}
                              {item.label} <span className="font-mono text-xs font-normal text-slate-500">{item.id}</span>
                              {key === "rules" && addButton(item, "Add a test case")}
                            </li>
                          );
                        })}
                      </ul>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
