/**
 * Concrete answer sets where the draft gives a different disposition than the
 * published version, made as small as possible so a clinician can read one at
 * a glance and turn it into a test case with one click.
 */
import { factLabel, formatQuantity, type AnswerValue, type CompiledRuleSet, type Fact } from "@/lib/engine";
import { testCaseIdFromName } from "@/lib/testcases/ids";
import type { TestCase } from "@/lib/testcases/schema";
import { toCompiled, type RuleSetLike } from "@/lib/testcases/validate";
import { evaluatePair, type AnswerRecord } from "./pair";
import type { UrgencyChange } from "./urgency";

export interface ExampleOutcome {
  disposition: string | null;
  label: string | null;
}

export interface ExploredExample {
  /** Only answered questions; everything else is unanswered. */
  answers: AnswerRecord;
  published: ExampleOutcome;
  draft: ExampleOutcome;
  urgency: UrgencyChange;
  /** e.g. "saddle numbness yes, symptom duration 80 hours". */
  description: string;
}

export interface Candidate {
  answers: AnswerRecord;
  published: string | null;
  draft: string | null;
  urgency: UrgencyChange;
  order: number;
}

const URGENCY_PRIORITY: Record<UrgencyChange, number> = { reduced: 0, increased: 1, same: 2 };

function better(a: Candidate, b: Candidate): boolean {
  const byUrgency = URGENCY_PRIORITY[a.urgency] - URGENCY_PRIORITY[b.urgency];
  if (byUrgency !== 0) return byUrgency < 0;
  const bySize = Object.keys(a.answers).length - Object.keys(b.answers).length;
  return bySize !== 0 ? bySize < 0 : a.order < b.order;
}

/** Keeps the best `size` candidates seen: reductions first, then fewer answers, then first found. */
export class CandidatePool {
  private readonly items: Candidate[] = [];
  constructor(private readonly size: number) {}

  /** Whether a candidate with this urgency and size could still get in (saves copying answers that would not). */
  wants(urgency: UrgencyChange, answered: number): boolean {
    if (this.items.length < this.size) return true;
    const worst = this.items[this.worstIndex()];
    const byUrgency = URGENCY_PRIORITY[urgency] - URGENCY_PRIORITY[worst.urgency];
    return byUrgency < 0 || (byUrgency === 0 && answered < Object.keys(worst.answers).length);
  }

  add(candidate: Candidate): void {
    if (this.items.length < this.size) {
      this.items.push(candidate);
      return;
    }
    const worst = this.worstIndex();
    if (better(candidate, this.items[worst])) this.items[worst] = candidate;
  }

  best(): Candidate[] {
    return [...this.items].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }

  private worstIndex(): number {
    let worst = 0;
    for (let i = 1; i < this.items.length; i++) if (better(this.items[worst], this.items[i])) worst = i;
    return worst;
  }
}

/**
 * Greedily drops answers (last question first) while both versions keep giving
 * the same dispositions, then drops answers neither version used.
 */
export function minimize(published: CompiledRuleSet, draft: CompiledRuleSet, candidate: Candidate, factOrder: readonly string[]): AnswerRecord {
  const answers: AnswerRecord = { ...candidate.answers };
  const keeps = (trial: AnswerRecord) => {
    const pair = evaluatePair(published, draft, trial);
    return (pair.published.disposition?.id ?? null) === candidate.published && (pair.draft.disposition?.id ?? null) === candidate.draft;
  };
  // The explorer found this with its fast path; a clinician must only ever see what evaluate() itself says.
  if (!keeps(answers)) throw new Error("Impact preview: the fast outcome disagrees with evaluate(); this is a bug in lib/preview/fast-outcome.ts.");
  for (const id of [...factOrder].reverse()) {
    if (!(id in answers)) continue;
    const trial = { ...answers };
    delete trial[id];
    if (keeps(trial)) delete answers[id];
  }
  for (const id of evaluatePair(published, draft, answers).withoutEffect) delete answers[id];
  return answers;
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(4)));
}

function describeAnswer(fact: Fact | undefined, id: string, value: AnswerValue): string {
  const label = fact ? factLabel(fact) : id;
  if (typeof value === "boolean") return `${label} ${value ? "yes" : "no"}`;
  if (typeof value === "number") return `${label} ${formatQuantity(Number(formatNumber(value)), fact?.type === "number" ? fact.unit : undefined)}`;
  const optionLabel = (optionId: string) =>
    fact && (fact.type === "singleChoice" || fact.type === "multipleChoice") ? (fact.options.find((o) => o.id === optionId)?.label ?? optionId) : optionId;
  if (typeof value === "string") return `${label} ${optionLabel(value)}`;
  return value.length === 0 ? `${label} none` : `${label} ${value.map(optionLabel).join(" + ")}`;
}

/** Answers in question order, as a short phrase. */
export function describeAnswers(answers: AnswerRecord, facts: ReadonlyMap<string, Fact>, factOrder: readonly string[]): string {
  const parts = factOrder.filter((id) => id in answers).map((id) => describeAnswer(facts.get(id), id, answers[id]));
  return parts.length === 0 ? "nothing answered" : parts.join(", ");
}

const MAX_NAME = 200;

export interface ExampleToTestCaseOptions {
  /** Cases already in the suite, so the new id and name do not clash. */
  existing?: ReadonlyArray<Pick<TestCase, "id" | "name">>;
}

/**
 * A test case from an explored example. The expected disposition is only a
 * starting point for the clinician: where the draft is LESS urgent it defaults
 * to the published (more urgent, safer) result, so the case fails until
 * someone confirms the reduction is intended; otherwise to the draft's result.
 */
export function exampleToTestCase(example: ExploredExample, draft: RuleSetLike, options: ExampleToTestCaseOptions = {}): TestCase {
  const compiled = toCompiled(draft);
  const useDraft = example.urgency !== "reduced";
  const expected = (useDraft ? example.draft.disposition : example.published.disposition) ?? example.draft.disposition ?? example.published.disposition;
  if (expected === null) throw new Error("Neither version gives a disposition for this example, so there is nothing to expect.");

  // Answers the draft does not accept were unanswered for it anyway; keeping them would make the case invalid.
  const answers: TestCase["answers"] = {};
  for (const [id, value] of Object.entries(example.answers)) {
    const slot = compiled.slotOf.get(id);
    if (slot !== undefined && compiled.facts[slot].check(value) === undefined) answers[id] = Array.isArray(value) ? [...value] : (value as boolean | number | string);
  }

  const existing = options.existing ?? [];
  const names = new Set(existing.map((c) => c.name.trim()));
  const base = `Explored: ${example.description}`;
  const trim = (text: string, room: number) => (text.length <= room ? text : `${text.slice(0, room - 1)}…`);
  let name = trim(base, MAX_NAME);
  for (let n = 2; names.has(name); n++) name = `${trim(base, MAX_NAME - ` (${n})`.length)} (${n})`;

  const before = example.published.label ?? "no disposition";
  const after = example.draft.label ?? "no disposition";
  const note = useDraft
    ? `Found by exploring the answer space: the published version gives ${before}, the draft gives ${after}. The expected result was set to the draft's; confirm it clinically.`
    : `Found by exploring the answer space: the published version gives ${before}, the draft gives ${after}, which is LESS URGENT. The expected result was set to the published (more urgent) one; change it only if the reduction is clinically intended.`;

  return {
    id: testCaseIdFromName(name, new Set(existing.map((c) => c.id))),
    name,
    answers,
    expected: { disposition: expected },
    tags: ["explored"],
    note,
  };
}
