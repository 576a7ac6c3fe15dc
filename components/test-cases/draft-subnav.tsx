import Link from "next/link";

export type DraftSection = "editor" | "tests" | "preview" | "impact";

const SECTIONS: { id: DraftSection; label: string; path: string }[] = [
  { id: "editor", label: "Editor", path: "" },
  { id: "tests", label: "Test cases", path: "/tests" },
  { id: "preview", label: "Patient preview", path: "/preview" },
  { id: "impact", label: "Impact", path: "/impact" },
];

/** Links between the views of one draft; no hooks, so server pages can render it. */
export function DraftSubnav({ slug, current }: { slug: string; current?: DraftSection }) {
  return (
    <nav aria-label="Draft views" className="overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200 text-sm">
        {SECTIONS.map((section) => {
          const active = section.id === current;
          return (
            <li key={section.id}>
              <Link
                href={`/rulesets/${slug}/draft${section.path}`}
                aria-current={active ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 whitespace-nowrap ${
                  active ? "border-brand-600 font-semibold text-brand-900" : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
