/**
 * The SMT verifier (lib/verify) against brute force: on random rule sets whose
 * answer space can be enumerated completely (every question unanswered or
 * answered with each representative value, which behaves like every possible
 * answer: see lib/preview/domains.ts), the solver's answers must match.
 *
 * - invariants: "proven" exactly when no answer set violates; a counterexample
 *   violates (by the engine) and answers as few questions as the smallest
 *   violating answer set does;
 * - exact impact: a pair (published → draft) is "found" exactly when some
 *   answer set gets it, with a counterexample of the smallest size; "none"
 *   otherwise;
 * - never "undecided" on these small sets.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, type AnswerValue, type Answers, type CompiledRuleSet, type Invariant, type RuleSetInput } from "../../lib/engine";
import { evaluatePair } from "../../lib/preview/pair";
import { urgencyComparator } from "../../lib/preview/urgency";
import { conditionHolds, verifyRuleSet } from "../../lib/verify/verify";
import { conditionArb, domainOf, extensions, ruleSetArb } from "../engine/arbitraries";

const RUNS = { numRuns: 30 };

const invariantArb = fc.record({
  kind: fc.constantFrom("atLeast" as const, "onlyWhen" as const),
  when: conditionArb,
  disposition: fc.constantFrom("emergency", "see_doctor", "self_care"),
});

/** The space to enumerate: representative values for every threshold the rules and the extra conditions mention, and the bounds of both versions. */
function space(...ruleSets: RuleSetInput[]): Map<string, AnswerValue[]> {
  const domains = domainOf(...ruleSets);
  const durations = new Set([...(domains.get("duration") as number[]), 0, 999, 1000, 1001, 1500, 2000]);
  domains.set("duration", [...durations].sort((a, b) => a - b));
  return domains;
}

/** A copy with the invariant's condition as a disabled-looking extra rule, so its thresholds are among the enumerated values. */
function withThresholdsOf(ruleSet: RuleSetInput, invariant: Pick<Invariant, "when">): RuleSetInput {
  return { ...ruleSet, rules: [...ruleSet.rules, { id: "threshold_probe", title: "probe", when: invariant.when, disposition: "self_care" }] };
}

function violates(compiled: CompiledRuleSet, invariant: Pick<Invariant, "kind" | "when" | "disposition">, answers: Answers): boolean {
  const rank = compiled.dispositions.findIndex((d) => d.id === invariant.disposition);
  const result = evaluate(compiled, answers, { trace: false });
  const outcome = result.disposition ? compiled.dispositions.indexOf(result.disposition) : null;
  const holds = conditionHolds(compiled, invariant.when, answers as never);
  return invariant.kind === "atLeast" ? holds && (outcome === null || outcome > rank) : !holds && outcome !== null && outcome >= rank;
}

describe("invariants: the solver agrees with enumerating every answer set", () => {
  it("proven exactly when nothing violates; counterexamples violate and are as small as possible", async () => {
    await fc.assert(
      fc.asyncProperty(ruleSetArb, invariantArb, async (ruleSet, invariant) => {
        const document = { ...ruleSet, invariants: [{ id: "checked", ...invariant }] };
        const report = await verifyRuleSet({ document, timeBudgetMs: 30_000 });
        const verdict = report.invariants.find((v) => v.id === "checked")!;
        expect(verdict.status).not.toBe("undecided");

        const compiled = compile(document);
        let smallest = Infinity;
        for (const answers of extensions(space(withThresholdsOf(ruleSet, invariant)), {})) {
          if (violates(compiled, invariant, answers)) smallest = Math.min(smallest, Object.keys(answers).length);
        }
        expect(verdict.status, JSON.stringify({ invariant, verdict })).toBe(smallest === Infinity ? "proven" : "violated");
        if (verdict.status === "violated") {
          const found = verdict.counterexample!;
          expect(violates(compiled, invariant, found.answers)).toBe(true);
          expect(found.minimal).toBe(true);
          expect(Object.keys(found.answers).length).toBe(smallest);
        }
      }),
      RUNS,
    );
  });

  it("a red-flag rule's own invariant holds, and fails once the rule is disabled", async () => {
    const base = await import("../engine/fixtures");
    const ruleSet = base.makeRuleSet(
      [
        { id: "cauda", when: { any: [base.yes("bladder"), base.yes("saddle")] }, disposition: "emergency", tags: ["red-flag"] },
        { id: "benign", when: base.no("fever"), disposition: "self_care" },
      ],
      { defaultDisposition: "see_doctor" },
    );
    const ok = await verifyRuleSet({ document: ruleSet });
    expect(ok.invariants.map((v) => [v.id, v.status])).toEqual([["red-flag:cauda", "proven"]]);
    const disabled = await verifyRuleSet({ document: { ...ruleSet, rules: ruleSet.rules.map((r) => (r.id === "cauda" ? { ...r, enabled: false } : r)) } });
    expect(disabled.invariants[0].status).toBe("violated");
    expect(Object.keys(disabled.invariants[0].counterexample!.answers)).toHaveLength(1);
  });
});

