/**
 * Property-based tests (fast-check) of the evaluation semantics.
 *
 * Monotonicity caveat, stated once: answered/notAnswered and askWhen are
 * deliberately non-monotone (answering a question flips "notAnswered"; answering
 * a parent can make a follow-up not applicable). The monotonicity properties
 * below therefore use rule sets without them; the other properties use both.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, type Answers, type Condition, type RuleSetInput } from "../../lib/engine";
import { makeRuleSet } from "./fixtures";

const RANK: Record<string, number> = { emergency: 0, see_doctor: 1, self_care: 2 };
const DISPOSITIONS = Object.keys(RANK);
const rankOf = (id: string | undefined | null) => (id ? RANK[id] : Number.POSITIVE_INFINITY);

// ---------------------------------------------------------------------------
// Arbitraries

const DURATION_THRESHOLDS = [0, 12, 24, 48, 72, 168];
const hoursOperand = fc.oneof(
  fc.constantFrom(...DURATION_THRESHOLDS).map((v) => ({ value: v, unit: "hours" })),
  fc.constantFrom(1, 2, 3).map((v) => ({ value: v, unit: "days" })),
  fc.constant({ value: 1, unit: "weeks" }),
);

function comparisonArb(withPresence: boolean): fc.Arbitrary<Condition> {
  const options: fc.Arbitrary<Condition>[] = [
    fc.record({ fact: fc.constantFrom("fever", "bladder", "saddle"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.boolean() }),
    fc.record({ fact: fc.constant("duration"), op: fc.constantFrom("lt" as const, "lte" as const, "gt" as const, "gte" as const, "eq" as const, "neq" as const), value: hoursOperand }),
    fc.record({ fact: fc.constant("duration"), op: fc.constant("between" as const), min: hoursOperand, max: hoursOperand }),
    fc.record({ fact: fc.constant("pain_score"), op: fc.constantFrom("lt" as const, "gte" as const, "eq" as const), value: fc.integer({ min: 0, max: 10 }) }),
    fc.record({ fact: fc.constant("onset"), op: fc.constantFrom("eq" as const, "neq" as const), value: fc.constantFrom("sudden", "gradual", "unsure") }),
    fc.record({ fact: fc.constant("onset"), op: fc.constant("in" as const), values: fc.subarray(["sudden", "gradual", "unsure"], { minLength: 1 }) }),
    fc.record({ fact: fc.constant("areas"), op: fc.constant("includes" as const), value: fc.constantFrom("back", "leg", "groin") }),
    fc.record({ fact: fc.constant("areas"), op: fc.constant("in" as const), values: fc.subarray(["back", "leg", "groin"], { minLength: 1 }) }),
  ];
  if (withPresence) {
    options.push(fc.record({ fact: fc.constantFrom("fever", "duration", "areas"), op: fc.constantFrom("answered" as const, "notAnswered" as const) }));
  }
  return fc.oneof(...options);
}

function conditionArb(withPresence: boolean): fc.Arbitrary<Condition> {
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      comparisonArb(withPresence),
      fc.array(tie("condition"), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie("condition"), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie("condition").map((not) => ({ not })),
    ),
  }));
  return condition;
}

const ruleArb = (withPresence: boolean) =>
  fc.record({ when: conditionArb(withPresence), disposition: fc.constantFrom(...DISPOSITIONS) });

function ruleSetArb(withPresence: boolean): fc.Arbitrary<RuleSetInput> {
  return fc
    .array(ruleArb(withPresence), { minLength: 1, maxLength: 8 })
    .map((rules) => makeRuleSet(rules.map((r, i) => ({ id: `r${i}`, ...r }))));
}

/** Every question answered. */
const fullAnswersArb: fc.Arbitrary<Record<string, Answers[string]>> = fc.record({
  fever: fc.boolean(),
  bladder: fc.boolean(),
  saddle: fc.boolean(),
  duration: fc.oneof(fc.constantFrom(...DURATION_THRESHOLDS, 36, 100, 200), fc.integer({ min: 0, max: 2000 })),
  temperature: fc.constantFrom(36.5, 38.2),
  pain_score: fc.integer({ min: 0, max: 10 }),
  onset: fc.constantFrom("sudden", "gradual", "unsure"),
  areas: fc.subarray(["back", "leg", "groin"]),
});

