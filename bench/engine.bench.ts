/**
 * Engine benchmark: evaluates the same rule sets and answer sets with
 * lib/engine, json-rules-engine and @gorules/zen-engine, checks that all three
 * reach the same disposition on every case, and reports evaluations/second.
 *
 *   npx tsx bench/engine.bench.ts            (npm run bench:engine)
 *   BENCH_CASES=20000 npx tsx bench/engine.bench.ts   (quicker run)
 *
 * Exits with code 1 if any engine disagrees on any checked case.
 */
import { compile, evaluate, type Answers, type RuleSetInput } from "../lib/engine";
import { backPainBenchRuleSet } from "./fixtures/back-pain-bench";
import { generateAnswers, generateRuleSet } from "./fixtures/generate";
import { buildJsonRulesEngine, buildZenDecision } from "./fixtures/other-engines";

const CASES = Number(process.env.BENCH_CASES ?? 100_000);
// json-rules-engine is far slower; give it a time budget per rule set and
// check agreement on as many cases as fit (stated in the output).
const JRE_BUDGET_MS = Number(process.env.BENCH_JRE_BUDGET_MS ?? 20_000);
// zen is checked on every case in batched mode; the sequential-await rate is
// measured within a time budget so the whole run stays under ~3 minutes.
const ZEN_SEQUENTIAL_BUDGET_MS = Number(process.env.BENCH_ZEN_BUDGET_MS ?? 20_000);
const ZEN_BATCH = 1_000;

interface Disagreement {
  index: number;
  engine: string;
  ours: number | null;
  theirs: number | null;
  answers: Answers;
}

const now = () => performance.now();
const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function benchRuleSet(name: string, ruleSet: RuleSetInput, seed: number) {
  console.log(`\n=== ${name}: ${ruleSet.rules.length} rules, ${ruleSet.facts.length} facts, ${fmt(CASES)} answer sets`);
  const cases = generateAnswers(ruleSet, CASES, seed);
  const unanswered = cases.reduce((n, a) => n + (ruleSet.facts.length - Object.keys(a).length), 0) / (cases.length * ruleSet.facts.length);
  console.log(`unanswered questions: ${(unanswered * 100).toFixed(1)}% of all question slots`);

  // --- ours
  const compiled = compile(ruleSet);
  const ours = new Array<number | null>(cases.length);
  const rankOf = new Map(compiled.dispositions.map((d, i) => [d.id, i]));
  const runOurs = () => {
    for (let i = 0; i < cases.length; i++) {
      const result = evaluate(compiled, cases[i], { trace: false });
      ours[i] = result.decidedBy === "rule" ? rankOf.get(result.disposition!.id)! : null;
    }
  };
  runOurs(); // warm-up (JIT)
  let t = now();
  runOurs();
  const oursRate = rate(cases.length, now() - t);
  const traced = Math.min(cases.length, 20_000);
  t = now();
  for (let i = 0; i < traced; i++) evaluate(compiled, cases[i]);
  const oursTraceRate = rate(traced, now() - t);
  const fired = ours.filter((r) => r !== null).length;
  const distribution = compiled.dispositions.map((d, i) => `${d.id} ${ours.filter((r) => r === i).length}`).join(", ");
  console.log(`outcomes: ${distribution}, none ${cases.length - fired}`);
  console.log(`lib/engine (trace: false)         ${fmt(oursRate).padStart(12)} evals/s   (${(1e6 / oursRate).toFixed(2)} µs/eval)`);
  console.log(`lib/engine (with trace)           ${fmt(oursTraceRate).padStart(12)} evals/s   (${(1e6 / oursTraceRate).toFixed(2)} µs/eval, first ${fmt(traced)} cases)`);

  const disagreements: Disagreement[] = [];
  const compare = (engine: string, index: number, theirs: number | null) => {
    if (theirs !== ours[index]) disagreements.push({ index, engine, ours: ours[index], theirs, answers: cases[index] });
  };

  // --- json-rules-engine (sequential; it is async)
  const jre = buildJsonRulesEngine(ruleSet);
  for (let i = 0; i < 200; i++) await jre(cases[i]); // warm-up
  t = now();
  let jreChecked = 0;
  while (jreChecked < cases.length && now() - t < JRE_BUDGET_MS) {
    compare("json-rules-engine", jreChecked, await jre(cases[jreChecked]));
    jreChecked++;
  }
  const jreRate = rate(jreChecked, now() - t);
  const jreNote = jreChecked === cases.length ? "all cases checked" : `time budget reached: agreement checked on the first ${fmt(jreChecked)} cases`;
  console.log(`json-rules-engine (sequential)    ${fmt(jreRate).padStart(12)} evals/s   (${jreNote})`);

  // --- zen-engine: batched Promise.all over every case, then sequential await
  const zen = buildZenDecision(ruleSet);
  for (let i = 0; i < 1000; i++) await zen.evaluate(cases[i]); // warm-up
  t = now();
  for (let start = 0; start < cases.length; start += ZEN_BATCH) {
    const batch = cases.slice(start, start + ZEN_BATCH);
    const results = await Promise.all(batch.map((answers) => zen.evaluate(answers)));
    results.forEach((r, j) => compare("zen (batched)", start + j, r));
  }
  const zenBatchRate = rate(cases.length, now() - t);
  t = now();
  let zenChecked = 0;
  while (zenChecked < cases.length && now() - t < ZEN_SEQUENTIAL_BUDGET_MS) {
    compare("zen (sequential)", zenChecked, await zen.evaluate(cases[zenChecked]));
    zenChecked++;
  }
  const zenSeqRate = rate(zenChecked, now() - t);
  zen.dispose();
  const zenNote = zenChecked === cases.length ? "all cases checked" : `time budget reached: measured on the first ${fmt(zenChecked)} cases`;
  console.log(`zen-engine (Promise.all × ${ZEN_BATCH})   ${fmt(zenBatchRate).padStart(12)} evals/s   (all cases checked)`);
  console.log(`zen-engine (sequential await)     ${fmt(zenSeqRate).padStart(12)} evals/s   (${zenNote})`);

  console.log(`ratio ours / json-rules-engine:   ${(oursRate / jreRate).toFixed(1)}x`);
  console.log(`ratio ours / zen sequential:      ${(oursRate / zenSeqRate).toFixed(1)}x`);
  console.log(`ratio ours / zen batched:         ${(oursRate / zenBatchRate).toFixed(1)}x`);
  return { disagreements, oursRate, jreRate, zenSeqRate, zenBatchRate };
}

async function main() {
  const started = now();
  const results = [
    await benchRuleSet("back-pain (bench fixture)", backPainBenchRuleSet, 1),
    await benchRuleSet("generated (seed 42)", generateRuleSet(42, 200), 2),
  ];
  const disagreements = results.flatMap((r) => r.disagreements);
  console.log(`\ntotal time ${((now() - started) / 1000).toFixed(1)} s`);
  if (disagreements.length > 0) {
    console.error(`\nFAIL: ${disagreements.length} disagreement(s). First few:`);
    for (const d of disagreements.slice(0, 5)) {
      console.error(`  case ${d.index} ${d.engine}: ours=${d.ours} theirs=${d.theirs} answers=${JSON.stringify(d.answers)}`);
    }
    process.exit(1);
  }
  console.log("OK: all engines agree on every checked case.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
