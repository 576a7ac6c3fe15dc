/**
 * The solver (lib/verify): proving every invariant plus the exact impact
 * against the published version, over EVERY answer set.
 *
 *   npm run bench:verify
 *
 * Cases:
 * - back-pain as shipped (content/back-pain) against itself published: the
 *   common case of a draft with no reductions;
 * - the unsafe back-pain copy of issue #12 (tingling demoted to urgent, default
 *   self-care, 48 h → 7 days) against back-pain: violated invariants and
 *   reductions, so every counterexample is minimised;
 * - the generated 200-rule set (bench/fixtures/generate.ts, seed 42) with its
 *   red flags tagged and explicit invariants, against a draft with realistic
 *   edits (as bench/impact.bench.ts).
 *
 * Solver start-up (once per process) is printed separately; "warm" figures are
 * medians of RUNS runs after it. Baseline, in the same run: the sampled
 * explorer it replaces as the answer (lib/preview exploreAnswerSpace, 20,000
 * answer sets), which proves nothing. Targets: back-pain < 1 s warm, 200 rules
 * < 10 s warm.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Condition, Invariant, RuleSetInput } from "../lib/engine";
import { exploreAnswerSpace } from "../lib/preview/impact";
import { loadSolver } from "../lib/verify/solver";
import { verifyRuleSet } from "../lib/verify/verify";
import { generateRuleSet } from "./fixtures/generate";
import { unsafeBackPainCopy } from "./fixtures/unsafe-back-pain";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const backPain = JSON.parse(readFileSync(path.join(process.cwd(), "content/back-pain/back-pain.ruleset.json"), "utf8")) as RuleSetInput;

/** The generated set with the rules of the two most urgent dispositions tagged red-flag and a few explicit invariants. */
function generatedWithSafety(): RuleSetInput {
  const ruleSet = generateRuleSet(42, 200);
  ruleSet.rules = ruleSet.rules.map((rule, i) => (rule.disposition === "d0" && i % 3 === 0 ? { ...rule, tags: [...(rule.tags ?? []), "red-flag"] } : rule));
  const yes = (fact: string): Condition => ({ fact, op: "eq", value: true });
  const firstD0 = ruleSet.rules.find((r) => r.disposition === "d0")!;
  const invariants: Invariant[] = [
    { id: "first_emergency_rule_stays", kind: "atLeast", when: firstD0.when, disposition: "d0", rationale: "", citations: [] },
    { id: "b0_and_b1", kind: "atLeast", when: { all: [yes("b0"), yes("b1")] }, disposition: "d3", rationale: "", citations: [] },
    { id: "least_urgent_only_when_b2_answered", kind: "onlyWhen", disposition: "d4", when: { fact: "b2", op: "answered" }, rationale: "", citations: [] },
  ];
  return { ...ruleSet, invariants };
}

function draftOf(published: RuleSetInput): RuleSetInput {
  const draft = structuredClone(published);
  const urgent = draft.rules.filter((r) => r.disposition === "d0" || r.disposition === "d1");
  urgent[0].disposition = "d3";
  urgent[1].disposition = "d4";
  draft.rules[5].enabled = false;
  draft.rules.push({ ...structuredClone(draft.rules[10]), id: "rule_new", title: "New rule", disposition: "d1" });
  return draft;
}

interface Case {
  name: string;
  draft: RuleSetInput;
  published: RuleSetInput;
  targetMs: number;
}

async function main() {
  const started = performance.now();
  await loadSolver();
  const startupMs = performance.now() - started;
  console.log(`solver start-up (z3-solver WebAssembly, once per process): ${startupMs.toFixed(0)} ms`);
  console.log(`warm figures: median of ${RUNS} runs; baseline: sampled exploration (20,000 answer sets), same draft and published version`);

  const generated = generatedWithSafety();
  const cases: Case[] = [
    { name: "back-pain vs itself", draft: backPain, published: backPain, targetMs: 1_000 },
    { name: "unsafe back-pain copy vs back-pain", draft: unsafeBackPainCopy(backPain), published: backPain, targetMs: 1_000 },
    { name: "generated 200 rules vs edited draft", draft: draftOf(generated), published: generated, targetMs: 10_000 },
  ];
  let allMet = true;
  for (const c of cases) {
    const times: number[] = [];
    let summary = "";
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const report = await verifyRuleSet({ document: structuredClone(c.draft), published: { version: 1, document: structuredClone(c.published) }, timeBudgetMs: 60_000 });
      times.push(performance.now() - t);
      const reductions = report.impact.comparable ? report.impact.reductions : null;
      summary = `${report.invariants.length} invariants (${report.summary.proven} proven, ${report.summary.violated} violated, ${report.summary.undecided} undecided); reductions ${reductions?.status} (${reductions?.pairs.filter((p) => p.status === "found").length} pairs found); ${report.solver.checks} solver checks`;
    }
    const exploreTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      exploreAnswerSpace(structuredClone(c.published), structuredClone(c.draft), { seed: 1 });
      exploreTimes.push(performance.now() - t);
    }
    const ms = median(times);
    const met = ms < c.targetMs;
    allMet &&= met;
    console.log(`\n${c.name}: ${summary}`);
    console.log(`  verify (exact, every answer set): median ${ms.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
    console.log(`  baseline sampled exploration:     median ${median(exploreTimes).toFixed(0)} ms -> ratio verify/baseline ${(ms / median(exploreTimes)).toFixed(2)}`);
    console.log(`  target < ${c.targetMs} ms warm: ${met ? "met" : "NOT met"}`);
  }
  console.log(`\n${allMet ? "all targets met" : "some targets NOT met"}`);
  process.exit(allMet ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
