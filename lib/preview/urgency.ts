/**
 * Comparing a published result with a draft result when the two versions may
 * order (or even name) their dispositions differently.
 *
 * - The DRAFT's order decides: it is what would be published.
 * - A disposition only the published version has (removed or renamed in the
 *   draft) is placed just below the nearest more urgent published disposition
 *   the draft still has, or above everything when there is none. This places
 *   it as urgent as its known neighbours allow, so a move to a draft-only
 *   disposition of similar standing shows up as a REDUCTION to review rather
 *   than being hidden.
 * - No disposition (null: no rule fired and no default) is the least urgent
 *   outcome: the client shows generic fallback advice. So disposition -> null
 *   is a reduction and null -> disposition an increase.
 */
import type { Disposition } from "@/lib/engine";

export type UrgencyChange = "reduced" | "increased" | "same";

export type UrgencyComparator = (published: string | null, draft: string | null) => UrgencyChange;

export function urgencyComparator(
  published: { dispositions: readonly Pick<Disposition, "id">[] },
  draft: { dispositions: readonly Pick<Disposition, "id">[] },
): UrgencyComparator {
  const rank = new Map<string, number>(draft.dispositions.map((d, i) => [d.id, i]));
  const publishedIds = published.dispositions.map((d) => d.id);
  publishedIds.forEach((id, i) => {
    if (rank.has(id)) return;
    let place = -0.5;
    for (let j = i - 1; j >= 0; j--) {
      const anchor = draft.dispositions.findIndex((d) => d.id === publishedIds[j]);
      if (anchor >= 0) {
        place = anchor + 0.5;
        break;
      }
    }
    rank.set(id, place);
  });
  const rankOf = (id: string | null) => (id === null ? Infinity : (rank.get(id) ?? Infinity));
  return (p, d) => {
    if (p === d) return "same";
    const a = rankOf(p);
    const b = rankOf(d);
    return b > a ? "reduced" : b < a ? "increased" : "same";
  };
}
