/**
 * Triage Studio client SDK: fetch published rule sets and triage on the device.
 *
 * Every evaluation is a TriageOutcome with `status: "final" | "provisional"`.
 * A provisional outcome could still become MORE urgent: show
 * `adviceToShow(outcome)` (its `couldEscalateTo`), ask `askNext` first (red
 * flags first), never reassure. See outcome.ts.
 */
export { TriageClient, engineDocument } from "./triage-client";
export type { LoadedRuleSet, TriageClientOptions } from "./triage-client";
export { adviceToShow, guidanceToShow, remoteTriageOutcome, triageOutcome, InconsistentOutcomeError } from "./outcome";
export type {
  FinalOutcome,
  ProvisionalOutcome,
  RemoteDisposition,
  RemoteFinalOutcome,
  RemoteProvisionalOutcome,
  RemoteQuestion,
  RemoteTriageOutcome,
  TriageOutcome,
} from "./outcome";
export { questionPlan } from "./question-plan";
export type { QuestionPlan } from "./question-plan";
export { MemoryStore, localStorageStore } from "./store";
export type { RuleSetStore, StoredRuleSet } from "./store";
export {
  RemoteProblemError,
  RuleSetIntegrityError,
  RuleSetNotFoundError,
  RuleSetUnavailableError,
  RuleSetWithdrawnError,
} from "./errors";
export type { PublishedRuleSet, EvaluateResponse } from "../public/schemas";
export type { Answers, Disposition, EvaluationResult, Fact, Guidance } from "../engine";
