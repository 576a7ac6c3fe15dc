/**
 * `final`, `couldEscalateTo` and `escalationFacts` (lib/engine/finality.ts).
 *
 * The property that matters: SOUNDNESS. Whenever the engine says an outcome is
 * final, no way of answering the open questions (checked exhaustively over
 * representative values) gives a more urgent disposition; when it is not final,
 * nothing reachable is more urgent than `couldEscalateTo`. Rule sets here use
 * every feature that makes this hard: answered/notAnswered tests, follow-up
 * questions (whose answers are ignored when they stop applying), defaults more
 * urgent than some rules, and no default at all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, type AnswerValue, type Answers, type Condition, type RuleSetInput } from "../../lib/engine";
import { answerDomains } from "../../lib/preview/domains";
import { makeRuleSet, no, yes } from "./fixtures";

const RANK: Record<string, number> = { emergency: 0, see_doctor: 1, self_care: 2 };
const NONE = 3;
const rankOf = (id: string | undefined | null) => (id ? RANK[id] : NONE);

// ---------------------------------------------------------------------------
// Arbitraries (a smaller question set than properties.test.ts, so every
// extension of a partial answer set can be enumerated).

const FACTS = ["fever", "bladder", "saddle", "duration", "onset", "areas"] as const;

const comparisonArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ fact: fc.constantFrom("fever", "bladder", "saddle"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.boolean() }),
  fc.record({ fact: fc.constant("duration"), op: fc.constantFrom("lt" as const, "gte" as const, "gt" as const), value: fc.constantFrom(24, 48, 2000, 3000).map((v) => ({ value: v, unit: "hours" })) }),
  fc.record({ fact: fc.constant("onset"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.constantFrom("sudden", "gradual") }),
  fc.record({ fact: fc.constant("areas"), op: fc.constant("includes" as const), value: fc.constantFrom("back", "leg", "groin") }),
  fc.record({ fact: fc.constantFrom(...FACTS), op: fc.constantFrom("answered" as const, "notAnswered" as const) }),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    comparisonArb,
    fc.array(tie("c"), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie("c"), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie("c").map((not) => ({ not })),
  ),
})).c;

/** Follow-ups: none, or some of duration ⇐ fever, saddle ⇐ areas includes groin, bladder ⇐ duration > 24 h. */
const followUpsArb = fc.record({
  duration: fc.boolean(),
  saddle: fc.boolean(),
  bladder: fc.boolean(),
});
const ASK_WHEN: Record<string, Condition> = {
  duration: yes("fever"),
  saddle: { fact: "areas", op: "includes", value: "groin" },
  bladder: { fact: "duration", op: "gt", value: { value: 24, unit: "hours" } },
};

const ruleSetArb: fc.Arbitrary<RuleSetInput> = fc
  .record({
    rules: fc.array(fc.record({ when: conditionArb, disposition: fc.constantFrom("emergency", "see_doctor", "self_care") }), { minLength: 1, maxLength: 6 }),
    followUps: followUpsArb,
    defaultDisposition: fc.constantFrom(undefined, "emergency", "see_doctor", "self_care"),
  })
  .map(({ rules, followUps, defaultDisposition }) => {
    const base = makeRuleSet(rules.map((r, i) => ({ id: `r${i}`, ...r })));
    return {
      ...base,
      facts: base.facts
        .filter((f) => (FACTS as readonly string[]).includes(f.id))
        .map((f) => (followUps[f.id as keyof typeof followUps] ? { ...f, askWhen: ASK_WHEN[f.id] } : f)),
      ...(defaultDisposition ? { defaultDisposition } : {}),
    };
  });

// Every value each question can usefully take (multiple choice: every subset).
const AREAS = ["back", "leg", "groin"];
function domainOf(ruleSet: RuleSetInput): Map<string, AnswerValue[]> {
  const compiled = compile(ruleSet);
  const numbers = new Map(answerDomains(compiled, compiled).map((d) => [d.id, d.values]));
  const subsets = Array.from({ length: 8 }, (_, bits) => AREAS.filter((_, i) => bits & (1 << i)));
  return new Map<string, AnswerValue[]>([
    ["fever", [true, false]],
    ["bladder", [true, false]],
    ["saddle", [true, false]],
    ["duration", numbers.get("duration") ?? [0, 30, 60]],
    ["onset", ["sudden", "gradual", "unsure"]],
    ["areas", subsets],
  ]);
}

