/**
 * Small random rule sets whose whole answer space can be enumerated, shared by
 * the property tests of the engine's finality and of the SMT verifier: every
 * feature that makes reasoning hard is in them (answered/notAnswered tests,
 * follow-up questions, numbers with units, choices, defaults or none).
 */
import fc from "fast-check";
import { compile, type AnswerValue, type Answers, type Condition, type RuleSetInput } from "../../lib/engine";
import { answerDomains } from "../../lib/preview/domains";
import { makeRuleSet, yes } from "./fixtures";

export const FACTS = ["fever", "bladder", "saddle", "duration", "onset", "areas"] as const;

/** Hours, days and weeks (converted by the engine), beyond the question's 2000-hour bound too. */
const durationArb = fc.oneof(
  fc.constantFrom(0, 24, 36, 48, 2000, 3000).map((v) => ({ value: v, unit: "hours" })),
  fc.constantFrom(1, 1.5, 2).map((v) => ({ value: v, unit: "days" })),
  fc.constant({ value: 1, unit: "weeks" }),
);

export const comparisonArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ fact: fc.constantFrom("fever", "bladder", "saddle"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.boolean() }),
  fc.record({ fact: fc.constant("duration"), op: fc.constantFrom("lt" as const, "lte" as const, "gte" as const, "gt" as const, "eq" as const, "neq" as const), value: durationArb }),
  fc.record({ fact: fc.constant("duration"), op: fc.constant("between" as const), min: durationArb, max: durationArb }),
  fc.record({ fact: fc.constant("onset"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.constantFrom("sudden", "gradual") }),
  fc.record({ fact: fc.constant("onset"), op: fc.constant("in" as const), values: fc.subarray(["sudden", "gradual", "unsure"], { minLength: 1 }) }),
  fc.record({ fact: fc.constant("areas"), op: fc.constant("includes" as const), value: fc.constantFrom("back", "leg", "groin") }),
  fc.record({ fact: fc.constantFrom(...FACTS), op: fc.constantFrom("answered" as const, "notAnswered" as const) }),
);

export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
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

export const ruleSetArb: fc.Arbitrary<RuleSetInput> = fc
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
export const AREAS = ["back", "leg", "groin"];
export function domainOf(...ruleSets: RuleSetInput[]): Map<string, AnswerValue[]> {
  const [first, second = first] = ruleSets.map((r) => compile(r));
  const numbers = new Map(answerDomains(first, second).map((d) => [d.id, d.values]));
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

export const partialArb = fc.record(
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
export function* extensions(domains: Map<string, AnswerValue[]>, partial: Answers): Generator<Answers> {
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

