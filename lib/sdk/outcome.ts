/**
 * A triage outcome as a typed state, so that a provisional outcome cannot be
 * mistaken for advice.
 *
 * `status: "final"`: no answer to the questions still open can make the outcome
 * more urgent. Show `disposition` (null: the rule set does not cover these
 * answers, show your own safe fallback such as "contact a clinician", never
 * "nothing to worry about") and `guidance`.
 *
 * `status: "provisional"`: answers to open questions could still make it more
 * urgent. Show the advice of `couldEscalateTo` (label and action), never
 * `disposition`'s and never reassurance; ask `askNext` first (red-flag questions
 * first). A person who skips them or is not sure keeps that advice.
 * `adviceToShow(outcome)` and `guidanceToShow(outcome)` pick what to show in
 * both states.
 */
import type { Disposition, EvaluationResult, Fact, Guidance, RuleSet, RuleSetInput } from "../engine";
import type { EvaluateResponse } from "../public/schemas";
import { questionPlan } from "./question-plan";

type Document = RuleSet | RuleSetInput;

/** No answer to the open questions can make it more urgent: this is the advice. */
export interface FinalOutcome extends EvaluationResult {
  status: "final";
  final: true;
  couldEscalateTo: null;
  escalationFacts: [];
  /**
   * Questions that could still change the outcome, only ever towards LESS
   * urgent (`missingFacts` as questions). Asking them refines the advice; not
   * asking them is safe.
   */
  askNext: Fact[];
}

/**
 * Answers to open questions could still make it MORE urgent. Show the advice of
 * `couldEscalateTo`, never `disposition`'s (which may be reassuring), and ask
 * `askNext` before anything else. Never word or style it as reassurance.
 */
export interface ProvisionalOutcome extends EvaluationResult {
  status: "provisional";
  final: false;
  /** The most urgent disposition answering more could lead to: the advice to show until `askNext` is answered. */
  couldEscalateTo: Disposition;
  /**
   * The unanswered questions that could cause the escalation, red-flag questions
   * first (see questionPlan), then most urgent first. Ask these first; a
   * follow-up's parent question comes before it.
   */
  askNext: Fact[];
  /** The guidance of `couldEscalateTo`, to show with its action. */
  escalationGuidance: Guidance[];
}

export type TriageOutcome = FinalOutcome | ProvisionalOutcome;

/** A disposition as the public API describes it. */
export type RemoteDisposition = NonNullable<EvaluateResponse["disposition"]>;
export type RemoteQuestion = EvaluateResponse["missingFacts"][number];

/** The server's evaluation, final: show `disposition` and `guidance`. */
export interface RemoteFinalOutcome extends EvaluateResponse {
  status: "final";
  final: true;
  couldEscalateTo: null;
  /** `missingFacts`: they can only make the outcome less urgent. */
  askNext: RemoteQuestion[];
}

/**
 * The server's evaluation, provisional: show the advice of `couldEscalateTo`,
 * never `disposition` or `guidance`; ask `askNext` (= `escalationFacts`, most
 * urgent first) before anything else.
 */
export interface RemoteProvisionalOutcome extends EvaluateResponse {
  status: "provisional";
  final: false;
  couldEscalateTo: RemoteDisposition;
  askNext: RemoteQuestion[];
}

export type RemoteTriageOutcome = RemoteFinalOutcome | RemoteProvisionalOutcome;

/** The evaluation claims to be provisional but names nothing it could escalate to: it cannot be shown safely. */
export class InconsistentOutcomeError extends Error {
  constructor() {
    super("The evaluation is not final but has no couldEscalateTo: it cannot be shown safely.");
    this.name = "InconsistentOutcomeError";
  }
}

/**
 * Turns the engine's result for `document` into a typed outcome. Use it when
 * you evaluate with the engine yourself (e.g. a preview of a draft);
 * TriageClient.evaluate and evaluateWith already return outcomes.
 */
export function triageOutcome(document: Document, result: EvaluationResult): TriageOutcome {
  const facts = new Map(((document.facts ?? []) as Fact[]).map((fact) => [fact.id, fact]));
  const asFacts = (ids: readonly string[]) => ids.flatMap((id) => (facts.has(id) ? [facts.get(id)!] : []));
  if (result.final) {
    return { ...result, status: "final", final: true, couldEscalateTo: null, escalationFacts: [], askNext: asFacts(result.missingFacts) };
  }
  if (!result.couldEscalateTo) throw new InconsistentOutcomeError();
  const { redFlag } = questionPlan(document);
  // Stable: red flags first, each group in the engine's order (most urgent first).
  const askNext = asFacts([...result.escalationFacts.filter((id) => redFlag.has(id)), ...result.escalationFacts.filter((id) => !redFlag.has(id))]);
  const blocks = new Map(((document.guidance ?? []) as Guidance[]).map((block) => [block.id, block]));
  const escalationGuidance = (result.couldEscalateTo.guidance ?? []).flatMap((id) => (blocks.has(id) ? [blocks.get(id)!] : []));
  return { ...result, status: "provisional", final: false, couldEscalateTo: result.couldEscalateTo, askNext, escalationGuidance };
}

/** Turns the public API's evaluate response into a typed outcome. */
export function remoteTriageOutcome(response: EvaluateResponse): RemoteTriageOutcome {
  if (response.final) return { ...response, status: "final", final: true, couldEscalateTo: null, askNext: response.missingFacts };
  if (!response.couldEscalateTo) throw new InconsistentOutcomeError();
  return { ...response, status: "provisional", final: false, couldEscalateTo: response.couldEscalateTo, askNext: response.escalationFacts };
}

/**
 * The disposition whose label and action must be shown: `couldEscalateTo` while
 * provisional, else `disposition`. null only for a final outcome the rule set
 * does not cover: show your own safe fallback then, never reassurance.
 */
export function adviceToShow(outcome: TriageOutcome): Disposition | null;
export function adviceToShow(outcome: RemoteTriageOutcome): RemoteDisposition | null;
export function adviceToShow(outcome: TriageOutcome | RemoteTriageOutcome): Disposition | RemoteDisposition | null {
  return outcome.status === "provisional" ? outcome.couldEscalateTo : outcome.disposition;
}

/**
 * The guidance to show with `adviceToShow`: the outcome's own when final; while
 * provisional, the guidance of `couldEscalateTo` (computed locally, or the
 * public API's `escalationGuidance`), never the provisional disposition's.
 */
export function guidanceToShow(outcome: TriageOutcome): Guidance[];
export function guidanceToShow(outcome: RemoteTriageOutcome): EvaluateResponse["guidance"];
export function guidanceToShow(outcome: TriageOutcome | RemoteTriageOutcome): Guidance[] | EvaluateResponse["guidance"] {
  if (outcome.status === "final") return outcome.guidance;
  return outcome.escalationGuidance;
}