/** A full answer set and a subset of its keys kept as the "partial" answers. */
const answerPairArb = fullAnswersArb.chain((full) =>
  fc.subarray(Object.keys(full)).map((kept) => ({
    full,
    partial: Object.fromEntries(kept.map((k) => [k, full[k]])) as Answers,
  })),
);

// ---------------------------------------------------------------------------
// An independent, naive reference: Kleene logic by direct tree walking.

type K = "true" | "false" | "unknown";
const HOURS: Record<string, number> = { hours: 1, days: 24, weeks: 168 };
function reference(c: Condition, a: Answers): K {
  if ("all" in c) {
    const r = c.all.map((x) => reference(x, a));
    return r.includes("false") ? "false" : r.includes("unknown") ? "unknown" : "true";
  }
  if ("any" in c) {
    const r = c.any.map((x) => reference(x, a));
    return r.includes("true") ? "true" : r.includes("unknown") ? "unknown" : "false";
  }
  if ("not" in c) {
    const r = reference(c.not, a);
    return r === "true" ? "false" : r === "false" ? "true" : "unknown";
  }
  const v = a[c.fact];
  const has = v !== undefined && v !== null;
  if (c.op === "answered") return has ? "true" : "false";
  if (c.op === "notAnswered") return has ? "false" : "true";
  if (!has) return "unknown";
  const num = (o: unknown) => (typeof o === "number" ? o : (o as { value: number; unit: string }).value * HOURS[(o as { unit: string }).unit]);
  const b = (x: boolean): K => (x ? "true" : "false");
  switch (c.op) {
    case "eq":
      return b(typeof v === "number" ? v === num(c.value) : v === c.value);
    case "neq":
      return b(typeof v === "number" ? v !== num(c.value) : v !== c.value);
    case "lt":
      return b((v as number) < num(c.value));
    case "lte":
      return b((v as number) <= num(c.value));
    case "gt":
      return b((v as number) > num(c.value));
    case "gte":
      return b((v as number) >= num(c.value));
    case "between":
      return b((v as number) >= num(c.min) && (v as number) <= num(c.max));
    case "in":
      return b(Array.isArray(v) ? v.some((x) => c.values.includes(x)) : c.values.includes(v as string));
    case "includes":
      return b((v as string[]).includes(c.value));
  }
}

const RUNS = { numRuns: 300 };

