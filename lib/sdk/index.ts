/** Triage Studio client SDK: fetch published rule sets and triage on the device. */
export { TriageClient, engineDocument } from "./triage-client";
export type { LoadedRuleSet, TriageClientOptions } from "./triage-client";
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
export type { Answers, EvaluationResult } from "../engine";
