/**
 * A test case from a solver counterexample (lib/verify): the answers that
 * break an invariant, expecting the SAFE result, so the case fails until the
 * rules are fixed and then keeps the fix from being undone.
 *
 * The safe result is the least urgent one the invariant allows for those answers:
 * - "atLeast X": the answers make the condition true, so X;
 * - "onlyWhen X": the condition is not true, so anything "X or less urgent" is
 *   not allowed: the next disposition MORE urgent than X.
 *
 * Pure: the editor and any other page can use it.
 */
import { RED_FLAG_TAG } from "@/lib/engine/invariants";
import type { InvariantVerdict } from "@/lib/verify/schemas";
import { testCaseIdFromName } from "./ids";
import type { TestCase } from "./schema";

export const INVARIANT_TAG = "invariant";

const MAX_NAME = 200;

export interface DispositionRef {
  id: string;
  label: string;
}

/** The least urgent disposition the invariant allows where its counterexample was found; null when there is none. */
export function safeDisposition(
  invariant: Pick<InvariantVerdict, "kind" | "disposition">,
  dispositions: readonly DispositionRef[],
): DispositionRef | null {
  const rank = dispositions.findIndex((d) => d.id === invariant.disposition);
  if (rank < 0) return null;
  if (invariant.kind === "atLeast") return dispositions[rank];
  return rank === 0 ? null : dispositions[rank - 1];
}

export type CounterexampleCase = { ok: true; testCase: TestCase; expected: DispositionRef } | { ok: false; message: string };

function trimTo(text: string, room: number): string {
  return text.length <= room ? text : `${text.slice(0, room - 1).trimEnd()}…`;
}

function uniqueName(base: string, taken: ReadonlySet<string>): string {
  let name = trimTo(base, MAX_NAME);
  for (let n = 2; taken.has(name); n++) name = `${trimTo(base, MAX_NAME - ` (${n})`.length)} (${n})`;
  return name;
}

/**
 * The test case for a violated invariant's counterexample. `existing` is the
 * draft's current list, so the new id and name are unique in it.
 */
export function counterexampleToTestCase(
  verdict: Pick<InvariantVerdict, "id" | "source" | "ruleId" | "kind" | "disposition" | "statement" | "counterexample">,
  dispositions: readonly DispositionRef[],
  existing: ReadonlyArray<Pick<TestCase, "id" | "name">>,
): CounterexampleCase {
  const example = verdict.counterexample;
  if (!example) return { ok: false, message: "This invariant has no counterexample to turn into a test case." };
  const expected = safeDisposition(verdict, dispositions);
  if (!expected) {
    const known = dispositions.some((d) => d.id === verdict.disposition);
    return {
      ok: false,
      message: known
        ? "The invariant names the most urgent disposition, so no disposition is more urgent for the test case to expect. Change the invariant or the rules instead."
        : `The invariant names a disposition “${verdict.disposition}” that this rule set does not have.`,
    };
  }
  const redFlag = verdict.source === "red-flag" && verdict.ruleId !== undefined;
  const statement = verdict.statement.replace(/\.$/, "");
  const name = uniqueName(`${statement} (e.g. ${example.description})`, new Set(existing.map((c) => c.name.trim())));
  const got = example.outcome ? (example.outcome.label ?? "no disposition") : "a different result";
  const testCase: TestCase = {
    id: testCaseIdFromName(name, new Set(existing.map((c) => c.id))),
    name,
    answers: structuredClone(example.answers),
    expected: {
      disposition: expected.id,
      // A red flag's case also requires the rule itself to fire: that pins the red flag.
      ...(redFlag ? { firedRules: [verdict.ruleId!] } : {}),
    },
    tags: redFlag ? [INVARIANT_TAG, RED_FLAG_TAG] : [INVARIANT_TAG],
    note:
      `Counterexample found by the solver for the invariant “${verdict.id}”: ${verdict.statement} ` +
      `With these answers the draft gave “${got}”. The case expects “${expected.label}”, the least urgent result the invariant allows, ` +
      "so it fails until the rules are fixed and keeps the fix from being undone.",
  };
  return { ok: true, testCase, expected };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A case already in the list with the same answers and expected disposition (e.g. the button was pressed twice). */
export function findEquivalentCase<T extends Pick<TestCase, "answers" | "expected">>(existing: readonly T[], testCase: Pick<TestCase, "answers" | "expected">): T | undefined {
  const answers = canonical(testCase.answers);
  return existing.find((c) => c.expected.disposition === testCase.expected.disposition && canonical(c.answers) === answers);
}
