/**
 * Evaluating one answer set against both versions. Each version only gets the
 * answers it accepts: a question the draft added (or an option it added) is
 * simply unanswered for the published version, as it would be for a person
 * using the published questionnaire.
 */
import { evaluate, type AnswerValue, type CompiledRuleSet, type EvaluationResult } from "@/lib/engine";

export type AnswerRecord = Record<string, AnswerValue>;

export interface PairResult {
  published: EvaluationResult;
  draft: EvaluationResult;
  /** Answered facts that neither version used (not applicable, or unknown to the version). */
  withoutEffect: string[];
}

function accepted(version: CompiledRuleSet, answers: AnswerRecord): AnswerRecord {
  const out: AnswerRecord = {};
  for (const id in answers) {
    const slot = version.slotOf.get(id);
    if (slot !== undefined && version.facts[slot].check(answers[id]) === undefined) out[id] = answers[id];
  }
  return out;
}

/** The full engine on both versions (the explorer's hot loop uses fast-outcome.ts instead). */
export function evaluatePair(published: CompiledRuleSet, draft: CompiledRuleSet, answers: AnswerRecord): PairResult {
  const forPublished = accepted(published, answers);
  const forDraft = accepted(draft, answers);
  const p = evaluate(published, forPublished, { trace: false });
  const d = evaluate(draft, forDraft, { trace: false });
  const withoutEffect: string[] = [];
  for (const id in answers) {
    const usedByPublished = id in forPublished && !p.ignoredAnswers.includes(id);
    const usedByDraft = id in forDraft && !d.ignoredAnswers.includes(id);
    if (!usedByPublished && !usedByDraft) withoutEffect.push(id);
  }
  return { published: p, draft: d, withoutEffect };
}
