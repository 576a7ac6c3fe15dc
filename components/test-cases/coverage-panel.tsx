import type { CoverageReport, CoverageSection } from "@/lib/testcases";

const SECTIONS: { key: "rules" | "dispositions" | "guidance"; title: string; none: string }[] = [
  { key: "rules", title: "Rules", none: "Every enabled rule fires in at least one case." },
  { key: "dispositions", title: "Dispositions", none: "Every disposition is the result of at least one case." },
  { key: "guidance", title: "Guidance", none: "Every guidance block is shown in at least one case." },
];

function summary(section: CoverageSection): string {
  return section.percent === null ? "nothing to cover" : `${section.covered} of ${section.total} (${section.percent}%)`;
}

/** What no test case exercises; untested red-flag rules stand out. */
export function CoveragePanel({ coverage }: { coverage: CoverageReport }) {
  return (
    <section className="card space-y-3" aria-labelledby="coverage-heading" data-testid="coverage">
      <h2 id="coverage-heading" className="font-semibold">
        Coverage
      </h2>
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
    </section>
  );
}