const partialArb = fc.record(
  {
    fever: fc.boolean(),
    bladder: fc.boolean(),
    saddle: fc.boolean(),
    duration: fc.constantFrom(0, 24, 30, 48, 100),
    onset: fc.constantFrom("sudden", "gradual", "unsure"),
    areas: fc.subarray(AREAS),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Answers>;

/** Every answer set that keeps `partial` and answers any subset of the rest, with any values. */
function* extensions(domains: Map<string, AnswerValue[]>, partial: Answers): Generator<Answers> {
  const open = [...domains.keys()].filter((id) => partial[id] === undefined);
  const choice = open.map(() => -1);
  for (;;) {
    const answers: Record<string, AnswerValue> = { ...(partial as Record<string, AnswerValue>) };
    open.forEach((id, k) => {
      if (choice[k] >= 0) answers[id] = domains.get(id)![choice[k]];
    });
    yield answers;
    let k = 0;
    while (k < open.length) {
      choice[k]++;
      if (choice[k] < domains.get(open[k])!.length) break;
      choice[k] = -1;
      k++;
    }
    if (k === open.length) return;
  }
}

describe("finality: soundness over every extension", () => {
  it("never final while a more urgent disposition is reachable; nothing reachable beats couldEscalateTo; escalations answer a listed question", () => {
    fc.assert(
      fc.property(ruleSetArb, partialArb, (ruleSet, partial) => {
        const compiled = compile(ruleSet);
        const before = evaluate(compiled, partial, { trace: false });
        const current = rankOf(before.disposition?.id);
        const bound = before.final ? current : rankOf(before.couldEscalateTo?.id);
        expect(before.final).toBe(before.couldEscalateTo === null);
        if (!before.final) expect(bound).toBeLessThan(current);
        for (const answers of extensions(domainOf(ruleSet), partial)) {
          const after = rankOf(evaluate(compiled, answers, { trace: false }).disposition?.id);
          expect(after, JSON.stringify({ partial, answers })).toBeGreaterThanOrEqual(bound);
          if (after < current) {
            // The escalation needed at least one of the listed questions answered.
            const newlyAnswered = Object.keys(answers).filter((id) => partial[id] === undefined);
            expect(newlyAnswered.some((id) => before.escalationFacts.includes(id)), JSON.stringify({ partial, answers })).toBe(true);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("complete implies final", () => {
    fc.assert(
      fc.property(ruleSetArb, partialArb, (ruleSet, partial) => {
        const result = evaluate(ruleSet, partial, { trace: false });
        if (result.complete) expect(result.final).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("finality: what it says on typical rule sets", () => {
  const redFlags = makeRuleSet(
    [
      { id: "cauda", when: { any: [yes("bladder"), yes("saddle")] }, disposition: "emergency", tags: ["red-flag"] },
      { id: "long", when: { fact: "duration", op: "gt", value: { value: 48, unit: "hours" } }, disposition: "see_doctor" },
      { id: "benign", when: { all: [no("bladder"), no("saddle"), no("fever")] }, disposition: "self_care" },
    ],
    { defaultDisposition: "see_doctor" },
  );

  it("nothing answered: provisional, could be an emergency, red flags first", () => {
    const result = evaluate(redFlags, {});
    expect(result.disposition?.id).toBe("see_doctor");
    expect(result.final).toBe(false);
    expect(result.couldEscalateTo?.id).toBe("emergency");
    expect(result.escalationFacts).toEqual(["bladder", "saddle"]);
  });

  it("self-care with the duration still open is provisional (see a doctor), and says which question", () => {
    const result = evaluate(redFlags, { bladder: false, saddle: false, fever: false });
    expect(result.disposition?.id).toBe("self_care");
    expect(result.final).toBe(false);
    expect(result.couldEscalateTo?.id).toBe("see_doctor");
    expect(result.escalationFacts).toEqual(["duration"]);
  });

  it("final once the red flags and the time limit are answered", () => {
    const result = evaluate(redFlags, { bladder: false, saddle: false, fever: false, duration: 10 });
    expect(result.disposition?.id).toBe("self_care");
    expect(result.final).toBe(true);
    expect(result.couldEscalateTo).toBeNull();
    expect(result.escalationFacts).toEqual([]);
  });

  it("the most urgent disposition is always final", () => {
    const result = evaluate(redFlags, { saddle: true });
    expect(result.final).toBe(true);
  });

  it("a question whose answers cannot reach the threshold does not hold the outcome open", () => {
    const set = makeRuleSet([
      { id: "impossible", when: { fact: "duration", op: "gt", value: { value: 5000, unit: "hours" } }, disposition: "emergency" },
      { id: "ok", when: no("fever"), disposition: "self_care" },
    ]);
    // duration is at most 2000 hours, so the emergency rule can never fire.
    expect(evaluate(set, { fever: false }).final).toBe(true);
  });

  it("a default more urgent than a firing rule is reachable when the rule can stop firing (notAnswered)", () => {
    const set = makeRuleSet([{ id: "quiet", when: { fact: "fever", op: "notAnswered" }, disposition: "self_care" }], { defaultDisposition: "see_doctor" });
    const result = evaluate(set, {});
    expect(result.disposition?.id).toBe("self_care");
    expect(result.final).toBe(false);
    expect(result.couldEscalateTo?.id).toBe("see_doctor");
    expect(result.escalationFacts).toEqual(["fever"]);
  });

  it("an answer to a follow-up that does not apply yet counts if the follow-up could come to apply", () => {
    const base = makeRuleSet([{ id: "saddle", when: yes("saddle"), disposition: "emergency" }], { defaultDisposition: "self_care" });
    const set = { ...base, facts: base.facts.map((f) => (f.id === "saddle" ? { ...f, askWhen: yes("fever") } : f)) };
    // Saddle numbness answered yes, but fever (its parent) unanswered: pending, used.
    expect(evaluate(set, { saddle: true }).disposition?.id).toBe("emergency");
    // Fever no: the saddle answer is ignored and the outcome is final.
    const ignored = evaluate(set, { saddle: true, fever: false });
    expect(ignored.disposition?.id).toBe("self_care");
    expect(ignored.final).toBe(true);
    // Nothing answered: asking fever (the parent) first is part of the escalation path.
    expect(evaluate(set, {}).escalationFacts).toEqual(["fever", "saddle"]);
  });
});
