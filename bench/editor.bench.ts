/**
 * Draft editor keystroke benchmark: what one keystroke costs on a 200-rule set,
 * against a 16 ms frame budget (60 fps).
 *
 *   npx tsx bench/editor.bench.ts
 *
 * The per-keystroke path is: reducer update, the plain-language sentence of the
 * selected rule, the rule list's view model, and rendering the selected rule's
 * form plus the one list row whose props changed (the other rows are memoised).
 * Lint runs on a debounced copy of the document (once typing pauses), so it is
 * reported separately, as is the save-time schema check.
 *
 * Rendering is measured with react-dom/server as a stand-in for a client
 * render; it is a rough guide (no DOM diffing), not a browser measurement.
 */
import { mulberry32 as prng } from "../lib/preview/prng";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ItemListRow } from "../components/ruleset-editor/item-list";
import { RuleForm } from "../components/ruleset-editor/rule-form";
import { editorReducer, initEditorState, type EditorAction, type EditorState } from "../components/ruleset-editor/editor-reducer";
import { indexIssues } from "../components/ruleset-editor/lint-utils";
import { describeCondition, factLookup } from "../lib/engine/describe";
import { lintRuleSet } from "../lib/engine/lint";
import { RuleSetSchema, type Condition, type RuleSetInput } from "../lib/engine/schema";

const RULES = Number(process.env.BENCH_RULES ?? 200);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 400);
const FRAME_MS = 16;

// ---------------------------------------------------------------------------
// A deterministic, realistic-looking rule set


function generate(ruleCount: number, seed = 42): RuleSetInput {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const facts: RuleSetInput["facts"] = [];
  for (let i = 0; i < 40; i++) facts.push({ id: `symptom_${i}`, type: "boolean", label: `symptom ${i}`, question: `Do you have symptom ${i}?` });
  facts.push({ id: "duration", type: "number", unit: "hours", min: 0, max: 2000, label: "symptom duration", question: "How long has it lasted?" });
  facts.push({ id: "temperature", type: "number", unit: "°C", min: 34, max: 43, label: "temperature", question: "What is your temperature?" });
  facts.push({ id: "pain_score", type: "number", min: 0, max: 10, label: "pain score", question: "Pain from 0 to 10?" });
  for (let i = 0; i < 5; i++) {
    facts.push({
      id: `choice_${i}`,
      type: i < 3 ? "singleChoice" : "multipleChoice",
      label: `choice ${i}`,
      question: `Which applies (${i})?`,
      options: Array.from({ length: 4 }, (_, j) => ({ id: `opt_${j}`, label: `Option ${j}` })),
    });
  }
  const comparison = (): Condition => {
    const r = random();
    if (r < 0.6) return { fact: `symptom_${Math.floor(random() * 40)}`, op: "eq", value: random() < 0.85 };
    if (r < 0.7) return { fact: "duration", op: "gt", value: random() < 0.5 ? { value: 1 + Math.floor(random() * 6), unit: "days" } : 24 * (1 + Math.floor(random() * 6)) };
    if (r < 0.78) return { fact: "temperature", op: "gte", value: 37 + Math.floor(random() * 5) };
    if (r < 0.85) return { fact: "pain_score", op: "between", min: 5, max: 10 };
    const id = `choice_${Math.floor(random() * 5)}`;
    return id < "choice_3" ? { fact: id, op: "eq", value: `opt_${Math.floor(random() * 4)}` } : { fact: id, op: "includes", value: `opt_${Math.floor(random() * 4)}` };
  };
  const condition = (depth: number): Condition =>
    depth >= 2 || random() < 0.65 ? comparison() : { any: Array.from({ length: 2 + Math.floor(random() * 2) }, () => condition(depth + 1)) };
  const dispositions = ["emergency", "urgent_care", "see_gp", "pharmacy", "self_care"];
  return {
    schemaVersion: 1,
    metadata: { slug: "bench-set", title: "Benchmark rule set", description: "", audience: "Adults", locales: ["en"] },
    facts,
    dispositions: dispositions.map((id, i) => ({ id, label: `Disposition ${i}`, action: `Do thing ${i}`, guidance: [`g_${i}`] })),
    defaultDisposition: "self_care",
    rules: Array.from({ length: ruleCount }, (_, i) => ({
      id: `rule_${i}`,
      title: `Rule ${i}: ${pick(["red flag", "infection", "injury", "chronic pain", "medication"])}`,
      when: { all: Array.from({ length: 2 + Math.floor(random() * 3) }, () => condition(1)) },
      disposition: pick(dispositions),
      guidance: random() < 0.3 ? [`g_${Math.floor(random() * 8)}`] : [],
      rationale: "Because the guideline says so.",
      citations: [{ source: "guideline.txt", statement: "A quoted statement." }],
      enabled: random() > 0.05,
      tags: random() < 0.4 ? ["red-flag"] : [],
    })),
    guidance: Array.from({ length: 8 }, (_, i) => ({ id: `g_${i}`, title: `Guidance ${i}`, body: `**Advice** number ${i}.\n\n- one\n- two`, citations: [] })),
  };
}

