/**
 * The explanation of an evaluation, shaped for a clinician reading why a rule
 * did or did not fire, down to every comparison and the answer it saw.
 */
import type { Comparison } from "./schema";
import type { AnswerValue } from "./answers";
import type { TruthLabel } from "./truth";

/** Whether the engine used the answer to a question. */
export type FactStatus = "answered" | "unanswered" | "notApplicable";

export interface ComparisonTrace {
  kind: "comparison";
  result: TruthLabel;
  /** Plain-language form, e.g. "symptom duration is more than 72 hours". */
  text: string;
  fact: string;
  comparison: Comparison;
  /** The answer the comparison saw; null when unanswered or not applicable. */
  actual: AnswerValue | null;
  factStatus: FactStatus;
}

export interface GroupTrace {
  kind: "all" | "any";
  result: TruthLabel;
  children: ConditionTrace[];
}

export interface NotTrace {
  kind: "not";
  result: TruthLabel;
  child: ConditionTrace;
}

export type ConditionTrace = ComparisonTrace | GroupTrace | NotTrace;

export interface RuleTrace {
  ruleId: string;
  title: string;
  disposition: string;
  /** "true" means the rule fired. "unknown" means unanswered questions could still make it fire. */
  result: TruthLabel;
  fired: boolean;
  /** The rule's condition as a sentence. */
  text: string;
  condition: ConditionTrace;
}

export interface FollowUpTrace {
  factId: string;
  /** Result of the fact's askWhen: "false" means the question does not apply. */
  askWhen: TruthLabel;
  status: FactStatus;
  condition: ConditionTrace;
}

export interface EvaluationTrace {
  /** Enabled rules in document order (disabled rules are not evaluated). */
  rules: RuleTrace[];
  /** Follow-up questions, in the order their conditions were decided. */
  followUps: FollowUpTrace[];
}
