/**
 * Test-case runner benchmark: 1,000 test cases against the generated 200-rule
 * set (bench/fixtures/generate.ts, seed 42), timed as one runTestCases() call
 * including compile, against a 1,000 ms target.
 *
 *   npx tsx bench/testcases.bench.ts
 */
import { compile, evaluate, type RuleSetInput } from "../lib/engine";
import { coverage, runTestCases, type TestCase } from "../lib/testcases";
import { generateAnswers, generateRuleSet } from "./fixtures/generate";

const CASES = Number(process.env.BENCH_CASES ?? 1_000);
const RUNS = 15;
const TARGET_MS = 1_000;

function makeTestCases(ruleSet: RuleSetInput, count: number): TestCase[] {
  const compiled = compile(ruleSet);
  const dispositions = compiled.dispositions.map((d) => d.id);
  return generateAnswers(ruleSet, count, 7).map((answers, i) => {
    const result = evaluate(compiled, answers, { trace: false });
    const actual = result.disposition?.id ?? dispositions[dispositions.length - 1];
    // One case in ten expects a more urgent disposition, so failures (and the under-triage path) are timed too.
    const expected = i % 10 === 0 ? dispositions[Math.max(0, dispositions.indexOf(actual) - 1)] : actual;
    return {
      id: `case-${i}`,
      name: `Generated case ${i}`,
      answers: answers as TestCase["answers"],
      expected: { disposition: expected, firedRules: result.firedRules.slice(0, 2), guidance: result.guidance.slice(0, 1).map((g) => g.id) },
      tags: [],
      note: "",
    };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ruleSet = generateRuleSet(42, 200);
const testCases = makeTestCases(ruleSet, CASES);
console.log(`runTestCases: ${ruleSet.rules.length} rules, ${ruleSet.facts.length} facts, ${testCases.length} test cases, median of ${RUNS} runs`);

const times: number[] = [];
let last = runTestCases(ruleSet, testCases);
for (let i = 0; i < RUNS; i++) {
  // A fresh document object each run so compile() is included, as for a caller holding only JSON.
  const doc = structuredClone(ruleSet);
  const t = performance.now();
  last = runTestCases(doc, testCases);
  times.push(performance.now() - t);
}
const ms = median(times);
console.log(`passed ${last.passed}, failed ${last.failed} (under-triage ${last.underTriage}), invalid ${last.invalid}, incomplete ${last.incomplete}`);
console.log(`whole run (compile + ${testCases.length} cases): median ${ms.toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms`);
console.log(`target ${TARGET_MS} ms -> ratio ${(ms / TARGET_MS).toFixed(3)} (${(TARGET_MS / ms).toFixed(1)}× headroom)`);

const t = performance.now();
const cov = coverage(ruleSet, last);
console.log(`coverage(): ${(performance.now() - t).toFixed(1)} ms; rules ${cov.rules.percent}%, dispositions ${cov.dispositions.percent}%, guidance ${cov.guidance.percent}%`);
