import Link from "next/link";
import type { GateCode, GateProblem } from "@/lib/reviews/gate";

/** The gate's parts, in the order a clinician fixes them, and what each group means. */
const GROUPS = [
  { id: "tests", title: "Tests and checks", note: "Every test case must be valid and pass, and the rules must lint cleanly.", codes: ["lint_error", "test_failing", "test_invalid"] },
  {
    id: "coverage",
    title: "Test coverage",
    note: "Every rule exercised and every red flag pinned by a test case. An admin may waive this part for the rule set, with a reason.",
    codes: ["rule_not_exercised", "red_flag_not_pinned"],
  },
  { id: "invariants", title: "Safety invariants", note: "Never waivable: each must be proven over every answer set.", codes: ["invariant_violated", "invariant_undecided"] },
  {
    id: "reductions",
    title: "Reductions in urgency",
    note: "Each must be acknowledged, with a reason, by an approving reviewer who compared with the version published now.",
    codes: ["reduction_not_acknowledged"],
  },
] as const satisfies readonly { id: string; title: string; note: string; codes: readonly GateCode[] }[];

export type GateGroupId = (typeof GROUPS)[number]["id"] | "other";

/** Whatever the server sent as `reasons`, as gate problems (a bare string is a message without a link). */
export function gateReasonsFrom(value: unknown): GateProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): GateProblem[] => {
    // Not a code the gate knows: listed under "Other" rather than guessed into a part.
    if (typeof item === "string") return [{ code: "other" as GateCode, message: item, href: "", fix: "", waivable: false }];
    if (!item || typeof item !== "object" || typeof (item as GateProblem).message !== "string") return [];
    const reason = item as Partial<GateProblem> & { message: string };
    return [
      {
        code: (reason.code ?? "other") as GateCode,
        message: reason.message,
        href: typeof reason.href === "string" ? reason.href : "",
        fix: typeof reason.fix === "string" ? reason.fix : "",
        waivable: reason.waivable === true,
      },
    ];
  });
}

/** The reasons grouped by the gate's parts (empty groups left out), in the gate's order. */
export interface GateReasonGroup {
  id: GateGroupId;
  title: string;
  note: string;
  reasons: GateProblem[];
}

export function groupGateReasons(reasons: readonly GateProblem[]): GateReasonGroup[] {
  const groups: GateReasonGroup[] = GROUPS.map((group) => ({
    id: group.id,
    title: group.title,
    note: group.note,
    reasons: reasons.filter((reason) => (group.codes as readonly string[]).includes(reason.code)),
  }));
  const known = new Set<string>(GROUPS.flatMap((group) => [...group.codes]));
  groups.push({ id: "other", title: "Other", note: "", reasons: reasons.filter((reason) => !known.has(reason.code)) });
  return groups.filter((group) => group.reasons.length > 0);
}

/**
 * Every reason the publication gate gives, grouped (tests / coverage /
 * invariants / reductions), each with its message and a link to where it is
 * fixed. A list of lists, so a screen reader announces each group and its size.
 */
export function GateReasonList({ reasons, testId = "submit-blockers", idPrefix = "gate" }: { reasons: readonly GateProblem[]; testId?: string; idPrefix?: string }) {
  const groups = groupGateReasons(reasons);
  if (groups.length === 0) return null;
  return (
    <ul className="mt-2 space-y-3" data-testid={testId} aria-label="What must be fixed first">
      {groups.map((group) => {
        const headingId = `${idPrefix}-${group.id}-heading`;
        return (
          <li key={group.id} data-testid={`gate-group-${group.id}`}>
            <p id={headingId} className="font-semibold text-slate-900">
              {group.title} ({group.reasons.length})
            </p>
            {group.note && <p className="text-xs text-slate-600">{group.note}</p>}
            <ul className="mt-1 list-disc space-y-1 pl-5" aria-labelledby={headingId}>
              {group.reasons.map((reason, index) => {
                const messageId = `${idPrefix}-${group.id}-${index}`;
                return (
                  <li key={`${reason.code}-${index}`} data-testid="gate-reason" data-code={reason.code}>
                    <span id={messageId} className="text-red-800">
                      {reason.message}
                    </span>
                    {reason.href && (
                      <>
                        {" "}
                        {/* Several links may share a text ("Add a test case for it"): the message says which one. */}
                        <Link href={reason.href} className="font-medium text-brand-700 underline" aria-describedby={messageId}>
                          {reason.fix || "Open it"}
                        </Link>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
