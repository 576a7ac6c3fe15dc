/**
 * What a client app would do with a person's answers: show a follow-up only
 * when its askWhen holds, and forget answers to questions that are no longer
 * shown (e.g. the person changed the parent answer). Pure; depends only on the
 * engine so the demo client app can reuse it.
 */
import {
  evaluate,
  formatQuantity,
  validateAnswers,
  type AnswerValue,
  type Answers,
  type EvaluationResult,
  type Fact,
  type RuleSet,
  type RuleSetInput,
} from "@/lib/engine";

export type RuleSetDoc = RuleSet | RuleSetInput;
export type AnswerMap = Record<string, AnswerValue>;

export interface PatientState {
  /** Ids of the questions a client app shows now, in document order. */
  shown: string[];
  /** The answers that count: only shown questions, only values the questions accept. */
  answers: AnswerMap;
  /** The evaluation of `answers`, with its trace. */
  result: EvaluationResult;
}

/** Drops unanswered entries and values the rule set rejects (unknown ids, out of bounds…). */
export function acceptedAnswers(ruleSet: RuleSetDoc, raw: Answers): AnswerMap {
  const rejected = new Set(validateAnswers(ruleSet, raw).map((issue) => issue.factId));
  const out: AnswerMap = {};
  for (const [id, value] of Object.entries(raw)) {
    if (value !== null && value !== undefined && !rejected.has(id)) out[id] = value;
  }
  return out;
}

/**
 * Throws the engine's RuleSetCompileError when the draft cannot be evaluated.
 * Hiding a follow-up can hide another that depends on it, so this repeats
 * until nothing more is dropped (at most once per question).
 */
export function patientState(ruleSet: RuleSetDoc, raw: Answers): PatientState {
  const facts = ruleSet.facts ?? [];
  let answers = acceptedAnswers(ruleSet, raw);
  for (let round = 0; ; round++) {
    const result = evaluate(ruleSet, answers, { trace: true });
    const askWhen = new Map((result.trace?.followUps ?? []).map((f) => [f.factId, f.askWhen]));
    const shown = facts.filter((fact) => fact.askWhen === undefined || askWhen.get(fact.id) === "true").map((fact) => fact.id);
    const visible = new Set(shown);
    const kept: AnswerMap = {};
    for (const [id, value] of Object.entries(answers)) if (visible.has(id)) kept[id] = value;
    if (Object.keys(kept).length === Object.keys(answers).length || round > facts.length) return { shown, answers, result };
    answers = kept;
  }
}

/** An answer as the person gave it: "yes", "72 hours", "Chest; Arm". */
export function formatAnswer(fact: Fact | undefined, value: AnswerValue | null | undefined): string {
  if (value === null || value === undefined) return "not answered";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return formatQuantity(value, fact?.type === "number" ? fact.unit : undefined);
  const label = (id: string) =>
    fact && (fact.type === "singleChoice" || fact.type === "multipleChoice") ? (fact.options.find((o) => o.id === id)?.label ?? id) : id;
  if (typeof value === "string") return label(value);
  return value.length === 0 ? "none of these" : value.map(label).join(", ");
}

export function factsById(ruleSet: RuleSetDoc): Map<string, Fact> {
  return new Map((ruleSet.facts ?? []).map((fact) => [fact.id, fact as Fact]));
}
