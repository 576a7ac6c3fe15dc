/** A change of urgency in words (and colour): "less urgent" is the one to act on. */
export function UrgencyBadge({ urgency }: { urgency: "reduced" | "increased" | "same" | "unknown" | "new" }) {
  switch (urgency) {
    case "reduced":
      return <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold whitespace-nowrap text-white">LESS URGENT</span>;
    case "increased":
      return <span className="rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-950">more urgent</span>;
    case "unknown":
      return <span className="rounded border border-amber-400 bg-white px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-950">cannot compare</span>;
    case "new":
      return <span className="rounded border border-slate-300 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700">new</span>;
    default:
      return <span className="rounded border border-slate-300 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700">same urgency</span>;
  }
}
