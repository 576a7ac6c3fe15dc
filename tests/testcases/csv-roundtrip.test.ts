/**
 * Property: any valid suite for any rule set survives export -> import as CSV
 * and as JSON unchanged (up to null answers, which both mean unanswered).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Fact, RuleSetInput } from "../../lib/engine";
import { parseTestCasesCsv, parseTestCasesJson, testCasesToCsv, testCasesToJson, TestCaseSchema, type TestCase } from "../../lib/testcases";

// Includes ids that collide with the test-case columns, which the CSV writes as "fact:<id>".
const factId = fc.constantFrom("fever", "bladder", "note", "name", "id", "tags", "pain_score", "onset", "areas", "x1", "duration_hours");
const optionIds = fc.uniqueArray(fc.constantFrom("back", "leg", "groin", "none", "o1", "yes"), { minLength: 1, maxLength: 4 });

const factArb: fc.Arbitrary<(id: string) => Fact> = fc.oneof(
  fc.constant((id: string): Fact => ({ id, type: "boolean", question: `${id}?` })),
  fc
    .record({ min: fc.integer({ min: -100, max: 0 }), span: fc.integer({ min: 1, max: 5000 }), unit: fc.constantFrom(undefined, "hours", "°C") })
    .map(({ min, span, unit }) => (id: string): Fact => ({ id, type: "number", question: `${id}?`, min, max: min + span, ...(unit ? { unit } : {}) })),
  optionIds.map((ids) => (id: string): Fact => ({ id, type: "singleChoice", question: `${id}?`, options: ids.map((o) => ({ id: o, label: o })) })),
  optionIds.map((ids) => (id: string): Fact => ({ id, type: "multipleChoice", question: `${id}?`, options: ids.map((o) => ({ id: o, label: o })) })),
);

const ruleSetArb: fc.Arbitrary<RuleSetInput> = fc
  .record({
    ids: fc.uniqueArray(factId, { minLength: 1, maxLength: 6 }),
    makers: fc.array(factArb, { minLength: 6, maxLength: 6 }),
    dispositions: fc.integer({ min: 1, max: 4 }),
    rules: fc.integer({ min: 0, max: 4 }),
    guidance: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ ids, makers, dispositions, rules, guidance }) => ({
    schemaVersion: 1 as const,
    metadata: { slug: "generated", title: "Generated" },
    facts: ids.map((id, i) => makers[i](id)),
    dispositions: Array.from({ length: dispositions }, (_, i) => ({ id: `d${i}`, label: `D${i}`, action: "Act" })),
    rules: Array.from({ length: rules }, (_, i) => ({ id: `r${i}`, title: `R${i}`, when: { all: [] }, disposition: `d${i % dispositions}` })),
    guidance: Array.from({ length: guidance }, (_, i) => ({ id: `g${i}`, title: `G${i}`, body: "" })),
  }));

function answerArb(fact: Fact): fc.Arbitrary<TestCase["answers"][string] | undefined> {
  const unanswered = fc.constantFrom(undefined, null);
  switch (fact.type) {
    case "boolean":
      return fc.oneof(unanswered, fc.boolean());
    case "number":
      return fc.oneof(
        unanswered,
        fc.integer({ min: fact.min!, max: fact.max! }),
        fc.double({ min: fact.min!, max: fact.max!, noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
      );
    case "singleChoice":
      return fc.oneof(unanswered, fc.constantFrom(...fact.options.map((o) => o.id)));
    case "multipleChoice":
      return fc.oneof(unanswered, fc.subarray(fact.options.map((o) => o.id)));
  }
}

// Text with the characters that break naive CSV: separators, quotes, line breaks, formula starts, apostrophes.
const tricky = fc.stringMatching(/^[a-z ,;"'=+\-@\t\r\n()é0-9]{0,20}$/);
const nameArb = fc.oneof(tricky, fc.string({ maxLength: 30 })).filter((s) => s.trim().length > 0);
const tagArb = fc.stringMatching(/^[a-z0-9 ,"'=@-]{1,12}$/).filter((s) => s.trim().length > 0);

function suiteArb(ruleSet: RuleSetInput): fc.Arbitrary<TestCase[]> {
  const ruleIds = ruleSet.rules.map((r) => r.id);
  const guidanceIds = (ruleSet.guidance ?? []).map((g) => g.id);
  const caseArb = fc.record({
    id: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/), fc.constant(undefined)),
    name: nameArb,
    answers: fc.tuple(...ruleSet.facts.map(answerArb)),
    disposition: fc.constantFrom(...ruleSet.dispositions.map((d) => d.id)),
    firedRules: fc.option(fc.subarray(ruleIds), { nil: undefined }),
    guidance: fc.option(fc.subarray(guidanceIds), { nil: undefined }),
    tags: fc.array(tagArb, { maxLength: 3 }),
    note: fc.oneof(tricky, fc.string({ maxLength: 40 })),
  });
  return fc
    .uniqueArray(caseArb, { maxLength: 8, selector: (c) => c.name.trim() })
    .map((cases) =>
      cases.map((c, i) =>
        TestCaseSchema.parse({
          // Unique ids: a generated one or the case's position.
          id: c.id === undefined ? `case-${i}` : `${c.id}-${i}`,
          name: c.name,
          answers: Object.fromEntries(ruleSet.facts.flatMap((f, k) => (c.answers[k] === undefined ? [] : [[f.id, c.answers[k]]]))),
          expected: {
            disposition: c.disposition,
            ...(c.firedRules && c.firedRules.length > 0 ? { firedRules: c.firedRules } : {}),
            ...(c.guidance && c.guidance.length > 0 ? { guidance: c.guidance } : {}),
          },
          tags: c.tags,
          note: c.note,
        }),
      ),
    );
}

const withoutNulls = (cases: TestCase[]) =>
  cases.map((c) => ({ ...c, answers: Object.fromEntries(Object.entries(c.answers).filter(([, v]) => v !== null)) }));

const scenario = ruleSetArb.chain((ruleSet) => suiteArb(ruleSet).map((cases) => ({ ruleSet, cases })));

describe("import/export round trip (property)", () => {
  it("CSV", () => {
    fc.assert(
      fc.property(scenario, ({ ruleSet, cases }) => {
        const text = testCasesToCsv(ruleSet, cases);
        const back = parseTestCasesCsv(ruleSet, text);
        if (!back.ok) throw new Error(`${JSON.stringify(back.errors)}\n${text}`);
        expect(back.testCases).toEqual(withoutNulls(cases));
      }),
      { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 200) },
    );
  });

  it("JSON", () => {
    fc.assert(
      fc.property(scenario, ({ ruleSet, cases }) => {
        const back = parseTestCasesJson(ruleSet, testCasesToJson(cases));
        if (!back.ok) throw new Error(JSON.stringify(back.errors));
        expect(back.testCases).toEqual(cases);
      }),
      { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 100) },
    );
  });
});
