/**
 * Disposition only, for the explorer's inner loop. evaluate() also works out
 * missingFacts, guidance and used facts, which costs 50–110 µs per call on a
 * 200-rule set with many unanswered questions; exploring needs only "which
 * disposition wins", and rules are already sorted most urgent first, so the
 * first rule that fires decides.
 *
 * It runs the engine's own compiled conditions and the same follow-up masking
 * as evaluate() (parents first), so it cannot disagree with it on the outcome;
 * tests/preview/fast-outcome.test.ts checks that on generated rule sets, and
 * every example the explorer reports is re-evaluated with evaluate().
 */
import type { AnswerValue, CompiledRuleSet } from "@/lib/engine";
import { FALSE, TRUE } from "@/lib/engine/truth";

/** Answers laid out by the version's fact slots; undefined = unanswered. Values must already be valid. */
export type SlotValues = Array<AnswerValue | undefined>;

// Module-level copies: imported bindings are getters under some loaders (see lib/engine/evaluate.ts).
const IS_FALSE: number = FALSE;
const IS_TRUE: number = TRUE;

/**
 * Returns a function giving the winning disposition id (or the default, or
 * null). It clears answers to follow-ups that do not apply, in `values`, and
 * marks their slots in `ignored` (which the caller resets).
 */
export function dispositionOnly(compiled: CompiledRuleSet): (values: SlotValues, ignored: Uint8Array) => string | null {
  const followUps = compiled.followUps;
  const rules = compiled.rules;
  const fallback = compiled.defaultDisposition?.id ?? null;
  return (values, ignored) => {
    for (let i = 0; i < followUps.length; i++) {
      const f = followUps[i];
      if (f.askWhen!.test(values) === IS_FALSE && values[f.slot] !== undefined) {
        ignored[f.slot] = 1;
        values[f.slot] = undefined;
      }
    }
    for (let i = 0; i < rules.length; i++) if (rules[i].condition.test(values) === IS_TRUE) return rules[i].disposition.id;
    return fallback;
  };
}