// ---------------------------------------------------------------------------
// Measurement helpers

function time(label: string, runs: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(runs, 20); i++) fn(i); // warm-up (JIT)
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn(i);
  const ms = (performance.now() - start) / runs;
  rows.push({ label, ms });
  return ms;
}

const rows: { label: string; ms: number; note?: string }[] = [];
const fmt = (ms: number) => (ms < 0.01 ? ms.toFixed(4) : ms < 1 ? ms.toFixed(3) : ms.toFixed(2));

// ---------------------------------------------------------------------------

const doc = generate(RULES);
const selected = Math.floor(RULES / 2);
const title = doc.rules[selected].title;
let state: EditorState = initEditorState({ initialDocument: doc, initialRevision: 1 });
const typing: EditorAction[] = Array.from({ length: KEYSTROKES }, (_, i) => ({
  type: "rule/set",
  index: selected,
  field: "title",
  value: `${title} ${"x".repeat(1 + (i % 30))}`,
}));

console.log(`Draft editor benchmark: ${RULES} rules, ${doc.facts.length} questions, ${KEYSTROKES} keystrokes in rule ${selected}'s title\n`);

const reducerMs = time("reducer: type in a rule title", KEYSTROKES, (i) => {
  state = editorReducer(state, typing[i]);
});
const renameMs = time("reducer: type in a question id (renames refs in all rules)", KEYSTROKES, (i) => {
  state = editorReducer(state, { type: "fact/set", index: 0, field: "id", value: i % 2 ? "symptom_0" : "symptom_zero" });
});
const describeMs = time("describe: sentence under the condition builder", KEYSTROKES, () => {
  describeCondition(state.doc.rules[selected].when, factLookup(state.doc));
});
const listMs = time("rule list view model (200 rows, memo compare)", KEYSTROKES, () => {
  state.doc.rules.map((r) => ({ key: r.id, title: r.title, subtitle: r.id, chips: [r.disposition, ...(r.tags ?? [])].join("\u001f"), errors: 0, warnings: 0 }));
});

// Rendering: the selected rule's form and the single row whose props changed.
const noop = () => {};
const issues = lintRuleSet(state.doc);
const lint = indexIssues(issues);
const formMs = time("render: selected rule's form (SSR stand-in)", 100, () => {
  renderToStaticMarkup(
    createElement(RuleForm, { doc: state.doc, rule: state.doc.rules[selected], index: selected, dispatch: noop, issues: lint.issuesByItem.rules.get(selected), onJump: noop }),
  );
});
const rowProps = (i: number) => ({
  index: i,
  selected: i === selected,
  showNumber: true,
  title: state.doc.rules[i].title,
  subtitle: state.doc.rules[i].id,
  chips: "→ Disposition 1\u001f#red-flag",
  errors: 0,
  warnings: 1,
  onSelect: noop,
});
const rowMs = time("render: one memoised list row", 500, () => {
  renderToStaticMarkup(createElement("ul", null, createElement(ItemListRow, rowProps(selected))));
});
const allRowsMs = time("(for comparison) render all rows, no memo", 20, () => {
  renderToStaticMarkup(createElement("ul", null, state.doc.rules.map((_, i) => createElement(ItemListRow, { key: i, ...rowProps(i) }))));
});

const keystrokeMs = reducerMs + describeMs + listMs + formMs + rowMs;

const lintMs = time("lint (debounced: once per typing pause)", 15, () => {
  indexIssues(lintRuleSet(state.doc));
});
time("schema check (on Save only)", 30, () => {
  RuleSetSchema.safeParse(state.doc);
});

const width = Math.max(...rows.map((r) => r.label.length));
for (const row of rows) console.log(`${row.label.padEnd(width)}  ${fmt(row.ms).padStart(9)} ms`);
console.log("");
const verdict = (ms: number) => (ms <= FRAME_MS ? `within the ${FRAME_MS} ms frame budget (${((ms / FRAME_MS) * 100).toFixed(1)}%)` : `OVER the ${FRAME_MS} ms frame budget`);
console.log(`Per keystroke (reducer + describe + list model + form + 1 row): ${fmt(keystrokeMs)} ms → ${verdict(keystrokeMs)}`);
console.log(`Per keystroke in a question id (rename cascade instead of title): ${fmt(keystrokeMs - reducerMs + renameMs)} ms → ${verdict(keystrokeMs - reducerMs + renameMs)}`);
console.log(`If lint ran on every keystroke instead:                        ${fmt(keystrokeMs + lintMs)} ms → ${verdict(keystrokeMs + lintMs)}`);
console.log(`If every row re-rendered (no memo):                            ${fmt(keystrokeMs - rowMs + allRowsMs)} ms → ${verdict(keystrokeMs - rowMs + allRowsMs)}`);
