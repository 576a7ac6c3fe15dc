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
import { compile, evaluate } from "../../lib/engine";
import { domainOf, extensions, partialArb, ruleSetArb } from "./arbitraries";
import { makeRuleSet, no, yes } from "./fixtures";

const RANK: Record<string, number> = { emergency: 0, see_doctor: 1, self_care: 2 };
const NONE = 3;
const rankOf = (id: string | undefined | null) => (id ? RANK[id] : NONE);

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
