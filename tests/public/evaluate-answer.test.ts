import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluate, RuleSetSchema, type Answers, type CompiledRuleSet, type Disposition, type EvaluationResult, type RuleSet } from "@/lib/engine";
import { BACK_PAIN_DIR } from "@/lib/content/seed-back-pain";
import { answerDomains } from "@/lib/preview/domains";
import type { PublishedVersionEntry } from "@/lib/public/catalog";
import { answerJson, answerObject } from "@/lib/public/evaluate-answer";
import { domainOf, partialArb, ruleSetArb } from "../engine/arbitraries";

/**
 * The evaluate answer is assembled from JSON made once per version (lib/public/evaluate-answer.ts).
 * It must be byte for byte what serialising the answer object gives, and that object what the
 * service built before the pieces were cached (the straightforward construction below, kept as
 * the oracle), for every answer set: the back-pain document's and random rule sets'.
 */

/** The answer exactly as evaluatePublished built it before: a fresh object per request. */
function referenceAnswer(slug: string, version: { number: number; contentHash: string; document: RuleSet }, compiled: CompiledRuleSet, result: EvaluationResult) {
  const facts = new Map(version.document.facts.map((fact) => [fact.id, fact]));
  const rules = new Map(version.document.rules.map((rule) => [rule.id, rule]));
  const dispositionRef = (disposition: Disposition | null) =>
    disposition
      ? { id: disposition.id, label: disposition.label, action: disposition.action, urgencyRank: version.document.dispositions.findIndex((d) => d.id === disposition.id) }
      : null;
  const question = (id: string) => ({ id, question: facts.get(id)?.question ?? id });
  const block = (g: { id: string; title: string; body: string }) => ({ id: g.id, title: g.title, body: g.body });
  return {
    ruleSet: { slug, version: version.number, contentHash: version.contentHash },
    disposition: dispositionRef(result.disposition),
    decidedBy: result.decidedBy,
    final: result.final,
    couldEscalateTo: result.final ? null : dispositionRef(result.couldEscalateTo),
    escalationFacts: result.final ? [] : result.escalationFacts.map(question),
    complete: result.complete,
    guidance: result.guidance.map(block),
    escalationGuidance: result.final || !result.couldEscalateTo ? [] : compiled.dispositionGuidance[compiled.dispositions.indexOf(result.couldEscalateTo)].map(block),
    firedRules: result.firedRules.map((id) => ({ id, title: rules.get(id)?.title ?? id })),
    missingFacts: result.missingFacts.map(question),
  };
}

function versionOf(document: RuleSet, number = 3): { entry: PublishedVersionEntry; compiled: CompiledRuleSet } {
  const compiled = compile(document);
  // Only what the answer reads: number, contentHash, document (the body and dates belong to the GET routes).
  const entry = { number, publishedAt: new Date(0), document, contentHash: `sha256:${"ab".repeat(32)}`, compiled: () => compiled } as unknown as PublishedVersionEntry;
  return { entry, compiled };
}

function expectSameAnswer(slug: string, entry: PublishedVersionEntry, compiled: CompiledRuleSet, answers: Answers) {
  const result = evaluate(compiled, answers, { trace: false });
  const expected = referenceAnswer(slug, entry, compiled, result);
  const object = answerObject(slug, entry, compiled, result);
  expect(object).toStrictEqual(expected);
  expect(answerJson(slug, entry, compiled, result)).toBe(JSON.stringify(expected));
}

describe("evaluate answer assembled from cached JSON", () => {
  const backPain = RuleSetSchema.parse(JSON.parse(readFileSync(path.join(BACK_PAIN_DIR, "back-pain.ruleset.json"), "utf8")));
  const { entry, compiled } = versionOf(backPain);
  const domains = answerDomains(compiled, compiled);
  const recordOf = (chosen: typeof domains) => fc.record(Object.fromEntries(chosen.map((d) => [d.id, fc.constantFrom(...d.values)])), { requiredKeys: [] }) as fc.Arbitrary<Answers>;
  // Any question answered, or only a few (so that often no rule fires), or the benchmark's body (a provisional default).
  const answersArb = fc.oneof(
    recordOf(domains),
    fc.subarray(domains, { maxLength: 3 }).chain(recordOf),
    fc.constant<Answers>({ pain_present: true, saddle_numbness: false, bowel_bladder_change: false, symptom_duration_hours: 30 }),
  );

  it("is identical to the reference for generated back-pain answer sets", () => {
    fc.assert(fc.property(answersArb, (answers) => expectSameAnswer("back-pain", entry, compiled, answers)), { numRuns: 500 });
  });

  it("covers final and provisional, rule and default outcomes on back-pain", () => {
    const seen = new Set<string>();
    for (const answers of fc.sample(answersArb, { numRuns: 500, seed: 13 })) {
      const result = evaluate(compiled, answers, { trace: false });
      seen.add(`${result.final}/${result.decidedBy}`);
    }
    // The property above is only meaningful if the generated answers reach these kinds of outcome.
    expect([...seen]).toEqual(expect.arrayContaining(["true/rule", "false/default", "false/rule"]));
  });

  it("is identical to the reference for random rule sets and answers, cached parts reused across answers", () => {
    fc.assert(
      fc.property(ruleSetArb, fc.array(partialArb, { minLength: 1, maxLength: 4 }), (input, answerSets) => {
        const { entry: version, compiled: compiledVersion } = versionOf(RuleSetSchema.parse(input), 1);
        expect(domainOf(input).size).toBeGreaterThan(0);
        for (const answers of answerSets) expectSameAnswer("random", version, compiledVersion, answers);
      }),
      { numRuns: 200 },
    );
  });

  it("escapes text that needs it exactly as JSON.stringify does", () => {
    const tricky = structuredClone(backPain);
    tricky.dispositions[0].label = 'Quote " backslash \\ newline \n tab \t emoji 🚑 lone \ud800 control \u0001';
    tricky.facts[0].question = "“Typographic” </script> \u2028";
    const { entry: version, compiled: trickyCompiled } = versionOf(tricky, 2);
    for (const answers of fc.sample(answersArb, { numRuns: 200, seed: 7 }))
      expectSameAnswer("tricky", version, trickyCompiled, answers);
  });
});
