/**
 * Impact-preview benchmark on the generated 200-rule set (seed 42) and a draft
 * of it with a few realistic edits: two rules made less urgent, one threshold
 * moved, one rule disabled, one new rule.
 *
 *   npx tsx bench/impact.bench.ts
 *
 * Times exploreAnswerSpace() with the default 20,000 samples (target: ~1–2 s)
 * and compareOnTestCases() on 1,000 test cases.
 */
import type { Condition, RuleSetInput } from "../lib/engine";
import { compareOnTestCases, exploreAnswerSpace } from "../lib/preview/impact";
import type { TestCase } from "../lib/testcases";
import { generateAnswers, generateRuleSet } from "./fixtures/generate";

const RUNS = 5;
const TARGET_MS = 2_000;

function draftOf(published: RuleSetInput): RuleSetInput {
  const draft = structuredClone(published);
  const rules = draft.rules;
  const urgent = rules.filter((r) => r.disposition === "d0" || r.disposition === "d1");
  urgent[0].disposition = "d3";
  urgent[1].disposition = "d4";
  // Move the first numeric threshold found by 10%.
  const bump = (c: Condition): boolean => {
    if ("all" in c) return c.all.some(bump);
    if ("any" in c) return c.any.some(bump);
    if ("not" in c) return bump(c.not);
    if ((c.op === "gt" || c.op === "lt") && typeof c.value === "object" && c.value !== null && "value" in c.value) {
      c.value = { ...c.value, value: c.value.value * 1.1 };
      return true;
    }
    return false;
  };
  rules.some((r) => bump(r.when));
  rules[5].enabled = false;
  rules.push({ ...structuredClone(rules[10]), id: "rule_new", title: "New rule", disposition: "d1" });
  return draft;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const result = f();
  return [result, performance.now() - t];
};

const published = generateRuleSet(42, 200);
const draft = draftOf(published);

const exploreTimes: number[] = [];
let report = exploreAnswerSpace(published, draft, { seed: 1 });
for (let i = 0; i < RUNS; i++) {
  const [r, ms] = time(() => exploreAnswerSpace(structuredClone(published), structuredClone(draft), { seed: 1 }));
  report = r;
  exploreTimes.push(ms);
}
if (!report.comparable) throw new Error("expected a comparable report");
const ms = median(exploreTimes);
console.log(`exploreAnswerSpace: ${published.rules.length} vs ${draft.rules.length} rules, ${report.factsConsidered.length} facts considered, mode ${report.mode}`);
console.log(`  explored ${report.total} answer sets of ~${report.combinations.toExponential(2)}; changed ${report.changedDisposition}, reduced ${report.reducedUrgency}, increased ${report.increasedUrgency}; ${report.examples.length} examples`);
console.log(`  first example: ${report.examples[0]?.urgency} ${report.examples[0]?.published.disposition} -> ${report.examples[0]?.draft.disposition}: ${report.examples[0]?.description}`);
console.log(`  median ${ms.toFixed(0)} ms of ${RUNS} runs (min ${Math.min(...exploreTimes).toFixed(0)}); target ${TARGET_MS} ms -> ratio ${(ms / TARGET_MS).toFixed(2)}`);

const testCases: TestCase[] = generateAnswers(published, 1_000, 9).map((answers, i) => ({
  id: `case-${i}`,
  name: `Case ${i}`,
  answers: answers as TestCase["answers"],
  expected: { disposition: "d0" },
  tags: [],
  note: "",
}));
const compareTimes: number[] = [];
let totals = "";
for (let i = 0; i < RUNS; i++) {
  const [r, t] = time(() => compareOnTestCases(structuredClone(published), structuredClone(draft), testCases));
  if (r.comparable) totals = JSON.stringify(r.totals);
  compareTimes.push(t);
}
console.log(`compareOnTestCases: 1,000 cases, median ${median(compareTimes).toFixed(0)} ms; ${totals}`);