describe("evaluation properties", () => {
  it("matches a naive Kleene reference for every rule, and the fast path matches the trace", () => {
    fc.assert(
      fc.property(ruleSetArb(true), answerPairArb, (ruleSet, { partial }) => {
        const result = evaluate(ruleSet, partial);
        for (const [i, rule] of ruleSet.rules.entries()) {
          expect(result.trace!.rules[i].result).toBe(reference(rule.when, partial));
        }
        const fired = ruleSet.rules.filter((r) => reference(r.when, partial) === "true").map((r) => r.id).sort();
        expect([...result.firedRules].sort()).toEqual(fired);
        expect(evaluate(ruleSet, partial, { trace: false })).toEqual({ ...result, trace: null });
      }),
      RUNS,
    );
  });

  it("is deterministic: same input, same output (compiled or not)", () => {
    fc.assert(
      fc.property(ruleSetArb(true), answerPairArb, (ruleSet, { partial }) => {
        const compiled = compile(ruleSet);
        const first = evaluate(compiled, partial);
        expect(evaluate(compiled, partial)).toEqual(first);
        expect(evaluate(compile(structuredClone(ruleSet)), structuredClone(partial))).toEqual(first);
      }),
    );
  });

  it("does not depend on rule order within the document (disposition, fired set, missing facts)", () => {
    fc.assert(
      fc.property(
        ruleSetArb(true).chain((rs) => fc.shuffledSubarray(rs.rules, { minLength: rs.rules.length }).map((rules) => [rs, { ...rs, rules }] as const)),
        answerPairArb,
        ([original, shuffled], { partial }) => {
          const a = evaluate(original, partial, { trace: false });
          const b = evaluate(shuffled, partial, { trace: false });
          expect(b.disposition).toEqual(a.disposition);
          expect([...b.firedRules].sort()).toEqual([...a.firedRules].sort());
          expect(b.missingFacts).toEqual(a.missingFacts);
          expect(b.complete).toBe(a.complete);
        },
      ),
      RUNS,
    );
  });

  it("adding a rule never lowers the urgency of the result", () => {
    fc.assert(
      fc.property(ruleSetArb(true), ruleArb(true), answerPairArb, (ruleSet, extra, { partial }) => {
        const before = evaluate(ruleSet, partial, { trace: false });
        const withExtra = { ...ruleSet, rules: [...ruleSet.rules, { id: "extra", title: "Extra", ...extra }] };
        const after = evaluate(withExtra, partial, { trace: false });
        expect(rankOf(after.disposition?.id)).toBeLessThanOrEqual(rankOf(before.disposition?.id));
        // and every rule that fired before still fires
        for (const id of before.firedRules) expect(after.firedRules).toContain(id);
      }),
      RUNS,
    );
  });

  it("answering more questions never un-fires a fired rule, never revives a false one, never lowers urgency (no presence checks)", () => {
    fc.assert(
      fc.property(ruleSetArb(false), answerPairArb, (ruleSet, { full, partial }) => {
        const before = evaluate(ruleSet, partial);
        const after = evaluate(ruleSet, full);
        for (const id of before.firedRules) expect(after.firedRules).toContain(id);
        before.trace!.rules.forEach((r, i) => {
          if (r.result !== "unknown") expect(after.trace!.rules[i].result).toBe(r.result);
        });
        expect(rankOf(after.disposition?.id)).toBeLessThanOrEqual(rankOf(before.disposition?.id));
      }),
      RUNS,
    );
  });

  it("unknowns never under-triage: when the result is complete, no way of answering the rest changes it", () => {
    fc.assert(
      fc.property(ruleSetArb(false), answerPairArb, (ruleSet, { full, partial }) => {
        const before = evaluate(ruleSet, partial, { trace: false });
        fc.pre(before.complete);
        const after = evaluate(ruleSet, { ...full, ...partial }, { trace: false });
        expect(after.disposition?.id).toBe(before.disposition?.id);
      }),
      RUNS,
    );
  });

  it("missingFacts is sufficient: answering only other questions never changes the result", () => {
    fc.assert(
      fc.property(ruleSetArb(false), answerPairArb, (ruleSet, { full, partial }) => {
        const before = evaluate(ruleSet, partial, { trace: false });
        const others = Object.fromEntries(Object.entries(full).filter(([k]) => !before.missingFacts.includes(k)));
        const after = evaluate(ruleSet, { ...others, ...partial }, { trace: false });
        expect(after.disposition?.id).toBe(before.disposition?.id);
      }),
      RUNS,
    );
  });

  it("if some answers to the missing questions make the result more urgent, those questions were listed", () => {
    fc.assert(
      fc.property(ruleSetArb(false), answerPairArb, (ruleSet, { full, partial }) => {
        const before = evaluate(ruleSet, partial, { trace: false });
        const after = evaluate(ruleSet, { ...full, ...partial }, { trace: false });
        if (rankOf(after.disposition?.id) < rankOf(before.disposition?.id)) {
          expect(before.complete).toBe(false);
          // the more urgent result comes from a rule whose facts include a listed missing question
          const winner = ruleSet.rules.find((r) => after.firedRules[0] === r.id)!;
          const mentioned = JSON.stringify(winner.when);
          expect(before.missingFacts.some((f) => mentioned.includes(`"${f}"`))).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