/** The draft: other rules, perhaps other follow-ups and default, perhaps a lower bound on duration and no "unsure" onset. */
const draftArb = fc.record({ rules: ruleSetArb, maxDuration: fc.constantFrom(2000, 1000), dropUnsure: fc.boolean() }).map(({ rules, maxDuration, dropUnsure }) => ({
  ...rules,
  facts: rules.facts.map((f) =>
    f.id === "duration" && f.type === "number"
      ? { ...f, max: maxDuration }
      : f.id === "onset" && f.type === "singleChoice" && dropUnsure && !JSON.stringify(rules.rules).includes('"unsure"')
        ? { ...f, options: f.options.filter((o) => o.id !== "unsure") }
        : f,
  ),
}));

describe("exact impact: the solver agrees with enumerating every answer set", () => {
  it("a question made a follow-up in the draft is ignored where it no longer applies: a reduction", async () => {
    const { makeRuleSet, yes } = await import("../engine/fixtures");
    const published = makeRuleSet([{ id: "saddle", when: yes("saddle"), disposition: "emergency" }], { defaultDisposition: "self_care" });
    const draft = { ...published, facts: published.facts.map((f) => (f.id === "saddle" ? { ...f, askWhen: yes("fever") } : f)) };
    const report = await verifyRuleSet({ document: draft, published: { version: 1, document: published } });
    if (!report.impact.comparable) throw new Error("expected a comparison");
    const found = report.impact.reductions.pairs.filter((pair) => pair.status === "found");
    expect(found.map((pair) => `${pair.published.disposition}>${pair.draft.disposition}`)).toEqual(["emergency>self_care"]);
    expect(found[0].counterexample!.answers).toEqual({ fever: false, saddle: true });
  });

  it("every (published → draft) pair is found exactly when some answer set gets it, with a smallest counterexample", async () => {
    await fc.assert(
      fc.asyncProperty(ruleSetArb, draftArb, async (published, draft) => {
        const report = await verifyRuleSet({ document: draft, published: { version: 1, document: published }, timeBudgetMs: 30_000 });
        expect(report.impact.comparable).toBe(true);
        if (!report.impact.comparable) return;
        const p = compile(published);
        const d = compile(draft);
        const compare = urgencyComparator(p, d);
        const smallest = new Map<string, number>();
        for (const answers of extensions(space(published, draft), {})) {
          const pair = evaluatePair(p, d, answers as never);
          const key = `${pair.published.disposition?.id ?? null}>${pair.draft.disposition?.id ?? null}`;
          const size = Object.keys(answers).length;
          if (!smallest.has(key) || size < smallest.get(key)!) smallest.set(key, size);
        }
        const reported = [...report.impact.reductions.pairs, ...report.impact.increases.pairs];
        for (const pair of reported) {
          const key = `${pair.published.disposition}>${pair.draft.disposition}`;
          expect(pair.status, key).not.toBe("undecided");
          expect(pair.status, key).toBe(smallest.has(key) ? "found" : "none");
          if (pair.status === "found") {
            const again = evaluatePair(p, d, pair.counterexample!.answers as never);
            expect(`${again.published.disposition?.id ?? null}>${again.draft.disposition?.id ?? null}`).toBe(key);
            expect(Object.keys(pair.counterexample!.answers).length, key).toBe(smallest.get(key));
          }
        }
        // Every change in urgency that enumeration sees is among the reported pairs.
        for (const key of smallest.keys()) {
          const [from, to] = key.split(">").map((x) => (x === "null" ? null : x));
          if (compare(from, to) !== "same") expect(reported.some((r) => `${r.published.disposition}>${r.draft.disposition}` === key), key).toBe(true);
        }
        expect(report.impact.reductions.status).toBe(report.impact.reductions.pairs.some((x) => x.status === "found") ? "found" : "none");
      }),
      RUNS,
    );
  });
});
