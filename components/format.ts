/** Dates the way the dashboard shows them everywhere: UTC, to the minute, unambiguous. */
export function formatWhen(date: Date | string | null | undefined): string {
  if (!date) return "—";
  const value = typeof date === "string" ? date : date.toISOString();
  return `${value.replace("T", " ").slice(0, 16)} UTC`;
}

export const VERSION_STATE_LABELS: Record<string, string> = {
  draft: "Draft",
  in_review: "In review",
  changes_requested: "Changes requested",
  approved: "Approved",
  published: "Published",
  discarded: "Discarded",
};
